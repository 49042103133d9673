import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, INITECH_ID } from './catalog.ts';
import { allocate } from './billing/breakdowns.ts';
import { GPU_CREDITS, PRODUCT_IDS } from './billing/world.ts';
import { call, simulator } from './test-helpers.ts';

const app = simulator();
const micros = (n: number) => Math.round(n * 1_000_000);
const sumMicros = (lines: any[]) => lines.reduce((s, l) => s + micros(l.total), 0);
const base = (customer: string) => `/v1/customers/${customer}/invoices`;
const DAY = 86_400_000;

/** Every breakdown item of a query, following next_page, with the number of pages. */
async function allBreakdowns(customer: string, query: string): Promise<{ items: any[]; pages: any[][] }> {
  const items: any[] = [];
  const pages: any[][] = [];
  let cursor: string | null = null;
  do {
    const reply = await call(app, 'GET', `${base(customer)}/breakdowns?${query}${cursor ? `&next_page=${cursor}` : ''}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    items.push(...reply.body.data);
    pages.push(reply.body.data);
    cursor = reply.body.next_page;
  } while (cursor !== null);
  return { items, pages };
}

async function allSpend(customer: string, payload: Record<string, unknown>): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const reply = await call(app, 'POST', `${base(customer)}/spend-breakdowns`, { json: { ...payload, ...(cursor ? { next_page: cursor } : {}) } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    items.push(...reply.body.data);
    cursor = reply.body.next_page ?? undefined;
  } while (cursor !== undefined);
  return items;
}

const lineKey = (l: any) => `${l.product_id}|${l.commit_segment_id ?? ''}|${l.tier?.level ?? ''}|${JSON.stringify(l.presentation_group_values ?? null)}`;

test("daily and hourly breakdowns of an invoice add up exactly to the invoice, in USD and in GPU credits", async () => {
  const invoices = (await call(app, 'GET', `${base(INITECH_ID)}?type=USAGE&status=FINALIZED`)).body.data as any[];
  const from = invoices[0].start_timestamp;
  const to = invoices.at(-1).end_timestamp;
  const { items } = await allBreakdowns(INITECH_ID, `starting_on=${from}&ending_before=${to}`);
  const hourly = await allBreakdowns(INITECH_ID, `window_size=hour&starting_on=${invoices[0].start_timestamp}&ending_before=${invoices[0].end_timestamp}`);
  assert.ok(invoices.some((i) => i.credit_type.id === GPU_CREDITS.id) && invoices.some((i) => i.credit_type.id !== GPU_CREDITS.id));
  for (const invoice of invoices) {
    for (const [windows, size] of [[items, DAY], [hourly.items, 3_600_000]] as const) {
      const own = windows.filter((w) => w.id === invoice.id);
      if (size !== DAY && own.length === 0) continue; // hourly covered only the first period
      assert.equal(own.length, Math.round((Date.parse(invoice.end_timestamp) - Date.parse(invoice.start_timestamp)) / size));
      assert.equal(own.reduce((s, w) => s + micros(w.total), 0), micros(invoice.total), `${invoice.credit_type.name} total`);
      for (const w of own) assert.equal(micros(w.total), sumMicros(w.line_items), 'a window total is its lines');
      // Line by line too: quantities and totals per product, group, tier and commit segment.
      const expected = new Map<string, number>();
      for (const l of invoice.line_items) expected.set(lineKey(l), micros(l.total));
      const got = new Map<string, number>();
      for (const l of own.flatMap((w) => w.line_items)) got.set(lineKey(l), (got.get(lineKey(l)) ?? 0) + micros(l.total));
      for (const [key, total] of expected) assert.equal(got.get(key) ?? 0, total, key);
    }
  }
});

test('following next_page across 90 days returns every daily window once, at most 35 days a page', async () => {
  const from = Date.parse('2026-03-17T00:00:00Z');
  const { items, pages } = await allBreakdowns(ACME_ID, `starting_on=2026-03-17T00:00:00Z&ending_before=2026-06-15T00:00:00Z`);
  assert.ok(pages.length >= 3);
  for (const page of pages) assert.ok(new Set(page.map((w) => w.breakdown_start_timestamp)).size <= 35);
  const starts = items.map((w) => Date.parse(w.breakdown_start_timestamp));
  // Acme's contract starts 2026-04-01: every day from then to the range end, once.
  const expected = Array.from({ length: (Date.parse('2026-06-15T00:00:00Z') - Date.parse('2026-04-01T00:00:00Z')) / DAY }, (_, i) => Date.parse('2026-04-01T00:00:00Z') + i * DAY);
  assert.deepEqual(starts, expected);
  assert.ok(starts.every((s) => s >= from));
  assert.ok(items.every((w) => w.status !== 'VOID'), 'void invoices have no breakdowns');
  for (const w of items) assert.equal(Date.parse(w.breakdown_end_timestamp) - Date.parse(w.breakdown_start_timestamp), DAY);
});

test('hourly pages hold at most 24 hours, limit caps them further, and the draft stops at the current hour', async () => {
  const { items, pages } = await allBreakdowns(GLOBEX_ID, 'window_size=HOUR&limit=10&starting_on=2026-06-14T00:00:00Z&ending_before=2026-06-16T00:00:00Z');
  assert.ok(pages.every((p) => p.length <= 10));
  const hours = items.map((w) => w.breakdown_start_timestamp);
  assert.equal(new Set(hours).size, hours.length);
  assert.equal(hours.at(-1), '2026-06-15T10:00:00Z', 'the current hour is the last one');
  assert.equal(hours.length, 24 + 11);
  const daily = await allBreakdowns(GLOBEX_ID, 'window_size=hour&starting_on=2026-06-14T00:00:00Z&ending_before=2026-06-15T00:00:00Z');
  assert.equal(daily.pages.length, 1);
  assert.equal(daily.items.length, 24);
});

test('breakdowns filter by status and credit type; void statuses and bad ranges are a 400', async () => {
  const range = 'starting_on=2026-05-01T00:00:00Z&ending_before=2026-06-15T00:00:00Z';
  const drafts = await allBreakdowns(INITECH_ID, `status=DRAFT&${range}`);
  assert.ok(drafts.items.length > 0 && drafts.items.every((w) => w.status === 'DRAFT'));
  const gpu = await allBreakdowns(INITECH_ID, `credit_type_id=${GPU_CREDITS.id}&${range}`);
  assert.ok(gpu.items.length > 0 && gpu.items.every((w) => w.credit_type.id === GPU_CREDITS.id));
  const desc = await allBreakdowns(INITECH_ID, `sort=date_desc&credit_type_id=${GPU_CREDITS.id}&${range}`);
  assert.equal(desc.items[0].status, 'DRAFT');
  for (const [query, field] of [
    ['ending_before=2026-06-01T00:00:00Z', 'starting_on'], ['starting_on=2026-06-01T00:00:00Z', 'ending_before'],
    [`status=VOID&${range}`, 'status'], [`window_size=week&${range}`, 'window_size'], [`limit=101&${range}`, 'limit'],
    ['starting_on=2026-06-02T00:00:00Z&ending_before=2026-06-01T00:00:00Z', 'starting_on'], [`sort=up&${range}`, 'sort'],
  ] as const) {
    const reply = await call(app, 'GET', `${base(ACME_ID)}/breakdowns?${query}`);
    assert.equal(reply.status, 400, query);
    assert.match(reply.body.message, new RegExp(`^${field}`), query);
  }
  assert.equal((await call(app, 'GET', `${base('00000000-0000-4000-8000-000000000000')}/breakdowns?${range}`)).status, 404);
});

test("spend breakdowns show charges only, and each day's spend equals the breakdown's gross usage that day", async () => {
  for (const [customer, group_keys] of [[ACME_ID, ['region']], [INITECH_ID, ['cluster']], [GLOBEX_ID, ['model']], [ACME_ID, undefined]] as const) {
    const range = { starting_on: '2026-05-01T00:00:00Z', ending_before: '2026-06-15T00:00:00Z' };
    const spend = await allSpend(customer, { ...range, ...(group_keys ? { group_keys } : {}) });
    const { items } = await allBreakdowns(customer, `starting_on=${range.starting_on}&ending_before=${range.ending_before}`);
    assert.equal(spend.length, items.length);
    for (const w of spend) {
      assert.ok(w.line_items.every((l: any) => !l.commit_id && l.total >= 0), 'no commit or credit lines');
      const match = items.find((b) => b.id === w.id && b.breakdown_start_timestamp === w.breakdown_start_timestamp)!;
      const gross = sumMicros(match.line_items.filter((l: any) => !l.commit_id));
      assert.equal(sumMicros(w.line_items), gross, `${w.id} ${w.breakdown_start_timestamp}`);
      assert.equal(micros(match.subtotal), gross);
    }
  }
});

test("regrouping splits a flat product by the requested key, and a product whose metric lacks the key shows null", async () => {
  const [day] = await allSpend(ACME_ID, { starting_on: '2026-05-01T00:00:00Z', ending_before: '2026-05-02T00:00:00Z', group_keys: ['endpoint'] });
  const api = day.line_items.filter((l: any) => l.product_id === PRODUCT_IDS.apiRequests);
  assert.ok(api.length >= 5 && api.every((l: any) => Object.keys(l.presentation_group_values).join() === 'endpoint'));
  const cpu = day.line_items.filter((l: any) => l.product_id === PRODUCT_IDS.cpuHours);
  assert.deepEqual(cpu.map((l: any) => l.presentation_group_values), [{ endpoint: null }]);
  // Storage has quantity rounding: Metronome ignores group_keys there and keeps its own tiers.
  const storage = day.line_items.filter((l: any) => l.product_id === PRODUCT_IDS.storage);
  assert.ok(storage.length > 1 && storage.every((l: any) => 'tier' in l.presentation_group_values));
  for (const l of api) assert.equal(micros(l.total), Math.round((micros(l.quantity) * 0.05 * 1e6) / 1e6));
});

test('tiered products keep their tier lines whatever group_keys ask for', async () => {
  const spend = await allSpend(GLOBEX_ID, { starting_on: '2026-05-15T00:00:00Z', ending_before: '2026-06-15T00:00:00Z', group_keys: ['model'], window_size: 'none' });
  assert.equal(spend.length, 1);
  const tokens = spend[0].line_items.filter((l: any) => l.product_id === PRODUCT_IDS.modelTokens);
  assert.ok(tokens.length >= 2 && tokens.every((l: any) => l.tier && !l.presentation_group_values));
  assert.equal(spend[0].breakdown_start_timestamp, '2026-05-15T00:00:00Z');
  assert.equal(spend[0].breakdown_end_timestamp, '2026-06-15T00:00:00Z');
});

test('group_filters keep only the matching groups; window_size none clips the period to the range', async () => {
  const payload = { starting_on: '2026-05-10T00:00:00Z', ending_before: '2026-05-20T00:00:00Z', window_size: 'NONE', group_keys: ['region'] };
  const [all] = await allSpend(ACME_ID, payload);
  const [east] = await allSpend(ACME_ID, { ...payload, group_filters: { region: ['us-east-1'] } });
  assert.equal(all.breakdown_start_timestamp, '2026-05-10T00:00:00Z');
  assert.equal(all.breakdown_end_timestamp, '2026-05-20T00:00:00Z');
  const regrouped = (item: any) => item.line_items.filter((l: any) => 'region' in l.presentation_group_values);
  // API requests have no region (null), so the filter drops them; rounded storage keeps its own groups.
  assert.deepEqual(regrouped(east).map((l: any) => l.presentation_group_values), [{ region: 'us-east-1' }]);
  assert.deepEqual(regrouped(east)[0], all.line_items.find((l: any) => l.presentation_group_values.region === 'us-east-1'));
  assert.ok(!east.line_items.some((l: any) => l.product_id === PRODUCT_IDS.apiRequests));
  assert.ok(east.line_items.some((l: any) => l.product_id === PRODUCT_IDS.storage));
  const priced = await call(app, 'POST', `${base(ACME_ID)}/spend-breakdowns?include_list_prices=true`, { json: payload });
  assert.deepEqual(priced.body.data[0].line_items[0].list_price.rate_type, 'FLAT');
});

test('spend breakdowns reject what the spec does not allow, naming the field', async () => {
  const range = { starting_on: '2026-05-01T00:00:00Z', ending_before: '2026-05-02T00:00:00Z' };
  for (const [json, pattern] of [
    [{ ...range, window_size: 'hour' }, /window_size/], [{ starting_on: range.starting_on }, /ending_before/],
    [{ ...range, group_keys: ['colour'] }, /^group_keys/], [{ ...range, group_keys: ['region'], group_filters: { tier: ['hot'] } }, /^group_filters/],
    [{ ...range, shoe_size: 9 }, /shoe_size/], [{ ...range, limit: 0 }, /limit/],
  ] as const) {
    const reply = await call(app, 'POST', `${base(ACME_ID)}/spend-breakdowns`, { json });
    assert.equal(reply.status, 400, JSON.stringify(json));
    assert.match(reply.body.message, pattern);
  }
  assert.equal((await call(app, 'POST', `${base(ACME_ID)}/spend-breakdowns`, { rawBody: '{' })).status, 400);
});

test('largest-remainder allocation always adds up to the whole, in proportion to the weights', () => {
  assert.deepEqual(allocate(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(allocate(-10, [1, 1, 1]), [-4, -3, -3]);
  assert.deepEqual(allocate(100, [0, 3, 1]), [0, 75, 25]);
  assert.deepEqual(allocate(7, [0, 0]), [4, 3]);
  assert.deepEqual(allocate(1_000_001, [2, 1]), [666_667, 333_334]);
});
