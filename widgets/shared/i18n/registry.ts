import type { Messages } from './en.ts';

/**
 * The catalogues a page has registered, by lower-case BCP 47 tag. English is built in; the others are
 * registered by importing their module (`metronome-widgets/locales/de`) or by the host's own
 * `registerMessages('fr', { … })`. Kept on `globalThis` under a registered symbol, as the page
 * configuration is, so a catalogue registered through one copy of the package serves every copy.
 * No import of the English catalogue here: a locale module carries only its own words.
 */

interface Shared {
  catalogues: Map<string, Partial<Messages>>;
  listeners: Set<() => void>;
}

const KEY = Symbol.for('metronome-widgets.messages');
const shared: Shared = ((globalThis as Record<symbol, unknown>)[KEY] as Shared | undefined) ?? { catalogues: new Map(), listeners: new Set() };
(globalThis as Record<symbol, unknown>)[KEY] = shared;

/**
 * Registers the words of a locale (`de`, or a region such as `de-CH` for what differs there) and
 * re-renders every widget. Keys left out fall back to the language's catalogue, then to English.
 */
export function registerMessages(locale: string, messages: Partial<Messages>): void {
  const tag = locale.toLowerCase();
  shared.catalogues.set(tag, { ...shared.catalogues.get(tag), ...messages });
  for (const listener of shared.listeners) listener();
}

/** The registered catalogues for a locale, most specific first: `de-AT` → those of `de-at`, then `de`. */
export function registeredFor(locale: string): Array<Partial<Messages>> {
  const found: Array<Partial<Messages>> = [];
  const parts = locale.toLowerCase().split('-');
  for (let n = parts.length; n > 0; n--) {
    const catalogue = shared.catalogues.get(parts.slice(0, n).join('-'));
    if (catalogue) found.push(catalogue);
  }
  return found;
}

/** Calls `listener` after every registration; returns a function that stops it. */
export function onMessagesChange(listener: () => void): () => void {
  shared.listeners.add(listener);
  return () => shared.listeners.delete(listener);
}
