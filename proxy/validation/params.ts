import * as v from 'valibot';

/**
 * Query parameters as Hono's validator hands them over: a string, or an array of strings when the
 * parameter is repeated. Absent and blank are the same (`?group_key=` is no grouping), and a value is
 * trimmed before it is read.
 */

type Raw = string | string[];
const raw = v.union([v.string(), v.array(v.string())], 'is not text.');

/** One value, trimmed; '' when blank. A parameter that is not repeatable given twice is a mistake. */
export const single = v.pipe(
  raw,
  v.check((value: Raw) => typeof value === 'string', 'is given more than once; give it once.'),
  v.transform((value: Raw) => (typeof value === 'string' ? value.trim() : '')),
);

/** Every value of a repeatable parameter, trimmed; none when absent or blank. */
export const repeated = v.pipe(
  raw,
  v.transform((value: Raw) => (typeof value === 'string' ? [value] : value).map((item) => item.trim())),
  v.transform((values: string[]) => (values.length === 1 && values[0] === '' ? [] : values)),
);

/** The parameters a route reads, each absent one read as blank; any other parameter is ignored. */
export function queryOf<const E extends Record<string, v.GenericSchema<Raw, unknown>>>(entries: E) {
  const withBlanks = Object.fromEntries(Object.entries(entries).map(([name, schema]) => [name, v.optional(schema, '')]));
  return v.object(withBlanks as { [K in keyof E]: v.OptionalSchema<E[K], ''> });
}

/** A required value: '' is `is required.` */
export const required = v.pipe(single, v.nonEmpty('is required.'));

/** One of `values`; `fallback` when blank. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  v.pipe(
    single,
    v.transform((value: string) => value || fallback),
    v.picklist(values, (issue) => `"${issue.input}" is not one of ${values.join(', ')}.`),
  );

/** `true` or `false`; blank is false. */
export const flag = v.pipe(
  single,
  v.picklist(['', 'true', 'false'], (issue) => `"${issue.input}" is not true or false.`),
  v.transform((value) => value === 'true'),
);

const split = (value: string) => value.split(',').map((name) => name.trim());

/** A comma-separated list of distinct, non-empty names, or null when blank. */
export const names = v.pipe(
  single,
  v.check((value: string) => !value || split(value).every(Boolean), (issue) => `"${issue.input}" has an empty entry; separate names with single commas.`),
  v.check((value: string) => !value || new Set(split(value)).size === split(value).length, (issue) => `"${issue.input}" names the same key twice.`),
  v.transform((value: string) => (value ? split(value) : null)),
);
