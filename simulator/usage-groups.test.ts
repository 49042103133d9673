import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, METRIC_IDS } from './catalog.ts';
import { HOUR_MS } from './data.ts';
import type { UsageRow } from './test-helpers.ts';
import { NOW, allUsage, groupId, simulator, sum, usage } from './test-helpers.ts';

const app = simulator();
const cpu = { customer_id: ACME_ID, billable_metric_id: METRIC_IDS.cpuHours };
const api = { customer_id: ACME_ID, billable_metric_id: METRIC_IDS.apiRequests };
const tokens = { customer_id: GLOBEX_ID, billable_metric_id: METRIC_IDS.modelTokens };
const seats = { customer_id: GLOBEX_ID, billable_metric_id: METRIC_IDS.seats };
const threeDays = { starting_on: '2026-06-10T00:00:00Z', ending_before: '2026-06-13T00:00:00Z' };

/** Sums rows by (window start truncated to `bucketMs`, group). */
function rollUp(rows: UsageRow[], bucketMs: number, keyOf: (r: UsageRow) => string = groupId): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const bucket = Math.floor(Date.parse(r.starting_on) / bucketMs) * bucketMs;
    const key = `${bucket}|${keyOf(r)}`;
    out.set(key, (out.get(key) ?? 0) + r.value);
  }
  return out;
}

test('hourly windows add up exactly to the day windows, and days to the single none window', async () => {
  for (const metric of [cpu, api, tokens, seats]) {
    const grouping = metric === tokens ? { group_key: ['model', 'region'] } : metric === seats ? {} : { group_key: [metric === cpu ? 'region' : 'endpoint'] };
    const hours = (await allUsage(app, { ...metric, ...grouping, ...threeDays, window_size: 'hour' })).rows;
    const days = (await allUsage(app, { ...metric, ...grouping, ...threeDays, window_size: 'day' })).rows;
    const none = (await allUsage(app, { ...metric, ...grouping, ...threeDays, window_size: 'none' })).rows;
    assert.deepEqual(rollUp(hours, 24 * HOUR_MS), rollUp(days, 24 * HOUR_MS));
    assert.deepEqual(rollUp(days, Number.MAX_SAFE_INTEGER), rollUp(none, Number.MAX_SAFE_INTEGER));
    assert.ok(sum(none.map((r) => r.value)) > 0);
    assert.ok(hours.every((r) => Number.isInteger(r.value) && r.value >= 0));
  }
});

test('every grouping of a metric adds up to its ungrouped total in every window', async () => {
  const cases: Array<[Record<string, string>, string[][]]> = [[cpu, [['region']]], [api, [['endpoint']]], [tokens, [['model', 'region'], ['region', 'model'], ['model']]]];
  for (const [metric, keys] of cases) {
    const total = (await allUsage(app, { ...metric, ...threeDays, window_size: 'day' })).rows;
    assert.equal(total.length, 3);
    for (const group_key of keys) {
      const grouped = (await allUsage(app, { ...metric, ...threeDays, window_size: 'day', group_key })).rows;
      assert.deepEqual(rollUp(grouped, 24 * HOUR_MS, () => 'all'), rollUp(total, 24 * HOUR_MS, () => 'all'), JSON.stringify(group_key));
    }
  }
});

test('an ungrouped query returns one aggregate per window with null group_key and group_value and no group map', async () => {
  const { rows } = await allUsage(app, { ...seats, ...threeDays, window_size: 'DAY' });
  assert.deepEqual(rows.map((r) => r.starting_on), ['2026-06-10T00:00:00Z', '2026-06-11T00:00:00Z', '2026-06-12T00:00:00Z']);
  for (const r of rows) {
    assert.equal(r.group_key, null);
    assert.equal(r.group_value, null);
    assert.equal('group' in r, false);
  }
});

test('window_size is accepted in every casing the enum allows, with identical results', async () => {
  const results = [];
  for (const window_size of ['day', 'DAY', 'Day']) results.push((await allUsage(app, { ...cpu, ...threeDays, window_size, group_key: ['region'] })).rows);
  assert.deepEqual(results[1], results[0]);
  assert.deepEqual(results[2], results[0]);
});

test('windows are ascending and UTC-aligned, and every window lists the same groups in the same order', async () => {
  const { rows } = await allUsage(app, { ...tokens, starting_on: '2026-06-12T00:00:00Z', ending_before: '2026-06-12T06:00:00Z', window_size: 'hour', group_key: ['model', 'region'] });
  const perWindow = new Map<string, string[]>();
  for (const r of rows) {
    assert.equal(Date.parse(r.ending_before) - Date.parse(r.starting_on), HOUR_MS);
    assert.equal(Date.parse(r.starting_on) % HOUR_MS, 0);
    perWindow.set(r.starting_on, [...(perWindow.get(r.starting_on) ?? []), groupId(r)]);
  }
  const starts = [...perWindow.keys()];
  assert.equal(starts.length, 6);
  assert.deepEqual(starts, [...starts].sort());
  const orders = [...perWindow.values()];
  for (const order of orders) assert.deepEqual(order, orders[0]);
  assert.deepEqual(rows.map((r) => r.starting_on), [...rows.map((r) => r.starting_on)].sort());
});

