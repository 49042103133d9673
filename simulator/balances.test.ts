import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, INITECH_ID } from './catalog.ts';
import { call, NOW, simulator } from './test-helpers.ts';

const app = simulator();
const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2';
const GPU = '5ae401dc-a648-4b49-9ac3-391bb5bc4d7b';
const REWARD_CREDIT = '5b3d8f1a-9c6e-4e02-a7b4-1f8c5d2e9a63';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const contractLevel = { include_contract_balances: true };

const list = (json: Record<string, unknown>) => call(app, 'POST', '/v1/contracts/customerBalances/list', { json });
const net = (json: Record<string, unknown>) => call(app, 'POST', '/v1/contracts/customerBalances/getNetBalance', { json });
const micros = (x: number) => Math.round(x * 1e6);
const sumMicros = (xs: number[]) => xs.reduce((a, b) => a + micros(b), 0);

/** Every item of a balances query, following next_page with the given page size. */
async function allBalances(json: Record<string, unknown>, limit?: number): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let next_page: string | null = null;
  let pages = 0;
  do {
    const reply = await list({ ...json, ...(limit === undefined ? {} : { limit }), ...(next_page === null ? {} : { next_page }) });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    items.push(...reply.body.data);
    next_page = reply.body.next_page;
    assert.ok(++pages < 100, 'paging does not end');
  } while (next_page !== null);
  return { items, pages };
}

test('without include_contract_balances the list is empty, since every simulated balance belongs to a contract', async () => {
  const reply = await list({ customer_id: ACME_ID, include_balance: true });
  assert.deepEqual(reply.body, { data: [], next_page: null });
});

test('Acme\'s balances are listed in burn order: the reward credit, the storage promotion, then the prepaid commit', async () => {
  const { items } = await allBalances({ customer_id: ACME_ID, ...contractLevel, include_balance: true });
  assert.deepEqual(items.map((i) => [i.type, i.priority]), [['CREDIT', 1], ['CREDIT', 5], ['PREPAID', 100]]);
  assert.deepEqual(items.map((i) => i.balance > 0), [false, false, true], 'the credits are spent or expired; the commit has money left');
});

test('paging with any limit from 1 to 25 gives the same items as one page', async () => {
  for (const customer_id of [ACME_ID, INITECH_ID]) {
    const query = { customer_id, ...contractLevel, include_ledgers: true, include_balance: true };
    const whole = await allBalances(query);
    assert.equal(whole.pages, 1);
    for (let limit = 1; limit <= 25; limit++) {
      const paged = await allBalances(query, limit);
      assert.deepEqual(paged.items, whole.items, `limit ${limit}`);
      assert.equal(paged.pages, Math.max(1, Math.ceil(whole.items.length / limit)));
    }
  }
});

test('each ledger adds up to its balance', async () => {
  for (const customer_id of [ACME_ID, INITECH_ID]) {
    const { items } = await allBalances({ customer_id, ...contractLevel, include_ledgers: true, include_balance: true });
    for (const item of items) assert.equal(sumMicros(item.ledger.map((e: any) => e.amount)), micros(item.balance), item.name);
  }
});

test('an upcoming GPU segment is listed but not counted: the balance is what is left of this month\'s 43,000 credits', async () => {
  const [gpu] = (await list({ customer_id: INITECH_ID, ...contractLevel, include_balance: true, include_ledgers: true, id: '4c7e0b3f-8d5a-4e18-a6f9-2b1d9c4e7a36' })).body.data;
  const items = gpu.access_schedule.schedule_items;
  const upcoming = items.find((s: any) => Date.parse(s.starting_at) > NOW.getTime());
  const current = items.find((s: any) => Date.parse(s.starting_at) <= NOW.getTime() && NOW.getTime() < Date.parse(s.ending_before));
  assert.ok(upcoming && current);
  assert.ok(!gpu.ledger.some((e: any) => e.segment_id === upcoming.id));
  assert.equal(micros(gpu.balance), sumMicros(gpu.ledger.filter((e: any) => e.segment_id === current.id).map((e: any) => e.amount)));
  assert.ok(gpu.balance > 0 && gpu.balance < 43_000);
});

test('date filters look at access segments: covering_date, starting_at and effective_before', async () => {
  const names = async (json: Record<string, unknown>) => (await allBalances({ customer_id: ACME_ID, ...contractLevel, ...json })).items.map((i) => i.product.name);
  assert.deepEqual(await names({ covering_date: NOW.toISOString() }), ['Platform prepaid commit'], 'only the commit is still accessible');
  assert.deepEqual(await names({ starting_at: '2026-05-20T00:00:00Z' }), ['Platform prepaid commit']);
  assert.deepEqual(await names({ effective_before: '2026-04-01T00:00:00Z' }), [], 'nothing was accessible before the contract began');
  assert.deepEqual(await names({ effective_before: '2026-04-02T00:00:00Z' }), ['Reward credit', 'Storage promotion', 'Platform prepaid commit']);
  const july = await allBalances({ customer_id: INITECH_ID, ...contractLevel, covering_date: '2026-07-10T00:00:00Z' });
  assert.equal(july.items.length, 2, 'next month\'s GPU segment covers a future date');
});

test('id picks one balance and exclude_zero_balances drops the spent and expired credits', async () => {
  const one = await allBalances({ customer_id: ACME_ID, ...contractLevel, id: REWARD_CREDIT });
  assert.deepEqual(one.items.map((i) => i.name), ['Reward credit']);
  const nonZero = await allBalances({ customer_id: ACME_ID, ...contractLevel, exclude_zero_balances: true });
  assert.deepEqual(nonZero.items.map((i) => i.type), ['PREPAID']);
});

