// The theme panel's presets: the widgets' own light and dark palettes, and two brand examples. Pure data
// plus one function, so Node tests can check every preset's contrast with the palette table passed in.

/** Short token name (`gray-dark`, `usage-line-3`) to value, as a full `--metronome-*` palette. */
const palette = (values) => Object.fromEntries(Object.entries(values).map(([name, value]) => [`--metronome-${name}`, value]));
const series = (values) => Object.fromEntries(values.map((value, i) => [`usage-line-${i}`, value]));

/** A teal brand on a faintly blue-green page: calm, cool series with one warm accent for contrast. */
const OCEAN = palette({
  'gray-dark': '#0b2530',
  'gray-medium': '#3f5b66',
  'gray-light': '#bfd3da',
  'gray-extralight': '#dfecf0',
  white: '#f7fbfc',
  'primary-medium': '#0e7490',
  'primary-light': '#cdf0f5',
  ...series(['#0f766e', '#1d4ed8', '#c2410c', '#7e22ce', '#0891b2', '#4d7c0f', '#be185d', '#475569', '#a16207', '#0369a1']),
  'primary-green': '#047857',
  'primary-red': '#b42318',
  'progress-bar': '#0f766e',
  'progress-bar-background': '#d3e7ea',
  action: '#0e7490',
  'action-hover': '#155e75',
});

/** A warm dark brand: ember orange on charcoal brown, series from fire to dusk. */
const EMBER = palette({
  'gray-dark': '#fbeee6',
  'gray-medium': '#cdb2a5',
  'gray-light': '#4d3a33',
  'gray-extralight': '#362822',
  white: '#1c1512',
  'primary-medium': '#fb923c',
  'primary-light': '#4a2716',
  ...series(['#fb923c', '#f43f5e', '#facc15', '#e879f9', '#2dd4bf', '#fdba74', '#a78bfa', '#f472b6', '#a3e635', '#60a5fa']),
  'primary-green': '#86efac',
  'primary-red': '#fca5a5',
  'progress-bar': '#f97316',
  'progress-bar-background': '#3b2a23',
  action: '#fdba74',
  'action-hover': '#fed7aa',
});

/** Font stacks the panel offers; the empty value leaves `--metronome-font-family` unset (the page's font). */
export const FONTS = [
  ['', 'Page font (inherit)'],
  ['system-ui, sans-serif', 'System UI'],
  ["'Helvetica Neue', Arial, sans-serif", 'Helvetica / Arial'],
  ["Georgia, 'Times New Roman', serif", 'Georgia (serif)'],
  ['ui-rounded, system-ui, sans-serif', 'Rounded'],
  ['ui-monospace, SFMono-Regular, Menlo, monospace', 'Monospace'],
];

/** The non-colour tokens: sliders with their unit and default, and the font. */
export const SIZES = [
  { property: '--metronome-radius', label: 'Corner radius', unit: 'px', min: 0, max: 16, step: 1, value: 6 },
  { property: '--metronome-spacing', label: 'Spacing unit', unit: 'rem', min: 0.25, max: 1, step: 0.125, value: 0.5 },
  { property: '--usage-chart-height', label: 'Chart height', unit: 'rem', min: 8, max: 32, step: 1, value: 16 },
  { property: '--metronome-dashboard-height', label: 'Dashboard height', unit: 'rem', min: 20, max: 60, step: 2, value: 40 },
];

const DEFAULT_SIZES = Object.fromEntries(SIZES.map((s) => [s.property, s.value]));

/**
 * Every preset, complete: `colors` has a value for each colour token, `sizes` for each slider, `font` a
 * FONTS value and `mode` the class the container gets (`light`, `dark`; '' follows the system).
 * `tokens` is the palette table (`COLOR_TOKENS` from the widgets' bundle).
 */
export function buildPresets(tokens) {
  const defaults = (mode) => Object.fromEntries(tokens.map((t) => [t.property, t[mode]]));
  const complete = (colors, name) => {
    const missing = tokens.filter((t) => !colors[t.property]).map((t) => t.property);
    if (missing.length) throw new Error(`Preset ${name} lacks ${missing.join(', ')}`);
    return colors;
  };
  return [
    { id: 'light', name: 'Light', mode: 'light', font: '', colors: defaults('light'), sizes: DEFAULT_SIZES },
    { id: 'dark', name: 'Dark', mode: 'dark', font: '', colors: defaults('dark'), sizes: DEFAULT_SIZES },
    { id: 'ocean', name: 'Ocean', mode: 'light', font: "'Helvetica Neue', Arial, sans-serif", colors: complete(OCEAN, 'Ocean'), sizes: { ...DEFAULT_SIZES, '--metronome-radius': 12 } },
    { id: 'ember', name: 'Ember', mode: 'dark', font: "Georgia, 'Times New Roman', serif", colors: complete(EMBER, 'Ember'), sizes: { ...DEFAULT_SIZES, '--metronome-radius': 2, '--metronome-spacing': 0.625 } },
  ];
}
