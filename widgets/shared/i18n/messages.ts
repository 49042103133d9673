import { common, type CommonMessages } from './en.ts';
import { onMessagesChange, registeredFor } from './registry.ts';

export type { Messages } from './en.ts';
export { registerMessages } from './registry.ts';

const none = {};
/** Merged words by an element's own English words, then by locale. */
const merged = new Map<object, Map<string, object>>();
onMessagesChange(() => merged.clear());

/**
 * The words for a locale: its registered catalogue, key by key falling back to its language's
 * (de-AT → de) and then to English. `own` is an element's own English words (`usageChart` of `en.ts`),
 * added to those every widget shares; only their keys are typed, so a file carries only the English
 * it shows. Merged once per locale until a catalogue is registered.
 */
export function messages<Own extends object = {}>(locale: string | undefined, own: Own = none as Own): CommonMessages & Own {
  const tag = locale ?? '';
  let byLocale = merged.get(own);
  if (!byLocale) merged.set(own, (byLocale = new Map()));
  let words = byLocale.get(tag);
  if (!words) byLocale.set(tag, (words = Object.assign({}, common, own, ...registeredFor(tag).reverse()) as object));
  return words as CommonMessages & Own;
}