test('a simple group key fills the deprecated group_key and group_value alongside the group map', async () => {
  const { rows } = await allUsage(app, { ...cpu, ...threeDays, window_size: 'none', group_key: ['region'] });
  assert.deepEqual(rows.map((r) => r.group_value), ['ap-south-1', 'us-east-1', 'us-east-2', 'eu-west-1', null]);
  for (const r of rows) {
    assert.equal(r.group_key, 'region');
    assert.deepEqual(r.group, { region: r.group_value });
  }
  const byRegion = Object.fromEntries(rows.map((r) => [r.group_value, r.value]));
  assert.ok(byRegion['us-east-1'] > 10 * byRegion['ap-south-1'], 'some groups are much bigger than others');
});

test('events without the group property show up as a null group value', async () => {
  const { rows } = await allUsage(app, { ...api, starting_on: '2026-05-01T00:00:00Z', ending_before: '2026-06-01T00:00:00Z', window_size: 'none', group_key: ['endpoint'] });
  const missing = rows.find((r) => r.group_value === null);
  assert.ok(missing && missing.value > 0);
  assert.deepEqual(missing.group, { endpoint: null });
});

test('a compound group key returns the full group map and null deprecated fields, in the key order requested', async () => {
  const { rows } = await allUsage(app, { ...tokens, ...threeDays, window_size: 'none', group_key: ['region', 'model'] });
  assert.ok(rows.length >= 8);
  for (const r of rows) {
    assert.equal(r.group_key, null);
    assert.equal(r.group_value, null);
    assert.deepEqual(Object.keys(r.group ?? {}), ['region', 'model']);
  }
  assert.ok(rows.some((r) => r.group?.['model'] === null) && rows.some((r) => r.group?.['region'] === null));
});

test('compound groups roll up into the single-key groups of the same metric', async () => {
  const compound = (await allUsage(app, { ...tokens, ...threeDays, window_size: 'day', group_key: ['model', 'region'] })).rows;
  const single = (await allUsage(app, { ...tokens, ...threeDays, window_size: 'day', group_key: ['model'] })).rows;
  const byModel = (r: UsageRow): string => JSON.stringify(r.group?.['model'] ?? null);
  assert.deepEqual(rollUp(compound, 24 * HOUR_MS, byModel), rollUp(single, 24 * HOUR_MS, byModel));
});

test('group_filters keep only matching groups, with the same values as unfiltered', async () => {
  const all = (await allUsage(app, { ...tokens, ...threeDays, window_size: 'day', group_key: ['model', 'region'] })).rows;
  const filters = { model: ['atlas-small', 'embed-v3'], region: ['us-east-1', 'ap-south-1'] };
  const filtered = (await allUsage(app, { ...tokens, ...threeDays, window_size: 'day', group_key: ['model', 'region'], group_filters: filters })).rows;
  const expected = all.filter((r) => filters.model.includes(r.group?.['model'] as string) && filters.region.includes(r.group?.['region'] as string));
  assert.equal(filtered.length, 3 * 4);
  assert.deepEqual(filtered, expected);
  const emptyMeansAll = (await allUsage(app, { ...tokens, ...threeDays, window_size: 'day', group_key: ['model', 'region'], group_filters: { region: [] } })).rows;
  assert.deepEqual(emptyMeansAll, all);
});

test('the deprecated group_by groups by one key and filters by its values', async () => {
  const modern = (await allUsage(app, { ...cpu, ...threeDays, window_size: 'day', group_key: ['region'], group_filters: { region: ['eu-west-1', 'us-east-1'] } })).rows;
  const legacy = (await allUsage(app, { ...cpu, ...threeDays, window_size: 'day', group_by: { key: 'region', values: ['eu-west-1', 'us-east-1'] } })).rows;
  assert.deepEqual(legacy, modern);
  assert.deepEqual(legacy.slice(0, 2).map((r) => [r.group_key, r.group_value]), [['region', 'us-east-1'], ['region', 'eu-west-1']]);
  const everything = (await allUsage(app, { ...cpu, ...threeDays, window_size: 'day', group_by: { key: 'region' } })).rows;
  assert.equal(everything.length, 3 * 5);
});

test('following next_page with a small limit yields exactly the rows of one big page', async () => {
  const query = { ...cpu, starting_on: '2026-06-01T00:00:00Z', ending_before: '2026-06-21T00:00:00Z', window_size: 'day', group_key: ['region'] };
  const big = await allUsage(app, query, 100);
  assert.equal(big.pages, 1);
  assert.equal(big.rows.length, 20 * 5);
  for (const limit of [1, 7, 33]) {
    const paged = await allUsage(app, query, limit);
    assert.equal(paged.pages, Math.ceil(100 / limit));
    assert.deepEqual(paged.rows, big.rows);
  }
});

