/**
 * Metronome's dashboard colour slots and the page-level custom properties that set them, so a page
 * themes the hosted dashboards and the native widgets with the same tokens.
 */
export const COLOR_SLOTS = [
  ['Gray_dark', '--metronome-gray-dark'],
  ['Gray_medium', '--metronome-gray-medium'],
  ['Gray_light', '--metronome-gray-light'],
  ['Gray_extralight', '--metronome-gray-extralight'],
  ['White', '--metronome-white'],
  ['Primary_medium', '--metronome-primary-medium'],
  ['Primary_light', '--metronome-primary-light'],
  ...Array.from({ length: 10 }, (_, i) => [`UsageLine_${i}`, `--metronome-usage-line-${i}`] as const),
  ['Primary_green', '--metronome-primary-green'],
  ['Primary_red', '--metronome-primary-red'],
  ['Progress_bar', '--metronome-progress-bar'],
  ['Progress_bar_background', '--metronome-progress-bar-background'],
] as const;

/** `#abc` or `#aabbcc` as Metronome's `#aabbcc`; anything else (names, rgb(), var()) is not forwarded. */
export function hexColour(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  return null;
}

/** The color_overrides a page's custom properties ask for, read from an element's computed style. */
export function colorOverrides(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>): Array<{ name: string; value: string }> {
  return COLOR_SLOTS.flatMap(([name, property]) => {
    const value = hexColour(style.getPropertyValue(property));
    return value ? [{ name, value }] : [];
  });
}
