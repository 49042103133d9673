import { COLOR_TOKENS, internal } from '../shared/theme/palette.ts';

let canvas: CanvasRenderingContext2D | null | undefined;

/**
 * `#rrggbb` for any CSS colour a page writes (`white`, `rgb()`, `#abc`…), resolved by the browser's own
 * colour parser; null for what is not a colour or has transparency, which Metronome cannot take.
 */
export function hexColour(value: string): string | null {
  if (!value || !CSS.supports('color', value)) return null;
  canvas ??= document.createElement('canvas').getContext('2d');
  if (!canvas) return null;
  canvas.fillStyle = '#000000';
  canvas.fillStyle = value;
  const resolved = String(canvas.fillStyle);
  return /^#[0-9a-f]{6}$/.test(resolved) ? resolved : null;
}

/**
 * The color_overrides for the hosted dashboard, read from the element's computed style: the slots the
 * page sets (`--metronome-*`) or, when `wholePalette`, the palette in force (the widget's resolved
 * `--_*` properties, page tokens over theme defaults).
 */
export function colorOverrides(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>, wholePalette: boolean): Array<{ name: string; value: string }> {
  return COLOR_TOKENS.flatMap(({ slot, property }) => {
    const value = style.getPropertyValue(wholePalette ? internal(property) : property).trim();
    const hex = slot ? hexColour(value) : null;
    return slot && hex ? [{ name: slot, value: hex }] : [];
  });
}
