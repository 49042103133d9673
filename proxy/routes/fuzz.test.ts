import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ACME_ID, GLOBEX_ID, INITECH_ID } from '../../simulator/index.ts';
import type { CustomerResponse, ErrorBody, InvoicesResponse } from '../../contract/index.ts';
import { sessionFor, testApp } from '../test/harness.ts';

/**
 * Property-based fuzzing of every /api route over the simulator: random known and unknown parameter
 * names (prototype names among them), random and edge values, repeated parameters, JSON bodies of
 * random shape. Whatever is sent, no answer is a 5xx, and every 400 names a parameter the route
 * reads (or, for the body, a field that was sent or that the body takes).
 *
 * A third of the queries are valid ones (so the handlers and Metronome calls behind validation are
 * fuzzed too), a third are valid ones with one parameter spoiled, a third are anything. Ranges are
 * kept short where they are valid, so the file stays well under a minute on two cores.
 *
 * Deterministic: FUZZ_SEED fixes every run, and fast-check prints the seed and the shrunk
 * counterexample on failure; `FUZZ_SEED=<seed> FUZZ_RUNS=<n>` replays or widens a run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const settings = (numRuns = RUNS) => ({ seed: SEED, numRuns, includeErrorInReport: true });

const app = testApp();
const CUSTOMERS = [ACME_ID, GLOBEX_ID, INITECH_ID];
const tokens = new Map<string, string>();
const metrics = new Map<string, CustomerResponse['billable_metrics']>();
const invoiceIds = new Map<string, string[]>();

before(async () => {
  for (const id of CUSTOMERS) {
    tokens.set(id, await sessionFor(id));
    const headers = { authorization: `Bearer ${tokens.get(id)}` };
    metrics.set(id, ((await (await app.request('/api/customer', { headers })).json()) as CustomerResponse).billable_metrics);
    invoiceIds.set(id, ((await (await app.request('/api/invoices?since=2026-01-01', { headers })).json()) as InvoicesResponse).invoices.map((i) => i.id));
  }
});

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__'];

/** Values no parameter expects: text of every kind, huge numbers, prototype names, long strings. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constantFrom('', ' ', ',', ':', ';', '%', '\u0000', 'null', 'undefined', 'true', 'false', 'NaN', 'Infinity', '-0', '1e400', '9'.repeat(400), 'x'.repeat(5000)),
  fc.bigInt().map(String),
  fc.double().map(String),
);

/** Dates at every edge: the limits, leap days, impossible days, years 1 and 9999, zones, non-dates. */
const EDGE_DATES = [
  '0001-01-01', '9999-12-31', '0000-01-01', '1970-01-01', '1999-12-31T23:59:59Z', '2000-01-01', '2100-01-01', '2100-01-01T00:00:00.001Z',
  '2024-02-29', '2023-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-11-25T10:30:00Z', '2026-11-25T10:30:00+14:00',
  '2026-11-25T10:30:00-12:00', '2026-11-01T24:00:00Z', '2026-11-01T25:00:00Z', '2026-11-01T00:00', '2026-11-01T00:00:00.123456789Z',
  '+275760-09-13', '-002026-01-01', '2026-1-1', '20261101', '2023-11-01', '2026-08-01', '2027-01-01', 'yesterday',
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A valid range near the simulator's clock: hourly at most a week, otherwise at most four months. */
const validRange = (windowSize: string) =>
  fc
    .tuple(fc.integer({ min: -90, max: 10 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: windowSize === 'hour' ? 7 * 24 : 120 * 24 }), fc.boolean())
    .map(([day, hour, hours, whole]) => {
      const start = Date.UTC(2026, 10, 20 + day, whole ? 0 : hour);
      const end = start + (whole ? Math.ceil(hours / 24) * DAY : hours * HOUR);
      const text = (t: number) => (whole ? new Date(t).toISOString().slice(0, 10) : new Date(t).toISOString());
      return { starting_on: text(start), ending_before: text(end) };
    });
const date = fc.oneof(validRange('day').map((r) => r.starting_on), fc.constantFrom(...EDGE_DATES), anyValue);

type Query = Record<string, string | string[]>;

interface Route {
  path: (customer: string) => fc.Arbitrary<string>;
  /** A query the route answers 200 (or 404 for an id it does not have). */
  valid: (customer: string) => fc.Arbitrary<Query>;
  /** Each parameter's values, right and wrong. */
  params: Record<string, fc.Arbitrary<string>>;
}

/** Mostly the customer's own invoices; another customer's, random UUIDs and anything else too. */
const invoiceId = (customer: string) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...invoiceIds.get(customer)!) }, fc.constantFrom(...[...invoiceIds.values()].flat()), fc.uuid(), fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent));
const flag = fc.constantFrom('true', 'false', '', 'TRUE', '1', 'yes', 'constructor');
const none = () => fc.constant({});
const fixed = (path: string) => () => fc.constant(path);
const groupValue = fc.oneof(fc.constantFrom('us-east-1', 'eu-west-1', 'hot', 'gpt-large', '(none)', ...PROTOTYPE_NAMES), fc.string({ minLength: 1, maxLength: 8 }).filter((v) => !/[,:]/.test(v) && v.trim() !== ''));

