import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, INITECH_ID, METRIC_IDS } from './catalog.ts';
import { PRODUCT_IDS, USD_CENTS } from './billing/world.ts';
import { allUsage, call, groupId, NOW, simulator } from './test-helpers.ts';

const app = simulator();
const micros = (n: number) => Math.round(n * 1_000_000);
const list = async (customer: string, query = '') => call(app, 'GET', `/v1/customers/${customer}/invoices${query}`);

async function everyInvoice(customer: string, query = ''): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '?';
    const reply = await list(customer, `${query}${cursor ? `${sep}next_page=${cursor}` : ''}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    out.push(...reply.body.data);
    cursor = reply.body.next_page;
  } while (cursor !== null);
  return out;
}

test('Acme has finalized invoices for past months, a draft for this one, one void and one scheduled commit purchase', async () => {
  const invoices = await everyInvoice(ACME_ID);
  const usage = invoices.filter((i) => i.type === 'USAGE');
  const finalized = usage.filter((i) => i.status === 'FINALIZED');
  assert.ok(finalized.length >= 2);
  for (const i of finalized) assert.ok(Date.parse(i.end_timestamp) <= NOW.getTime() && i.issued_at === i.end_timestamp);
  const drafts = usage.filter((i) => i.status === 'DRAFT');
  assert.equal(drafts.length, 1);
  assert.ok(Date.parse(drafts[0].start_timestamp) <= NOW.getTime() && NOW.getTime() < Date.parse(drafts[0].end_timestamp));
  assert.equal(drafts[0].issued_at, undefined, 'a draft has not been issued');
  assert.equal(usage.filter((i) => i.status === 'VOID').length, 1);
  const scheduled = invoices.filter((i) => i.type === 'SCHEDULED');
  assert.equal(scheduled.length, 1);
  assert.equal(scheduled[0].status, 'FINALIZED');
  assert.deepEqual(
    scheduled[0].line_items.map((l: any) => [l.type, l.name, l.product_id, l.quantity, l.unit_price, l.total]),
    [['scheduled', 'Platform prepaid commit', PRODUCT_IDS.platformCommit, 1, 10_000, 10_000]],
  );
  assert.equal(scheduled[0].total, 10_000);
  for (const i of invoices) assert.equal(i.customer_id, ACME_ID);
});

test('every invoice total is exactly the sum of its line totals', async () => {
  for (const customer of [ACME_ID, GLOBEX_ID, INITECH_ID]) {
    for (const invoice of await everyInvoice(customer)) {
      const sum = invoice.line_items.reduce((s: number, l: any) => s + micros(l.total), 0);
      assert.equal(sum, micros(invoice.total), `${invoice.id}`);
      for (const l of invoice.line_items) assert.equal(l.credit_type.id, invoice.credit_type.id);
    }
  }
});

test("a usage line's quantity is its product's usage over the line's period, as POST /v1/usage/groups reports it", async () => {
  const invoice = (await everyInvoice(ACME_ID, '?status=FINALIZED&type=USAGE'))[0];
  const range = { starting_on: invoice.start_timestamp, ending_before: invoice.end_timestamp, window_size: 'none' };
  const cpu = (await allUsage(app, { customer_id: ACME_ID, billable_metric_id: METRIC_IDS.cpuHours, group_key: ['region'], ...range })).rows;
  const cpuLines = invoice.line_items.filter((l: any) => l.product_id === PRODUCT_IDS.cpuHours && l.quantity !== undefined);
  assert.equal(cpuLines.length, cpu.length);
  for (const row of cpu) {
    const line = cpuLines.find((l: any) => JSON.stringify(l.presentation_group_values) === groupId(row));
    assert.ok(line, `a line for ${groupId(row)}`);
    assert.equal(line.quantity, row.value);
    assert.equal(line.starting_at, invoice.start_timestamp);
    assert.equal(line.ending_before, invoice.end_timestamp);
  }
  // API requests are priced per thousand.
  const api = (await allUsage(app, { customer_id: ACME_ID, billable_metric_id: METRIC_IDS.apiRequests, ...range })).rows;
  const apiQuantity = invoice.line_items.filter((l: any) => l.product_id === PRODUCT_IDS.apiRequests && l.quantity !== undefined).reduce((s: number, l: any) => s + micros(l.quantity), 0);
  assert.equal(apiQuantity, micros(api[0]!.value / 1000));
});

test('commits and credits appear as negative lines naming the commit, the unnamed one by its product', async () => {
  const invoice = (await everyInvoice(ACME_ID, '?status=FINALIZED&type=USAGE')).at(-1);
  const first = (await everyInvoice(ACME_ID, '?status=FINALIZED&type=USAGE'))[0];
  const applications = [...first.line_items, ...invoice.line_items].filter((l: any) => l.commit_id);
  assert.ok(applications.length > 0);
  for (const l of applications) {
    assert.ok(l.total < 0, `${l.name} is negative`);
    assert.equal(l.type, 'usage');
    assert.ok([PRODUCT_IDS.cpuHours, PRODUCT_IDS.apiRequests, PRODUCT_IDS.storage].includes(l.product_id), 'names the usage product paid for');
    assert.ok(l.commit_segment_id && l.commit_type === 'PrepaidCommit');
    for (const absent of ['quantity', 'unit_price', 'presentation_group_values']) assert.equal(l[absent], undefined, absent);
  }
  const names = new Set(applications.map((l: any) => l.name));
  assert.ok(names.has('Reward credit') && names.has('Platform prepaid commit') && names.has('Storage promotion'), [...names].join(', '));
  for (const l of applications) {
    if (l.name === 'Platform prepaid commit') assert.deepEqual(l.applied_commit_or_credit, { id: l.commit_id, type: 'PREPAID' });
    else assert.equal(l.applied_commit_or_credit, undefined, 'credits come without applied_commit_or_credit');
  }
});

test('tiered lines say which tier they are in, the last one without a size', async () => {
  const invoices = await everyInvoice(GLOBEX_ID, '?status=FINALIZED');
  const tiers = invoices.flatMap((i) => i.line_items.filter((l: any) => l.tier));
  assert.ok(tiers.some((l: any) => l.tier.level === 3 && l.tier.size === null && l.tier.starting_at === '2000'));
  assert.ok(tiers.some((l: any) => l.tier.level === 1 && l.tier.size === '1000' && l.tier.starting_at === '0'));
});

test('the void invoice keeps the lines of the invoice that replaced it; both can be fetched by id', async () => {
  const [voided] = await everyInvoice(ACME_ID, '?status=VOID');
  const live = (await everyInvoice(ACME_ID, '?type=USAGE&status=FINALIZED')).find((i) => i.start_timestamp === voided.start_timestamp);
  assert.notEqual(voided.id, live.id);
  assert.deepEqual(voided.line_items, live.line_items);
  for (const invoice of [voided, live]) {
    const one = await call(app, 'GET', `/v1/customers/${ACME_ID}/invoices/${invoice.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body.data, invoice);
  }
});

