import * as v from 'valibot';
import type { DashboardKind, EmbeddableDashboardOptions } from '../metronome/types.ts';
import { across } from './validator.ts';

/**
 * The body of `POST /api/dashboards/embeddable-url`: getEmbeddableUrl's body minus the customer, which
 * comes only from the session. Checked against the spec before Metronome is called, so a typo is a
 * 400 naming the field rather than Metronome's 400 turned into a 502.
 */

const DASHBOARDS = ['invoices', 'usage', 'commits_and_credits'] as const satisfies readonly DashboardKind[];

const BOOLEAN = ['true', 'false'] as const;

/**
 * dashboard_options per dashboard, with their values. The spec's schema leaves `key` and `value` open
 * strings; its description names show_zero_usage_line_items for invoices, and its example request
 * (an invoices dashboard) adds hide_voided_invoices. Nothing else is documented, so nothing else is
 * passed on. A Map: a key named `constructor` is an unknown option, not Object's.
 */
export const DASHBOARD_OPTIONS: ReadonlyMap<DashboardKind, ReadonlyMap<string, readonly string[]>> = new Map([
  ['invoices', new Map([['show_zero_usage_line_items', BOOLEAN], ['hide_voided_invoices', BOOLEAN]])],
  ['usage', new Map()],
  ['commits_and_credits', new Map()],
]);

/** The spec's enum of colour slots. */
const COLOR_NAMES = [
  'Gray_dark', 'Gray_medium', 'Gray_light', 'Gray_extralight', 'White', 'Primary_medium', 'Primary_light',
  'UsageLine_0', 'UsageLine_1', 'UsageLine_2', 'UsageLine_3', 'UsageLine_4', 'UsageLine_5', 'UsageLine_6', 'UsageLine_7', 'UsageLine_8', 'UsageLine_9',
  'Primary_green', 'Primary_red', 'Progress_bar', 'Progress_bar_background',
] as const;

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
/** Far above any real dashboard; keeps one request from sending Metronome a huge body. */
export const MAX_ITEMS = 100;
/** Longest text anywhere in the body: option keys and values, group key names, display names. */
export const MAX_TEXT_LENGTH = 256;

/** A value as the message quotes it: JSON, cut short so that a message never echoes a whole body. */
function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = v.pipe(
  v.string((issue) => `${show(issue.input)} is not a non-empty string.`),
  v.check((value: string) => value.trim() !== '', (issue) => `${show(issue.input)} is not a non-empty string.`),
  v.maxLength(MAX_TEXT_LENGTH, `is longer than ${MAX_TEXT_LENGTH} characters.`),
);

/**
 * An object with exactly these fields. A missing field reads as its own schema would read
 * `undefined` ("missing is not one of …"); a field of another name, `__proto__` included, is refused.
 */
function fields<const E extends v.ObjectEntries>(entries: E) {
  return v.strictObject(entries, (issue) => {
    const key = issue.path?.at(-1)?.key;
    if (issue.expected === 'never') return `is not a field this request takes (allowed: ${Object.keys(entries).join(', ')}).`;
    if (typeof key === 'string' && Object.hasOwn(entries, key)) return v.safeParse(entries[key]!, undefined).issues?.[0].message ?? 'is required.';
    return 'must be an object.';
  });
}

/** An array of at most MAX_ITEMS `item`s. */
const list = <T extends v.GenericSchema>(item: T) =>
  v.pipe(
    v.array(v.unknown(), 'must be an array.'),
    v.maxLength(MAX_ITEMS, (issue) => `has ${issue.input.length} entries; at most ${MAX_ITEMS} are allowed.`),
    v.array(item),
  );

/** Each item's `field` at most once. */
const distinct = <T extends Record<string, unknown>>(field: keyof T & string) =>
  across<T[]>((items) => {
    const seen = new Set<unknown>();
    for (const [i, item] of items.entries()) {
      if (seen.has(item[field])) return [[i, field], `${show(item[field])} is given twice.`];
      seen.add(item[field]);
    }
    return null;
  });

/** value_display_names: any keys (a group's values), each a string. */
const displayNames = v.pipe(
  v.custom<Record<string, unknown>>(isObject, 'must be an object.'),
  across<Record<string, unknown>>((names) => {
    for (const [value, display] of Object.entries(names)) {
      if (value.length > MAX_TEXT_LENGTH) return [[], `has a key longer than ${MAX_TEXT_LENGTH} characters.`];
      if (typeof display !== 'string') return [value, `${show(display)} is not a string.`];
      if (display.length > MAX_TEXT_LENGTH) return [value, `is longer than ${MAX_TEXT_LENGTH} characters.`];
    }
    return null;
  }),
);

const option = fields({ key: text, value: v.unknown() });
const color = fields({
  name: v.picklist(COLOR_NAMES, (issue) => `${show(issue.input)} is not one of Metronome's colour names (${COLOR_NAMES.join(', ')}).`),
  value: v.pipe(
    v.string((issue) => `${show(issue.input)} is not a #rrggbb colour.`),
    v.regex(HEX_COLOR, (issue) => `${show(issue.input)} is not a #rrggbb colour.`),
  ),
});
const groupKeyOverride = fields({ group_key_name: text, display_name: v.optional(text), value_display_names: v.optional(displayNames) });

type Option = v.InferOutput<typeof option>;

const requestFields = fields({
  dashboard: v.picklist(DASHBOARDS, (issue) => `${show(issue.input)} is not one of ${DASHBOARDS.join(', ')}.`),
  dashboard_options: v.optional(v.pipe(list(option), distinct<Option>('key'))),
  color_overrides: v.optional(v.pipe(list(color), distinct<v.InferOutput<typeof color>>('name'))),
  bm_group_key_overrides: v.optional(v.pipe(list(groupKeyOverride), distinct<v.InferOutput<typeof groupKeyOverride>>('group_key_name'))),
});
type RequestFields = v.InferOutput<typeof requestFields>;

/** Each option is one of its dashboard's, with one of its values. */
function optionProblem({ dashboard, dashboard_options: options = [] }: RequestFields) {
  const allowed = DASHBOARD_OPTIONS.get(dashboard)!;
  for (const [i, { key, value }] of options.entries()) {
    const values = allowed.get(key);
    if (!values) {
      const known = [...allowed.keys()];
      return [['dashboard_options', i, 'key'], `"${key}" is not an option of the ${dashboard} dashboard (${known.length ? `allowed: ${known.join(', ')}` : 'it has none'}).`] as const;
    }
    if (typeof value !== 'string' || !values.includes(value)) {
      return [['dashboard_options', i, 'value'], `${show(value)} is not one of ${values.join(', ')} (a string).`] as const;
    }
  }
  return null;
}

export const dashboardRequest = v.pipe(
  v.custom<Record<string, unknown>>(isObject, 'must be a JSON object.'),
  across<Record<string, unknown>>((body) => (Object.hasOwn(body, 'customer_id') ? ['customer_id', 'is not accepted; the customer is the one of your session.'] : null)),
  requestFields,
  across<RequestFields>(optionProblem),
  // Empty lists are left out, as Metronome would read them the same.
  v.transform((body): EmbeddableDashboardOptions => ({
    dashboard: body.dashboard,
    ...(body.dashboard_options?.length ? { dashboard_options: body.dashboard_options as Array<{ key: string; value: string }> } : {}),
    ...(body.color_overrides?.length ? { color_overrides: body.color_overrides } : {}),
    ...(body.bm_group_key_overrides?.length ? { bm_group_key_overrides: body.bm_group_key_overrides as EmbeddableDashboardOptions['bm_group_key_overrides'] } : {}),
  })),
);
