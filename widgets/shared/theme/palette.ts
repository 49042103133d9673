/**
 * The theme's colour tokens: custom properties named after Metronome's dashboard colour slots (so one
 * palette themes the native widgets and the hosted dashboards), two native-only action colours, and
 * their light and dark defaults. Everything else about the theme (stylesheets, demo presets, the
 * dashboard's `color_overrides`) is derived from this table.
 */
export interface ColorToken {
  /** The page-level custom property. */
  readonly property: `--metronome-${string}`;
  /** Metronome's `color_overrides` name, when the hosted dashboards have the slot. */
  readonly slot?: string;
  readonly light: string;
  readonly dark: string;
  /** What the widgets paint with it, for documentation and the demo's theme panel. */
  readonly role: string;
}

const USAGE_LINES: ReadonlyArray<readonly [string, string]> = [
  ['#2563eb', '#60a5fa'],
  ['#ea580c', '#fb923c'],
  ['#059669', '#34d399'],
  ['#a855f7', '#c084fc'],
  ['#e11d48', '#fb7185'],
  ['#0891b2', '#22d3ee'],
  ['#a16207', '#facc15'],
  ['#64748b', '#94a3b8'],
  ['#db2777', '#f472b6'],
  ['#65a30d', '#a3e635'],
];

/** Light and dark defaults of tokens, by short name. */
export type Defaults = Readonly<Record<string, readonly [light: string, dark: string]>>;

const BASE: Defaults = {
  'gray-dark': ['#111827', '#f3f4f6'],
  'gray-medium': ['#4b5563', '#9ca3af'],
  'gray-light': ['#d1d5db', '#4b5563'],
  'gray-extralight': ['#e5e7eb', '#374151'],
  white: ['#ffffff', '#111827'],
  'primary-medium': ['#2563eb', '#60a5fa'],
  'primary-light': ['#eff6ff', '#172554'],
  ...Object.fromEntries(USAGE_LINES.map((colours, i) => [`usage-line-${i}`, colours])),
};

const STATUS: Defaults = {
  'primary-green': ['#047857', '#34d399'],
  'primary-red': ['#b91c1c', '#f87171'],
  'progress-bar': ['#2563eb', '#60a5fa'],
  'progress-bar-background': ['#e5e7eb', '#374151'],
};

const ACTIONS: Defaults = {
  action: ['#1d4ed8', '#93c5fd'],
  'action-hover': ['#1e40af', '#bfdbfe'],
};

/**
 * Each token's light and dark default, by short name, in the table's order: all a widget's stylesheet
 * needs. Apart from the table below, so that a widget's file carries none of the slots and roles.
 */
export const DEFAULTS: Defaults = /* @__PURE__ */ Object.assign({}, BASE, STATUS, ACTIONS);

/**
 * The defaults of every token a windowed chart (usage, spend) paints with: all but the status colours,
 * in a table of their own so that a chart's file, which does not look tokens up by name, carries no others.
 */
export const CHART_DEFAULTS: Defaults = /* @__PURE__ */ Object.assign({}, BASE, ACTIONS);

/** Each token's Metronome slot, when the hosted dashboards have one, and role, by short name; the series' below. */
const SLOTS_AND_ROLES: Readonly<Record<string, readonly [slot: string | undefined, role: string]>> = {
  'gray-dark': ['Gray_dark', 'Text'],
  'gray-medium': ['Gray_medium', 'Secondary text: axis labels, notes, messages'],
  'gray-light': ['Gray_light', 'Borders and table rules'],
  'gray-extralight': ['Gray_extralight', 'Gridlines and loading skeletons'],
  white: ['White', 'Background'],
  'primary-medium': ['Primary_medium', 'Accent: focus ring, pressed toggles, draft invoices'],
  'primary-light': ['Primary_light', 'Accent background: pressed toggles, the open invoice'],
  'primary-green': ['Primary_green', 'Good news: finalized invoices, remaining balances, figures that reconcile'],
  'primary-red': ['Primary_red', "Bad news: errors, figures that don't reconcile"],
  'progress-bar': ['Progress_bar', 'Used part of a balance'],
  'progress-bar-background': ['Progress_bar_background', 'Track behind a balance bar'],
  action: [undefined, 'Links and text buttons'],
  'action-hover': [undefined, 'Links and text buttons under the pointer'],
};

export const COLOR_TOKENS: readonly ColorToken[] = /* @__PURE__ */ Object.entries(DEFAULTS).map(([name, [light, dark]]) => {
  const line = /^usage-line-(\d+)$/.exec(name)?.[1];
  const [slot, role] = line ? [`UsageLine_${line}`, `Series ${Number(line) + 1}`] : SLOTS_AND_ROLES[name]!;
  return { property: `--metronome-${name}` as const, ...(slot ? { slot } : {}), light, dark, role };
});

/** The token for a short name (`gray-medium`, `usage-line-3`). */
export type TokenName = string;

/** The custom property a stylesheet reads, internal to the widget: the page's token or the theme's default. */
export const internal = (property: string) => property.replace('--metronome-', '--_');

/** A token's light and dark defaults, by short name. */
export const defaultsNamed = (name: TokenName): readonly [light: string, dark: string] => {
  const colours = DEFAULTS[name];
  if (!colours) throw new Error(`No colour token --metronome-${name}`);
  return colours;
};
