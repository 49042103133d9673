// WCAG 2.x contrast, for the theme panel's check: relative luminance and contrast ratio of hex colours,
// and the pairs of theme tokens that must read against each other. Pure: no DOM, so Node tests import it.

/** `#abc` or `#aabbcc` as [r, g, b] in 0..255; throws on anything else. */
export function parseHex(hex) {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(hex).trim());
  if (!match) throw new Error(`${hex} is not a #rrggbb colour`);
  const digits = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
}

/** Relative luminance, 0 (black) to 1 (white), as WCAG 2.x defines it (sRGB, 0.04045 threshold). */
export function relativeLuminance(hex) {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21, whichever order the colours come in. */
export function contrastRatio(a, b) {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * A ratio for people to read, to one decimal, truncated rather than rounded: WCAG's thresholds are not
 * rounded, so 4.48 shows as 4.4, never as a passing-looking 4.5.
 */
export const formatRatio = (ratio) => (Math.floor(ratio * 10 + 1e-9) / 10).toFixed(1);

/** Text needs 4.5:1 (AA, 1.4.3); graphics and focus indicators 3:1 (1.4.11). */
export const AA_TEXT = 4.5;
export const AA_GRAPHICS = 3;

const on = (fg, bg, min, what) => ({ fg: `--metronome-${fg}`, bg: `--metronome-${bg}`, min, what });

/** The token pairs the theme panel checks, foreground on background, with the minimum each needs. */
export const CONTRAST_PAIRS = [
  on('gray-dark', 'white', AA_TEXT, 'Text on the background'),
  on('gray-medium', 'white', AA_TEXT, 'Secondary text on the background'),
  on('action', 'white', AA_TEXT, 'Links and text buttons on the background'),
  on('action-hover', 'white', AA_TEXT, 'Hovered links on the background'),
  on('primary-red', 'white', AA_TEXT, 'Error text on the background'),
  on('primary-green', 'white', AA_TEXT, 'Good-news text on the background'),
  on('primary-medium', 'white', AA_GRAPHICS, 'Accent and focus ring on the background'),
  on('gray-dark', 'primary-light', AA_TEXT, 'Text on the accent background'),
  ...Array.from({ length: 10 }, (_, i) => on(`usage-line-${i}`, 'white', AA_GRAPHICS, `Series ${i + 1} on the background`)),
];

/**
 * Every checked pair of a palette (`{ '--metronome-white': '#ffffff', … }`) with its ratio and whether it
 * passes. Pairs naming a token the palette lacks are left out.
 */
export function checkPalette(palette, pairs = CONTRAST_PAIRS) {
  return pairs
    .filter((pair) => palette[pair.fg] && palette[pair.bg])
    .map((pair) => {
      const ratio = contrastRatio(palette[pair.fg], palette[pair.bg]);
      return { ...pair, ratio, pass: ratio >= pair.min };
    });
}

/** One line for a failing pair: what, which tokens, the ratio and what it needs. */
export function describeFailure(result) {
  const short = (property) => property.replace('--metronome-', '');
  return `${result.what} (${short(result.fg)} on ${short(result.bg)}): ${formatRatio(result.ratio)}:1, needs at least ${result.min}:1`;
}
