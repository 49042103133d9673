import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DashboardUrlResponse } from '../../contract/index.ts';
import { answer, type ApiEnv } from '../context.ts';
import { badRequest, ProxyError } from '../errors.ts';
import type { DashboardKind, EmbeddableDashboardOptions, GroupKeyOverride } from '../metronome/types.ts';

/**
 * `POST /api/dashboards/embeddable-url`: getEmbeddableUrl's body minus the customer, which comes only
 * from the session. Everything is checked against the spec before Metronome is called, so a typo is a
 * 400 naming the field rather than Metronome's 400 turned into a 502.
 */

const DASHBOARDS: readonly DashboardKind[] = ['invoices', 'usage', 'commits_and_credits'];

/**
 * dashboard_options per dashboard. The spec's schema leaves `key` open; its description names only
 * show_zero_usage_line_items (invoices), which is also all the simulator accepts. The spec's example
 * also shows hide_voided_invoices, which is documented nowhere else and so is not passed on.
 */
const OPTIONS: Record<DashboardKind, Record<string, readonly string[]>> = {
  invoices: { show_zero_usage_line_items: ['true', 'false'] },
  usage: {},
  commits_and_credits: {},
};

/** The spec's enum of colour slots. */
const COLOR_NAMES = [
  'Gray_dark', 'Gray_medium', 'Gray_light', 'Gray_extralight', 'White', 'Primary_medium', 'Primary_light',
  'UsageLine_0', 'UsageLine_1', 'UsageLine_2', 'UsageLine_3', 'UsageLine_4', 'UsageLine_5', 'UsageLine_6', 'UsageLine_7', 'UsageLine_8', 'UsageLine_9',
  'Primary_green', 'Primary_red', 'Progress_bar', 'Progress_bar_background',
] as const;

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const MAX_BODY_BYTES = 64 * 1024;
/** Far above any real dashboard; keeps one request from sending Metronome a huge body. */
const MAX_ITEMS = 100;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value));

function onlyKeys(value: Json, field: string, allowed: readonly string[]) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw badRequest(field ? `${field}.${key}` : key, `is not a field this request takes (allowed: ${allowed.join(', ')}).`);
  }
}

function arrayOf(body: Json, field: string): unknown[] {
  const value = body[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest(field, 'must be an array.');
  if (value.length > MAX_ITEMS) throw badRequest(field, `has ${value.length} entries; at most ${MAX_ITEMS} are allowed.`);
  return value;
}

function objectAt(value: unknown, field: string): Json {
  if (!isObject(value)) throw badRequest(field, 'must be an object.');
  return value;
}

function stringAt(item: Json, field: string, key: string): string {
  const value = item[key];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field}.${key}`, `${show(value)} is not a non-empty string.`);
  return value;
}

/** The request body, checked; throws a 400 naming the first field that is wrong. */
export function parseDashboardRequest(body: unknown): EmbeddableDashboardOptions {
  if (!isObject(body)) throw badRequest('body', 'must be a JSON object.');
  if ('customer_id' in body) throw badRequest('customer_id', 'is not accepted; the customer is the one of your session.');
  onlyKeys(body, '', ['dashboard', 'dashboard_options', 'color_overrides', 'bm_group_key_overrides']);

  const dashboard = body.dashboard;
  if (typeof dashboard !== 'string' || !(DASHBOARDS as readonly string[]).includes(dashboard)) {
    throw badRequest('dashboard', `${show(dashboard)} is not one of ${DASHBOARDS.join(', ')}.`);
  }
  const kind = dashboard as DashboardKind;
  const result: EmbeddableDashboardOptions = { dashboard: kind };

  const allowed = OPTIONS[kind];
  const seenKeys = new Set<string>();
  const options = arrayOf(body, 'dashboard_options').map((raw, i) => {
    const field = `dashboard_options[${i}]`;
    const item = objectAt(raw, field);
    onlyKeys(item, field, ['key', 'value']);
    const key = stringAt(item, field, 'key');
    const values = allowed[key];
    if (!values) {
      const known = Object.keys(allowed);
      throw badRequest(`${field}.key`, `"${key}" is not an option of the ${kind} dashboard (${known.length ? `allowed: ${known.join(', ')}` : 'it has none'}).`);
    }
    if (seenKeys.has(key)) throw badRequest(`${field}.key`, `"${key}" is given twice.`);
    seenKeys.add(key);
    const value = item.value;
    if (typeof value !== 'string' || !values.includes(value)) throw badRequest(`${field}.value`, `${show(value)} is not one of ${values.join(', ')} (a string).`);
    return { key, value };
  });
  if (options.length) result.dashboard_options = options;

  const seenColors = new Set<string>();
  const colors = arrayOf(body, 'color_overrides').map((raw, i) => {
    const field = `color_overrides[${i}]`;
    const item = objectAt(raw, field);
    onlyKeys(item, field, ['name', 'value']);
    const name = item.name;
    if (typeof name !== 'string' || !(COLOR_NAMES as readonly string[]).includes(name)) {
      throw badRequest(`${field}.name`, `${show(name)} is not one of Metronome's colour names (${COLOR_NAMES.join(', ')}).`);
    }
    if (seenColors.has(name)) throw badRequest(`${field}.name`, `"${name}" is given twice.`);
    seenColors.add(name);
    const value = item.value;
    if (typeof value !== 'string' || !HEX_COLOR.test(value)) throw badRequest(`${field}.value`, `${show(value)} is not a #rrggbb colour.`);
    return { name, value };
  });
  if (colors.length) result.color_overrides = colors as EmbeddableDashboardOptions['color_overrides'];

  const seenGroupKeys = new Set<string>();
  const overrides = arrayOf(body, 'bm_group_key_overrides').map((raw, i): GroupKeyOverride => {
    const field = `bm_group_key_overrides[${i}]`;
    const item = objectAt(raw, field);
    onlyKeys(item, field, ['group_key_name', 'display_name', 'value_display_names']);
    const override: GroupKeyOverride = { group_key_name: stringAt(item, field, 'group_key_name') };
    if (seenGroupKeys.has(override.group_key_name)) throw badRequest(`${field}.group_key_name`, `"${override.group_key_name}" is given twice.`);
    seenGroupKeys.add(override.group_key_name);
    if (item.display_name !== undefined) override.display_name = stringAt(item, field, 'display_name');
    if (item.value_display_names !== undefined) {
      const names = objectAt(item.value_display_names, `${field}.value_display_names`);
      for (const [value, display] of Object.entries(names)) {
        if (typeof display !== 'string') throw badRequest(`${field}.value_display_names.${value}`, `${show(display)} is not a string.`);
      }
      override.value_display_names = names as Record<string, string>;
    }
    return override;
  });
  if (overrides.length) result.bm_group_key_overrides = overrides;

  return result;
}

export function dashboardsRoutes() {
  return new Hono<ApiEnv>().post(
    '/embeddable-url',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ProxyError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
      },
    }),
    async (c) => {
      let raw: unknown;
      try {
        raw = JSON.parse(await c.req.text());
      } catch {
        throw badRequest('body', 'is not valid JSON.');
      }
      const dashboard = parseDashboardRequest(raw);
      const body: DashboardUrlResponse = { url: await c.var.metronome.embeddableDashboardUrl(dashboard) };
      return answer(c, body);
    },
  );
}
