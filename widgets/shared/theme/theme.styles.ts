import { css, type CSSResult, unsafeCSS } from 'lit';
import { type Defaults, defaultsNamed, type TokenName } from './palette.ts';

/**
 * A widget's share of the theme: for each colour token it paints with (by short name, `gray-medium`), an
 * internal `--_gray-medium` that is the page's `--metronome-gray-medium` or the default of the palette in
 * force. Every widget also gets text and background, the font, a radius (`--_radius`) and a spacing unit
 * (`--_space`).
 *
 * With no theme asked for, the widget takes the page's font and text colour and stays transparent unless
 * the page sets `--metronome-white`, so it sits in the page like its own markup. The `dark` palette
 * (system preference, `theme="dark"` or a `dark` class above it) and a forced `light` one paint their own
 * text and background, so they read on any page.
 *
 * Every widget is a query container (`container-type: inline-size`): its own width, not the viewport's,
 * decides its layout, and its content never widens it, so a table or a long select cannot make a grid
 * or flex column of the page grow past the screen. (It is as wide as its container gives it: in a
 * shrink-to-fit box, such as a flex row, give it a width or `flex: 1`.)
 */
export function themeStyles(...names: TokenName[]): CSSResult {
  return themeOf(Object.fromEntries([...new Set(['gray-dark', 'white', ...names])].map((name) => [name, defaultsNamed(name)])));
}

/**
 * `themeStyles` for every token of `tokens` (which holds `gray-dark` and `white`), with those defaults:
 * a widget's file that names its tokens this way carries no other token's colours.
 */
export function themeOf(tokens: Defaults): CSSResult {
  // `--_gray-medium:var(--metronome-gray-medium,#4b5563);` for each token: `palette` 0 is light, 1 dark.
  const defaults = (palette: 0 | 1) => unsafeCSS(Object.entries(tokens).map(([name, colours]) => `--_${name}:var(--metronome-${name},${colours[palette]});`).join(''));
  return css`
    :host {
      display: block;
      container-type: inline-size;
      ${defaults(0)}
      --_radius: var(--metronome-radius, 6px);
      --_space: var(--metronome-spacing, 0.5rem);
      color: var(--metronome-gray-dark);
      background: var(--metronome-white);
      font-family: var(--metronome-font-family);
    }
    :host(:state(light)) {
      color-scheme: light;
    }
    :host(:state(dark)) {
      ${defaults(1)}
      color-scheme: dark;
    }
    :host(:state(light)),
    :host(:state(dark)) {
      color: var(--_gray-dark);
      background: var(--_white);
    }
  `;
}
