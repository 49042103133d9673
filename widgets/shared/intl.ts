/**
 * Intl formatters, made once per locale and options and reused: constructing one costs far more than
 * formatting with it, and a chart formats thousands of values. No imports, so a locale catalogue can
 * use `plural` without pulling in the widgets.
 */

type Kind = typeof Intl.NumberFormat | typeof Intl.DateTimeFormat | typeof Intl.PluralRules;

const made = new Map<string, unknown>();

function cached<K extends Kind>(kind: K, locale: string | undefined, options: object): InstanceType<K> {
  const key = `${kind.name}\u0000${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let formatter = made.get(key) as InstanceType<K> | undefined;
  if (!formatter) {
    // A bound against a page that keeps changing locales; in practice a page uses a handful.
    if (made.size >= 500) made.clear();
    formatter = new (kind as unknown as new (locale: string | undefined, options: object) => InstanceType<K>)(locale, options);
    made.set(key, formatter);
  }
  return formatter;
}

export const numberFormat = (locale: string | undefined, options: Intl.NumberFormatOptions = {}) => cached(Intl.NumberFormat, locale, options);
export const dateFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions = {}) => cached(Intl.DateTimeFormat, locale, options);

/** `fn` remembered per argument: for answers that never change on a page (is this a time zone, a locale?). */
export function memo<T>(fn: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (!known.has(key)) known.set(key, fn(key));
    return known.get(key)!;
  };
}

/** The form of `forms` the locale's plural rules choose for `count` (`other` when it has no such form). */
export function plural(locale: string, count: number, forms: { one?: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>): string {
  return forms[cached(Intl.PluralRules, locale, {}).select(count)] ?? forms.other;
}