/** A valid /api/usage query for one of the customer's metrics: grouped, filtered and compared or not. */
function validUsage(customer: string) {
  return fc
    .tuple(fc.constantFrom(...metrics.get(customer)!), fc.constantFrom('day', 'hour', 'none'), fc.boolean(), fc.nat(), fc.array(groupValue, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean())
    .chain(([metric, windowSize, grouped, keyIndex, values, filtered, compare]) => {
      const key = grouped && metric.group_keys.length ? metric.group_keys[keyIndex % metric.group_keys.length]! : null;
      const base: Query = {
        billable_metric_id: metric.id,
        window_size: windowSize,
        ...(key ? { group_key: key.join(',') } : {}),
        ...(key && filtered ? { group_filter: key.map((k) => `${k}:${values.join(',')}`) } : {}),
        ...(compare ? { compare: 'previous' } : {}),
      };
      return fc.oneof(
        { weight: 5, arbitrary: validRange(windowSize).map((range): Query => ({ ...base, ...range })) },
        { weight: 1, arbitrary: fc.constant({ ...base, window_size: windowSize === 'hour' ? 'day' : windowSize, current_period: 'true' }) },
      );
    });
}

/** Built once the simulator's customers, metrics and invoices are known. */
const ROUTES: Record<string, () => Route> = {
  'GET /api/customer': () => ({ path: fixed('/api/customer'), valid: none, params: {} }),
  'GET /api/spend/summary': () => ({ path: fixed('/api/spend/summary'), valid: none, params: {} }),
  'GET /api/balances': () => ({ path: fixed('/api/balances'), valid: none, params: {} }),
  'GET /api/alerts': () => ({ path: fixed('/api/alerts'), valid: none, params: {} }),
  'GET /api/usage': () => ({
    path: fixed('/api/usage'),
    valid: validUsage,
    params: {
      billable_metric_id: fc.oneof(fc.constantFrom(...[...metrics.values()].flat().map((m) => m.id)), fc.uuid()),
      starting_on: date,
      ending_before: date,
      current_period: flag,
      window_size: fc.constantFrom('day', 'hour', 'none', 'week', 'DAY', ''),
      group_key: fc.constantFrom('region', 'endpoint', 'tier', 'model', 'model,region', 'region,model', 'region,', 'region,region', 'zone', ...PROTOTYPE_NAMES),
      group_filter: fc.oneof(fc.tuple(fc.constantFrom('region', 'model', 'tier', ...PROTOTYPE_NAMES), groupValue).map(([k, v]) => `${k}:${v}`), anyValue),
      compare: fc.constantFrom('previous', 'none', 'last-year', ''),
    },
  }),
  'GET /api/usage/summary': () => ({
    path: fixed('/api/usage/summary'),
    valid: () => fc.oneof(fc.constant<Query>({}), fc.constant<Query>({ current_period: 'true' }), validRange('day')),
    params: { starting_on: date, ending_before: date, current_period: flag },
  }),
  'GET /api/spend': () => ({
    path: fixed('/api/spend'),
    valid: () =>
      fc.tuple(fc.constantFrom('day', 'hour'), fc.constantFrom('product', 'product', 'region', 'endpoint', 'tier', 'model', 'cluster', 'constructor')).chain(([windowSize, groupBy]) =>
        validRange(windowSize).map((range): Query => ({ ...range, window_size: windowSize, group_by: groupBy })),
      ),
    params: {
      starting_on: date,
      ending_before: date,
      window_size: fc.constantFrom('day', 'hour', 'none', ''),
      group_by: fc.oneof(fc.constantFrom('product', 'region', 'endpoint', 'tier', 'model', 'model,region', ' region', ...PROTOTYPE_NAMES), anyValue),
    },
  }),
  'GET /api/invoices': () => ({
    path: fixed('/api/invoices'),
    valid: () =>
      fc.record(
        { status: fc.constantFrom('any', 'draft', 'finalized', 'void'), type: fc.constantFrom('any', 'usage', 'scheduled'), contract_id: fc.uuid(), since: fc.constantFrom('2023-11-25', '2025-06-30', '2026-10-01T12:00:00Z', '2026-11-25T10:30:00Z') },
        { requiredKeys: [] },
      ),
    params: {
      status: fc.constantFrom('any', 'draft', 'finalized', 'void', 'paid', 'DRAFT'),
      type: fc.constantFrom('any', 'usage', 'scheduled', 'USAGE_CONSOLIDATED'),
      contract_id: fc.oneof(fc.uuid(), anyValue),
      since: date,
    },
  }),
  'GET /api/invoices/:id': () => ({ path: (customer) => invoiceId(customer).map((id) => `/api/invoices/${id}`), valid: () => fc.record({ show_zero_usage_line_items: fc.constantFrom('true', 'false') }, { requiredKeys: [] }), params: { show_zero_usage_line_items: flag } }),
  'GET /api/invoices/:id/explain': () => ({ path: (customer) => invoiceId(customer).map((id) => `/api/invoices/${id}/explain`), valid: () => fc.record({ show_zero_usage_line_items: fc.constantFrom('true', 'false') }, { requiredKeys: [] }), params: { show_zero_usage_line_items: flag } }),
  'GET /api/invoices/:id/pdf': () => ({ path: (customer) => invoiceId(customer).map((id) => `/api/invoices/${id}/pdf`), valid: none, params: {} }),
};

/**
 * A query string: valid, valid with one parameter spoiled (a wrong value, or given twice), or each of
 * the route's parameters or not with any value; then a few parameters of names the route does not read.
 */
function query(route: Route, customer: string) {
  const names = Object.keys(route.params);
  const spoil = (valid: Query) =>
    names.length === 0
      ? fc.constant(valid)
      : fc.tuple(fc.constantFrom(...names), fc.boolean()).chain(([name, twice]) =>
          fc.oneof(route.params[name]!, anyValue).map((value): Query => ({ ...valid, [name]: twice && valid[name] !== undefined ? [valid[name] as string, value] : value })),
        );
  const wild = fc.record(Object.fromEntries(names.map((name) => [name, fc.oneof({ weight: 3, arbitrary: route.params[name]! }, { weight: 1, arbitrary: anyValue })])), { requiredKeys: [] }) as fc.Arbitrary<Query>;
  const unknown = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'customer_id', 'limit', 'next_page'), fc.string({ maxLength: 12 }).filter((n) => !names.includes(n))), anyValue), { maxLength: 3 });
  const valid = route.valid(customer);
  return fc.tuple(fc.oneof(valid, valid.chain(spoil), wild), unknown).map(([chosen, more]) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(chosen)) for (const one of [value].flat()) search.append(name, one);
    for (const [name, value] of more) search.append(name, value);
    return search.toString();
  });
}

