/**
 * Reading money off a rendered widget, as a person (or a screen reader) would, for the tests of the
 * money rule: every amount outside unit prices has at most its currency's minor unit of decimals, and
 * every "quantity × price = total" statement is arithmetically true as shown.
 */

/** Rates (`data-unit-price`) and exact figures shown on purpose (`data-exact`) keep every decimal. */
const EXEMPT = '[data-unit-price], [data-exact]';
const SILENT = new Set(['STYLE', 'SCRIPT', 'TEMPLATE']);
/** Accessible names and descriptions are read too. */
const SPOKEN = ['aria-label', 'aria-valuetext', 'aria-description'];

/**
 * What a widget shows and says: its text, shadow roots included, with element boundaries as spaces so
 * that figures in neighbouring cells stay apart, then every accessible name. Exempt subtrees are left
 * out, marked "‖".
 */
export function readableText(root: Node): string {
  const text: string[] = [];
  const spoken: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      text.push((node as Text).data);
      return;
    }
    if (node instanceof Element) {
      if (SILENT.has(node.tagName)) return;
      if (node.matches(EXEMPT)) {
        text.push(' ‖ ');
        return;
      }
      for (const name of SPOKEN) if (node.hasAttribute(name)) spoken.push(node.getAttribute(name)!);
      text.push(' ');
    }
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
    if (node instanceof Element) text.push(' ');
  };
  walk(root);
  return [...text, ' ¶ ', spoken.join(' ¶ ')].join('').replace(/\s+/g, ' ');
}

/** Decimals each currency symbol's minor unit allows (en-US). */
const SYMBOLS: Record<string, number> = { $: 2, '€': 2, '£': 2, '¥': 0 };
/** A custom pricing unit's amounts show at most this many decimals. */
const CUSTOM_DECIMALS = 2;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface OverPrecise {
  figure: string;
  allowed: number;
  context: string;
}

/** Every amount in `text` with more decimals than its currency (or custom unit) allows. */
export function overPrecise(text: string, customUnits: string[]): OverPrecise[] {
  const found: OverPrecise[] = [];
  const check = (match: RegExpMatchArray, decimals: string | undefined, allowed: number) => {
    if ((decimals?.length ?? 0) > allowed) {
      const at = match.index!;
      found.push({ figure: match[0], allowed, context: text.slice(Math.max(0, at - 60), at + match[0].length + 30) });
    }
  };
  for (const match of text.matchAll(/([$€£¥])\d[\d,]*(?:\.(\d+))?/g)) check(match, match[2], SYMBOLS[match[1]!]!);
  for (const unit of customUnits) {
    for (const match of text.matchAll(new RegExp(`\\d[\\d,]*(?:\\.(\\d+))? ${escape(unit)}`, 'g'))) check(match, match[1], CUSTOM_DECIMALS);
  }
  return found;
}

/** How many amounts `text` shows (currencies and the custom units), to tell a scan that saw money from one that saw none. */
export function amountsIn(text: string, customUnits: string[]): number {
  return (text.match(/[$€£¥]\d/g)?.length ?? 0) + customUnits.reduce((n, unit) => n + (text.match(new RegExp(`\\d ${escape(unit)}`, 'g'))?.length ?? 0), 0);
}

/** A decimal as shown ("1,234.5", "-0.0005"): digits × 10^-scale, exactly. */
export interface Shown {
  digits: bigint;
  scale: number;
}

export function parseShown(figure: string): Shown {
  const plain = figure.replace(/[,\s]/g, '');
  const [whole = '0', fraction = ''] = plain.split('.');
  return { digits: BigInt(whole + fraction), scale: fraction.length };
}

/** `value` rounded half away from zero to `places` decimals (written here again, on purpose, apart from contract/money.ts). */
export function roundHalfAway(value: Shown, places: number): Shown {
  if (value.scale <= places) return { digits: value.digits * 10n ** BigInt(places - value.scale), scale: places };
  const divisor = 10n ** BigInt(value.scale - places);
  const magnitude = value.digits < 0n ? -value.digits : value.digits;
  let rounded = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) rounded += 1n;
  return { digits: value.digits < 0n ? -rounded : rounded, scale: places };
}

export const times = (a: Shown, b: Shown): Shown => ({ digits: a.digits * b.digits, scale: a.scale + b.scale });

/** True when both are the same number, whatever their trailing zeros. */
export const sameValue = (a: Shown, b: Shown) => {
  const scale = Math.max(a.scale, b.scale);
  return a.digits * 10n ** BigInt(scale - a.scale) === b.digits * 10n ** BigInt(scale - b.scale);
};