test('pages default to 100 rows and the last page has a null next_page', async () => {
  const query = { ...api, ...threeDays, window_size: 'hour', group_key: ['endpoint'] }; // 72 hours × 6 groups
  const first = await usage(app, query);
  assert.equal(first.body.data.length, 100);
  assert.equal(typeof first.body.next_page, 'string');
  const { rows, pages } = await allUsage(app, query);
  assert.equal(rows.length, 72 * 6);
  assert.equal(pages, 5);
  assert.deepEqual((await allUsage(app, query, 17)).rows, rows);
});

test('the same seed and clock always give the same numbers, and another seed gives other numbers', async () => {
  const query = { ...tokens, ...threeDays, window_size: 'hour', group_key: ['model'] };
  const a = (await allUsage(simulator(), query)).rows;
  const b = (await allUsage(simulator(), query)).rows;
  const c = (await allUsage(simulator({ seed: 8 }), query)).rows;
  assert.deepEqual(a, b);
  assert.equal(a.length, c.length);
  assert.notDeepEqual(a.map((r) => r.value), c.map((r) => r.value));
});

test('data is anchored to the clock: moving the clock moves the 120-day horizon and keeps shared hours identical', async () => {
  const later = simulator({ now: new Date(NOW.getTime() + 10 * 24 * HOUR_MS) });
  const query = { ...cpu, starting_on: '2026-02-10T00:00:00Z', ending_before: '2026-06-26T00:00:00Z', window_size: 'day' };
  const [before, after] = [(await allUsage(app, query)).rows, (await allUsage(later, query)).rows];
  const value = (rows: UsageRow[], day: string): number => rows.find((r) => r.starting_on.startsWith(day))?.value ?? NaN;
  // NOW is 2026-06-15T10:30Z: data from 2026-02-15T10:00Z to 2026-06-15T10:00Z; the later clock starts 10 days later.
  assert.ok(value(before, '2026-02-20') > 0);
  assert.equal(value(after, '2026-02-20'), 0);
  assert.equal(value(before, '2026-06-20'), 0);
  assert.ok(value(after, '2026-06-20') > 0);
  for (const day of ['2026-03-01', '2026-04-15', '2026-06-01']) assert.equal(value(after, day), value(before, day), day);
  assert.equal(value(before, '2026-02-14'), 0);
});

test('there is no usage from the current hour on: future windows are returned with value 0', async () => {
  const query = { ...api, starting_on: '2026-06-15T08:00:00Z', ending_before: '2026-06-15T14:00:00Z', window_size: 'hour' };
  const { rows } = await allUsage(app, query);
  assert.deepEqual(rows.map((r) => r.starting_on.slice(11, 13)), ['08', '09', '10', '11', '12', '13']);
  assert.ok(rows[0]!.value > 0 && rows[1]!.value > 0);
  assert.deepEqual(rows.slice(2).map((r) => r.value), [0, 0, 0, 0]); // 10:00 is the current, partial hour
  const today = (await allUsage(app, { ...api, starting_on: '2026-06-15T00:00:00Z', ending_before: '2026-06-16T00:00:00Z', window_size: 'none' })).rows;
  assert.equal(today[0]!.value, sum((await allUsage(app, { ...api, starting_on: '2026-06-15T00:00:00Z', ending_before: '2026-06-15T10:00:00Z', window_size: 'hour' })).rows.map((r) => r.value)));
});

test('usage has a realistic shape: quiet weekends, quiet nights, some empty hours', async () => {
  const { rows } = await allUsage(app, { ...api, starting_on: '2026-05-04T00:00:00Z', ending_before: '2026-05-11T00:00:00Z', window_size: 'day' }); // Mon..Sun
  const weekday = sum(rows.slice(0, 5).map((r) => r.value)) / 5;
  const weekend = sum(rows.slice(5).map((r) => r.value)) / 2;
  assert.ok(weekend < 0.7 * weekday, `weekend ${weekend} vs weekday ${weekday}`);
  const hours = (await allUsage(app, { ...cpu, starting_on: '2026-05-04T00:00:00Z', ending_before: '2026-05-11T00:00:00Z', window_size: 'hour', group_key: ['region'], group_filters: { region: ['ap-south-1'] } })).rows;
  assert.ok(hours.some((r) => r.value === 0) && hours.some((r) => r.value > 0));
});

test('a 90-day hourly query pages quickly and a 90-day none query answers quickly', async () => {
  const range = { starting_on: '2026-03-17T00:00:00Z', ending_before: '2026-06-15T00:00:00Z' };
  const started = performance.now();
  const hourly = await allUsage(app, { ...tokens, ...range, window_size: 'hour' });
  assert.equal(hourly.rows.length, 90 * 24);
  const none = await allUsage(app, { ...tokens, ...range, window_size: 'none', group_key: ['model', 'region'] });
  assert.equal(sum(none.rows.map((r) => r.value)), sum(hourly.rows.map((r) => r.value)));
  assert.ok(performance.now() - started < 3000, `took ${performance.now() - started} ms`);
});
