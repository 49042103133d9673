/**
 * `record[key]` only when the record has `key` itself. Group keys and values come from clients and
 * from Metronome's data, and a key named `constructor`, `toString` or `__proto__` is an ordinary
 * missing key: a plain `record[key]` would answer Object.prototype's function instead.
 */
export const own = <T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined =>
  record != null && Object.hasOwn(record, key) ? record[key] : undefined;