test('filters by status, type, credit type, contract and billing period, sorted either way', async () => {
  const all = await everyInvoice(INITECH_ID);
  const gpu = await everyInvoice(INITECH_ID, '?credit_type_id=5ae401dc-a648-4b49-9ac3-391bb5bc4d7b');
  assert.ok(gpu.length > 0 && gpu.every((i) => i.credit_type.name === 'GPU credits'));
  assert.equal((await everyInvoice(INITECH_ID, `?credit_type_id=${USD_CENTS.id}`)).length + gpu.length, all.length);
  assert.equal((await everyInvoice(INITECH_ID, '?contract_id=00000000-0000-4000-8000-000000000000')).length, 0);
  const may = await everyInvoice(INITECH_ID, '?starting_on=2026-05-01T00:00:00Z&ending_before=2026-06-01T00:00:00Z');
  assert.deepEqual(may.map((i) => i.start_timestamp), ['2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z']);
  const desc = await everyInvoice(INITECH_ID, '?sort=date_desc');
  assert.deepEqual(desc.map((i) => i.id), all.map((i) => i.id).reverse());
  assert.ok((await everyInvoice(ACME_ID, '?type=SCHEDULED')).every((i) => i.type === 'SCHEDULED'));
});

test('skip_zero_qty_line_items drops only lines with a zero quantity, leaving totals alone', async () => {
  // Half an hour into a period, the draft has no usage yet: every usage line is zero.
  const early = simulator({ now: new Date('2026-06-01T00:30:00Z') });
  const get = async (query: string) => (await call(early, 'GET', `/v1/customers/${INITECH_ID}/invoices${query}`)).body.data as any[];
  const full = await get('?status=DRAFT');
  const skipped = await get('?status=DRAFT&skip_zero_qty_line_items=true');
  assert.ok(full.length > 0 && full.every((i) => i.line_items.some((l: any) => l.quantity === 0)));
  skipped.forEach((i, n) => {
    assert.equal(i.total, full[n].total);
    assert.ok(i.line_items.every((l: any) => l.quantity !== 0));
    assert.ok(i.line_items.length < full[n].line_items.length);
  });
  const finalized = await get('?status=FINALIZED&skip_zero_qty_line_items=true');
  assert.ok(finalized.every((i) => i.line_items.length > 0));
});

test('limit and next_page return every invoice exactly once; a cursor from another query is a 400', async () => {
  const all = await everyInvoice(INITECH_ID);
  const paged = await everyInvoice(INITECH_ID, '?limit=3');
  assert.deepEqual(paged.map((i) => i.id), all.map((i) => i.id));
  const first = await list(INITECH_ID, '?limit=3');
  const foreign = await list(INITECH_ID, `?sort=date_desc&next_page=${first.body.next_page}`);
  assert.equal(foreign.status, 400);
  assert.match(foreign.body.message, /next_page/);
});

test('bad parameters are a 400 naming the parameter; unknown customers and invoices are a 404', async () => {
  for (const [query, field] of [
    ['?limit=0', 'limit'], ['?status=PAID', 'status'], ['?type=MONTHLY', 'type'], ['?sort=newest', 'sort'],
    ['?starting_on=yesterday', 'starting_on'], ['?ending_before=2026-02-30T00:00:00Z', 'ending_before'],
    ['?skip_zero_qty_line_items=yes', 'skip_zero_qty_line_items'], ['?contract_id=42', 'contract_id'],
    ['?starting_on=2026-06-01T00:00:00Z&ending_before=2026-05-01T00:00:00Z', 'starting_on'],
  ] as const) {
    const reply = await list(ACME_ID, query);
    assert.equal(reply.status, 400, query);
    assert.match(reply.body.message, new RegExp(`^${field}`), query);
  }
  assert.equal((await list('not-a-uuid')).status, 400);
  assert.equal((await list('00000000-0000-4000-8000-000000000000')).status, 404);
  const missing = await call(app, 'GET', `/v1/customers/${ACME_ID}/invoices/00000000-0000-4000-8000-000000000000`);
  assert.equal(missing.status, 404);
  assert.equal((await call(app, 'GET', `/v1/customers/${ACME_ID}/invoices/nope`)).status, 400);
  // Another customer's invoice is not found, not leaked.
  const [globex] = await everyInvoice(GLOBEX_ID);
  assert.equal((await call(app, 'GET', `/v1/customers/${ACME_ID}/invoices/${globex.id}`)).status, 404);
});