/** Whether a 400's message starts by naming one of `fields` (`name: …`, or `name.sub: …`, `name[0]…` for a body). */
const naming = (fields: Iterable<string>, nested = false) => (message: string) =>
  [...fields].some((field) => message.startsWith(`${field}: `) || (nested && (message.startsWith(`${field}.`) || message.startsWith(`${field}[`))));

/** Statuses seen per route, reported with the test so that a fuzz that never gets past validation shows. */
const seen = new Map<string, Map<number, number>>();
function count(route: string, status: number) {
  const statuses = seen.get(route) ?? new Map<number, number>();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  seen.set(route, statuses);
}

async function expectHandled(response: Response, what: string, names: (message: string) => boolean) {
  const text = await response.text();
  assert.ok(response.status < 500, `${what} answered ${response.status}: ${text}`);
  if (response.status === 200) return;
  assert.ok([400, 404, 413].includes(response.status), `${what} answered ${response.status}: ${text}`);
  const body = JSON.parse(text) as ErrorBody;
  assert.equal(typeof body.error.code, 'string', what);
  if (response.status === 400) assert.ok(names(body.error.message), `${what}: the 400 does not name a parameter: ${body.error.message}`);
}

describe('fuzzing every /api route over the simulator', () => {
  for (const [name, routeOf] of Object.entries(ROUTES)) {
    it(`${name}: no answer is a 5xx, every 400 names a parameter`, async (t) => {
      const route = routeOf();
      const names = naming([...Object.keys(route.params), 'id']);
      const request = fc.constantFrom(...CUSTOMERS).chain((customer) => fc.tuple(fc.constant(customer), route.path(customer), query(route, customer)));
      await fc.assert(
        fc.asyncProperty(request, async ([customer, pathname, search]) => {
          const url = `${pathname}?${search}`;
          const response = await app.request(url, { headers: { authorization: `Bearer ${tokens.get(customer)}` } });
          count(name, response.status);
          await expectHandled(response, `GET ${url} as ${customer}`, names);
        }),
        settings(),
      );
      t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries(seen.get(name)!))}`);
      assert.ok(seen.get(name)!.get(200), 'some requests get through validation');
    });
  }

  const KINDS = ['invoices', 'usage', 'commits_and_credits'];
  const FIELDS = ['dashboard', 'dashboard_options', 'color_overrides', 'bm_group_key_overrides'];
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTOTYPE_NAMES, '', ' ', 'x'.repeat(300)));
  /** Mostly the right shape (fields present or not, right or wrong), sometimes with an extra field, sometimes any JSON. */
  const item = <T>(fields: Record<string, fc.Arbitrary<T>>) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.constantFrom(...PROTOTYPE_NAMES, 'extra'), fc.jsonValue()).map(([o, k, v]) => Object.fromEntries([...Object.entries(o), [k, v]])) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
  const list = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.array(arbitrary, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
  const valueNames = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'us-east-1', ''), fc.string({ maxLength: 10 })), fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) })), { maxLength: 4 })
    .map((entries) => Object.fromEntries(entries));
  const requestBody = fc
    .tuple(
      fc.record(
        {
          dashboard: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...KINDS) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
          dashboard_options: list(
            item({
              key: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('show_zero_usage_line_items', 'hide_voided_invoices') }, { weight: 1, arbitrary: text }),
              value: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('true', 'false') }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
            }),
          ),
          color_overrides: list(
            item({
              name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('Gray_dark', 'White', 'UsageLine_9', 'Progress_bar', 'Purple') }, { weight: 1, arbitrary: text }),
              value: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('#112233', '#ABCDEF', '#123', 'red') }, { weight: 1, arbitrary: text }),
            }),
          ),
          bm_group_key_overrides: list(
            item({
              group_key_name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('region', 'tenant_id', 'model') }, { weight: 1, arbitrary: text }),
              display_name: text,
              value_display_names: fc.oneof({ weight: 4, arbitrary: valueNames }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'customer_id', 'theme'), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 2 })), { maxLength: 1 }),
      fc.nat(3),
    )
    // Extra fields on one body in four; JSON's own objects, so a field named __proto__ is an own field.
    .map(([fields, extra, n]) => Object.fromEntries([...Object.entries(fields), ...(n === 0 ? extra : [])]));

  /** A body the proxy takes: distinct options (invoices only), colours and group keys; any display names. */
  const name = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'region', 'us-east-1'), fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim() !== ''));
  const validBody = fc.constantFrom(...KINDS).chain((dashboard) =>
    fc.record(
      {
        dashboard: fc.constant(dashboard),
        dashboard_options: fc.uniqueArray(
          fc.record({ key: fc.constantFrom(...(dashboard === 'invoices' ? ['show_zero_usage_line_items', 'hide_voided_invoices'] : ['none'])), value: fc.constantFrom('true', 'false') }),
          { selector: (o) => o.key, maxLength: dashboard === 'invoices' ? 2 : 0 },
        ),
        color_overrides: fc.uniqueArray(fc.record({ name: fc.constantFrom('Gray_dark', 'White', 'Primary_green', 'UsageLine_9', 'Progress_bar_background'), value: fc.constantFrom('#112233', '#ABCDEF', '#00ff00') }), { selector: (c) => c.name, maxLength: 3 }),
        bm_group_key_overrides: fc.uniqueArray(
          fc.record({ group_key_name: name, display_name: name, value_display_names: fc.array(fc.tuple(fc.oneof(name, fc.constant('')), fc.string({ maxLength: 20 })), { maxLength: 4 }).map((e) => Object.fromEntries(e)) }, { requiredKeys: ['group_key_name'] }),
          { selector: (o) => o.group_key_name, maxLength: 3 },
        ),
      },
      { requiredKeys: ['dashboard'] },
    ),
  );

  /** The body as sent: JSON of a valid or near-valid object, sometimes any JSON, broken JSON, or too large. */
  const sent = fc.oneof(
    { weight: 6, arbitrary: validBody.map((body) => ({ body: body as unknown, json: JSON.stringify(body) })) },
    { weight: 6, arbitrary: requestBody.map((body) => ({ body: body as unknown, json: JSON.stringify(body) })) },
    { weight: 1, arbitrary: fc.jsonValue().map((body) => ({ body, json: JSON.stringify(body) })) },
    { weight: 1, arbitrary: fc.tuple(requestBody, fc.nat()).map(([body, cut]) => ({ body: undefined as unknown, json: JSON.stringify(body).slice(0, cut % (JSON.stringify(body).length + 1)) })) },
    { weight: 1, arbitrary: fc.constant({ body: undefined as unknown, json: JSON.stringify({ dashboard: 'usage', padding: 'x'.repeat(70_000) }) }) },
  );
  const contentType = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/vnd.api+json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'multipart/form-data', undefined) });

  it('POST /api/dashboards/embeddable-url: no answer is a 5xx, every 400 names a field that was sent or that the body takes', async (t) => {
    await fc.assert(
      fc.asyncProperty(sent, contentType, fc.constantFrom(...CUSTOMERS), async ({ body, json }, type, customer) => {
        const response = await app.request('/api/dashboards/embeddable-url', {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.get(customer)}`, ...(type ? { 'content-type': type } : {}) },
          body: new Blob([json]),
        });
        const sentKeys = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
        count('POST', response.status);
        await expectHandled(response, `POST ${json.slice(0, 300)}`, naming(['body', 'content-type', 'customer_id', ...FIELDS, ...sentKeys], true));
      }),
      settings(RUNS * 2),
    );
    t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries(seen.get('POST')!))}`);
    assert.ok(seen.get('POST')!.get(200), 'some bodies get through validation');
  });
});
