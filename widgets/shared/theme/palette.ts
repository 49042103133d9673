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

export const COLOR_TOKENS: readonly ColorToken[] = [
  { property: '--metronome-gray-dark', slot: 'Gray_dark', light: '#111827', dark: '#f3f4f6', role: 'Text' },
  { property: '--metronome-gray-medium', slot: 'Gray_medium', light: '#4b5563', dark: '#9ca3af', role: 'Secondary text: axis labels, notes, messages' },
  { property: '--metronome-gray-light', slot: 'Gray_light', light: '#d1d5db', dark: '#4b5563', role: 'Borders and table rules' },
  { property: '--metronome-gray-extralight', slot: 'Gray_extralight', light: '#e5e7eb', dark: '#374151', role: 'Gridlines and loading skeletons' },
  { property: '--metronome-white', slot: 'White', light: '#ffffff', dark: '#111827', role: 'Background' },
  { property: '--metronome-primary-medium', slot: 'Primary_medium', light: '#2563eb', dark: '#60a5fa', role: 'Accent: focus ring, pressed toggles, draft invoices' },
  { property: '--metronome-primary-light', slot: 'Primary_light', light: '#eff6ff', dark: '#172554', role: 'Accent background: pressed toggles, the open invoice' },
  ...USAGE_LINES.map(([light, dark], i) => ({
    property: `--metronome-usage-line-${i}` as const,
    slot: `UsageLine_${i}`,
    light,
    dark,
    role: `Series ${i + 1}`,
  })),
  { property: '--metronome-primary-green', slot: 'Primary_green', light: '#047857', dark: '#34d399', role: 'Good news: finalized invoices, remaining balances, figures that reconcile' },
  { property: '--metronome-primary-red', slot: 'Primary_red', light: '#b91c1c', dark: '#f87171', role: "Bad news: errors, figures that don't reconcile" },
  { property: '--metronome-progress-bar', slot: 'Progress_bar', light: '#2563eb', dark: '#60a5fa', role: 'Used part of a balance' },
  { property: '--metronome-progress-bar-background', slot: 'Progress_bar_background', light: '#e5e7eb', dark: '#374151', role: 'Track behind a balance bar' },
  { property: '--metronome-action', light: '#1d4ed8', dark: '#93c5fd', role: 'Links and text buttons' },
  { property: '--metronome-action-hover', light: '#1e40af', dark: '#bfdbfe', role: 'Links and text buttons under the pointer' },
];

/** The token for a short name (`gray-medium`, `usage-line-3`). */
export type TokenName = string;

/** The custom property a stylesheet reads, internal to the widget: the page's token or the theme's default. */
export const internal = (property: string) => property.replace('--metronome-', '--_');

export const tokenNamed = (name: TokenName): ColorToken => {
  const token = COLOR_TOKENS.find((t) => t.property === `--metronome-${name}`);
  if (!token) throw new Error(`No colour token --metronome-${name}`);
  return token;
};

/** Non-colour tokens and their defaults. */
export const FONT_FAMILY = '--metronome-font-family';
export const RADIUS = { property: '--metronome-radius', value: '6px' } as const;
export const SPACING = { property: '--metronome-spacing', value: '0.5rem' } as const;