test('balances of an unknown customer are a 404', async () => {
  const reply = await list({ customer_id: UNKNOWN, ...contractLevel });
  assert.equal(reply.status, 404);
  assert.equal(reply.body.message, 'Customer not found');
  assert.equal((await net({ customer_id: UNKNOWN })).status, 404);
});

const badLists: Array<[string, Record<string, unknown>, RegExp]> = [
  ['limit 0', { customer_id: ACME_ID, limit: 0 }, /body\.limit: must be >= 1/],
  ['limit 26', { customer_id: ACME_ID, limit: 26 }, /body\.limit: must be <= 25/],
  ['a fractional limit', { customer_id: ACME_ID, limit: 2.5 }, /body\.limit: must be an integer/],
  ['no customer_id', { limit: 5 }, /body: missing required property "customer_id"/],
  ['an id that is not a uuid', { customer_id: ACME_ID, id: 'reward' }, /body\.id: must be a uuid/],
  ['include_balance that is not a boolean', { customer_id: ACME_ID, include_balance: 1 }, /body\.include_balance: must be a boolean/],
  ['a cursor that is not one of ours', { customer_id: ACME_ID, next_page: 'garbage' }, /^Invalid next_page/],
];

for (const [what, json, message] of badLists) {
  test(`listing balances with ${what} is a 400 naming the field`, async () => {
    const reply = await list(json);
    assert.equal(reply.status, 400);
    assert.match(reply.body.message, message);
  });
}

test('a cursor issued for one balances query is a 400 on another', async () => {
  const first = await list({ customer_id: ACME_ID, ...contractLevel, limit: 1 });
  assert.ok(first.body.next_page);
  const reused = await list({ customer_id: INITECH_ID, ...contractLevel, limit: 1, next_page: first.body.next_page });
  assert.equal(reused.status, 400);
});

test('the net balance equals the sum of the listed balances in each credit type, USD and GPU credits', async () => {
  for (const customer_id of [ACME_ID, GLOBEX_ID, INITECH_ID]) {
    const { items } = await allBalances({ customer_id, ...contractLevel, include_balance: true });
    for (const credit_type_id of [USD, GPU]) {
      const reply = await net({ customer_id, credit_type_id });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.data.credit_type_id, credit_type_id);
      const listed = items.filter((i) => i.access_schedule.credit_type.id === credit_type_id).map((i) => i.balance);
      assert.equal(micros(reply.body.data.balance), sumMicros(listed), `${customer_id} ${credit_type_id}`);
    }
  }
  const gpu = await net({ customer_id: INITECH_ID, credit_type_id: GPU });
  assert.ok(gpu.body.data.balance > 0, 'Initech has GPU credits left this month');
});

test('the net balance is in USD cents unless a credit type is given', async () => {
  const reply = await net({ customer_id: ACME_ID });
  assert.equal(reply.body.data.credit_type_id, USD);
  assert.deepEqual(reply.body, (await net({ customer_id: ACME_ID, credit_type_id: USD })).body);
});

test('net balance filters combine with OR, and FINALIZED leaves out what the draft invoice will take', async () => {
  const whole = (await net({ customer_id: INITECH_ID })).body.data.balance;
  const postpaid = (await net({ customer_id: INITECH_ID, filters: [{ balance_types: ['POSTPAID_COMMIT'] }] })).body.data.balance;
  const prepaid = (await net({ customer_id: INITECH_ID, filters: [{ balance_types: ['PREPAID_COMMIT'] }] })).body.data.balance;
  assert.equal(postpaid, whole, 'Initech\'s only USD balance is its postpaid storage minimum');
  assert.equal(prepaid, 0);
  const either = (await net({ customer_id: INITECH_ID, filters: [{ balance_types: ['PREPAID_COMMIT'] }, { ids: ['e9a3f6c1-2b8d-4d05-8e7a-6c4b1f9d3e52'] }] })).body.data.balance;
  assert.equal(either, whole);
  assert.equal((await net({ customer_id: INITECH_ID, filters: [{ custom_fields: { team: 'ml' } }] })).body.data.balance, 0, 'no simulated balance has custom fields');
  const finalized = (await net({ customer_id: INITECH_ID, credit_type_id: GPU, invoice_inclusion_mode: 'FINALIZED' })).body.data.balance;
  const withDraft = (await net({ customer_id: INITECH_ID, credit_type_id: GPU })).body.data.balance;
  assert.ok(finalized > withDraft, 'this month\'s draft invoice has already drawn on the GPU credits');
  assert.equal(finalized, 43_000, 'nothing of this month\'s segment is finalized yet');
});

test('a net balance request naming an unknown credit type or a bad filter is a 400 naming the field', async () => {
  const unknownType = await net({ customer_id: ACME_ID, credit_type_id: UNKNOWN });
  assert.equal(unknownType.status, 400);
  assert.match(unknownType.body.message, /^credit_type_id /);
  const badFilter = await net({ customer_id: ACME_ID, filters: [{ balance_types: ['COMMIT'] }] });
  assert.equal(badFilter.status, 400);
  assert.match(badFilter.body.message, /body\.filters\[0\]\.balance_types\[0\]: must be one of/);
  const badMode = await net({ customer_id: ACME_ID, invoice_inclusion_mode: 'ALL' });
  assert.match(badMode.body.message, /body\.invoice_inclusion_mode/);
});
