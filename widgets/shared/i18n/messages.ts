import { en, type Messages } from './en.ts';
import { onMessagesChange, registeredFor } from './registry.ts';

export type { Messages } from './en.ts';
export { registerMessages } from './registry.ts';

const merged = new Map<string, Messages>();
onMessagesChange(() => merged.clear());

/**
 * The words for a locale: its registered catalogue, key by key falling back to its language's
 * (de-AT → de) and then to English. Merged once per locale until a catalogue is registered.
 */
export function messages(locale: string | undefined): Messages {
  const tag = locale ?? '';
  let words = merged.get(tag);
  if (!words) {
    words = Object.assign({}, en, ...registeredFor(tag).reverse()) as Messages;
    merged.set(tag, words);
  }
  return words;
}
