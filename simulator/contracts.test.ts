import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, INITECH_ID, METRIC_IDS } from './catalog.ts';
import { allUsage, call, NOW, simulator } from './test-helpers.ts';

const app = simulator();
const ACME_CONTRACT = '1b6e9d3f-7c2a-4f85-b0e4-9a3d6c1f8e25';
const INITECH_CONTRACT = '9f5c1e7a-3d8b-4b46-9c2e-0a7d4f1b8e63';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const list = (json: Record<string, unknown>) => call(app, 'POST', '/v2/contracts/list', { json });
const get = (json: Record<string, unknown>) => call(app, 'POST', '/v2/contracts/get', { json });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

test('listing Acme\'s contracts shows its prepaid commit, its two credits and a monthly statement schedule', async () => {
  const reply = await list({ customer_id: ACME_ID });
  assert.equal(reply.status, 200);
  const [contract] = reply.body.data;
  assert.equal(reply.body.data.length, 1);
  assert.equal(contract.id, ACME_CONTRACT);
  assert.equal(contract.name, 'Acme Robotics platform agreement');
  assert.deepEqual(contract.usage_statement_schedule, { frequency: 'MONTHLY', billing_anchor_date: contract.starting_at });
  for (const key of ['overrides', 'scheduled_charges', 'transitions', 'usage_filter']) assert.deepEqual(contract[key], [], key);

  const [commit] = contract.commits;
  assert.equal(commit.type, 'PREPAID');
  assert.equal(commit.priority, 100);
  assert.deepEqual(commit.product, { id: commit.product.id, name: 'Platform prepaid commit' });
  assert.equal(commit.access_schedule.credit_type.name, 'USD (cents)');
  assert.equal(commit.access_schedule.schedule_items[0].amount, 10_000, '$100 in cents');
  assert.equal(commit.invoice_schedule.schedule_items[0].amount, 10_000, 'the purchase is invoiced');
  assert.equal('ledger' in commit || 'balance' in commit, false, 'ledgers and balances only when asked');

  assert.deepEqual(contract.credits.map((c: any) => [c.product.name, c.priority]), [['Reward credit', 1], ['Storage promotion', 5]]);
  assert.deepEqual(contract.credits[1].applicable_product_ids, ['4e7a9c2d-1f5b-4d86-b3e0-9c2a5f8d1e47'], 'the promotion only pays for storage');
});

test('a customer without commits still gets empty commit and credit lists', async () => {
  const [contract] = (await list({ customer_id: GLOBEX_ID })).body.data;
  assert.deepEqual([contract.commits, contract.credits], [[], []]);
});

test('covering_date keeps contracts active on that date and starting_at those starting on or after it', async () => {
  const start = Date.parse((await list({ customer_id: ACME_ID })).body.data[0].starting_at);
  const iso = (ms: number) => new Date(ms).toISOString();
  assert.equal((await list({ customer_id: ACME_ID, covering_date: iso(start) })).body.data.length, 1);
  assert.equal((await list({ customer_id: ACME_ID, covering_date: iso(start - 1) })).body.data.length, 0);
  assert.equal((await list({ customer_id: ACME_ID, starting_at: iso(start) })).body.data.length, 1);
  assert.equal((await list({ customer_id: ACME_ID, starting_at: iso(start + 1) })).body.data.length, 0);
});

test('every ledger entry has the spec\'s type for its commit or credit, and each ledger adds up to the balance', async () => {
  for (const customer_id of [ACME_ID, INITECH_ID]) {
    const [contract] = (await list({ customer_id, include_ledgers: true, include_balance: true })).body.data;
    for (const item of [...contract.commits, ...contract.credits]) {
      const prefix = item.type === 'CREDIT' ? 'CREDIT_' : `${item.type}_COMMIT_`;
      assert.ok(item.ledger.length > 0);
      for (const entry of item.ledger) assert.ok(entry.type.startsWith(prefix), `${entry.type} on a ${item.type}`);
      assert.ok(close(sum(item.ledger.map((e: any) => e.amount)), item.balance), item.name);
    }
  }
});

test('the $5 reward credit (priority 1) is used up before the $100 prepaid commit (priority 100) pays anything', async () => {
  const contract = (await get({ customer_id: ACME_ID, contract_id: ACME_CONTRACT, include_ledgers: true })).body.data;
  const prepaid = contract.commits[0];
  const reward = contract.credits.find((c: any) => c.name === 'Reward credit');
  const firstDraw = prepaid.ledger.find((e: any) => e.type === 'PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION');
  assert.ok(firstDraw, 'the prepaid commit has paid for usage');
  const rewardBefore = reward.ledger.filter((e: any) => Date.parse(e.timestamp) <= Date.parse(firstDraw.timestamp));
  assert.equal(sum(rewardBefore.map((e: any) => e.amount)), 0, 'nothing is left on the reward credit when the commit first pays');
  assert.ok(rewardBefore.some((e: any) => e.type === 'CREDIT_AUTOMATED_INVOICE_DEDUCTION' && e.amount === -500));
});

test('an upcoming monthly segment is in the access schedule but neither in the ledger nor in the balance', async () => {
  const reply = await get({ customer_id: INITECH_ID, contract_id: INITECH_CONTRACT, include_ledgers: true, include_balance: true });
  const gpu = reply.body.data.commits.find((c: any) => c.access_schedule.credit_type.name === 'GPU credits');
  const upcoming = gpu.access_schedule.schedule_items.filter((s: any) => Date.parse(s.starting_at) > NOW.getTime());
  assert.equal(upcoming.length, 1);
  assert.equal(gpu.ledger.some((e: any) => e.segment_id === upcoming[0].id), false);
  const current = gpu.access_schedule.schedule_items.find((s: any) => Date.parse(s.starting_at) <= NOW.getTime() && NOW.getTime() < Date.parse(s.ending_before));
  const onCurrent = sum(gpu.ledger.filter((e: any) => e.segment_id === current.id).map((e: any) => e.amount));
  assert.ok(close(gpu.balance, onCurrent), 'only the current month counts');
  assert.ok(gpu.balance < current.amount);
});

test('getting a contract by id returns the same contract the list shows, and as_of_date shows the same terms', async () => {
  const listed = (await list({ customer_id: INITECH_ID })).body.data[0];
  assert.deepEqual((await get({ customer_id: INITECH_ID, contract_id: INITECH_CONTRACT })).body.data, listed);
  assert.deepEqual((await get({ customer_id: INITECH_ID, contract_id: INITECH_CONTRACT, as_of_date: '2026-04-10T00:00:00Z' })).body.data, listed);
});

test('an unknown customer or contract is the spec\'s 400 with CustomerNotFound or ContractNotFound', async () => {
  assert.deepEqual((await list({ customer_id: UNKNOWN })).body, { code: 'CustomerNotFound', message: 'Customer not found' });
  assert.deepEqual((await get({ customer_id: UNKNOWN, contract_id: ACME_CONTRACT })).body, { code: 'CustomerNotFound', message: 'Customer not found' });
  const other = await get({ customer_id: GLOBEX_ID, contract_id: ACME_CONTRACT });
  assert.equal(other.status, 400);
  assert.deepEqual(other.body, { code: 'ContractNotFound', message: 'Contract not found' }, 'another customer\'s contract is not found');
});

const badBodies: Array<[string, string, unknown, RegExp]> = [
  ['a body that is not JSON', '/v2/contracts/list', '{', /^Request body must be valid JSON$/],
  ['no customer_id', '/v2/contracts/list', {}, /body: missing required property "customer_id"/],
  ['a customer_id that is not a uuid', '/v2/contracts/list', { customer_id: 'acme' }, /body\.customer_id: must be a uuid/],
  ['include_ledgers that is not a boolean', '/v2/contracts/list', { customer_id: ACME_ID, include_ledgers: 'yes' }, /body\.include_ledgers: must be a boolean/],
  ['a covering_date that is not RFC 3339', '/v2/contracts/list', { customer_id: ACME_ID, covering_date: '2026-06-01' }, /body\.covering_date: must be an RFC 3339 date-time/],
  ['starting_at together with covering_date', '/v2/contracts/list', { customer_id: ACME_ID, covering_date: '2026-06-01T00:00:00Z', starting_at: '2026-06-01T00:00:00Z' }, /^starting_at cannot be provided together with covering_date$/],
  ['no contract_id', '/v2/contracts/get', { customer_id: ACME_ID }, /body: missing required property "contract_id"/],
  ['as_of_date together with include_ledgers', '/v2/contracts/get', { customer_id: ACME_ID, contract_id: ACME_CONTRACT, as_of_date: '2026-06-01T00:00:00Z', include_ledgers: true }, /^as_of_date cannot be used together with include_ledgers$/],
];

for (const [what, path, body, message] of badBodies) {
  test(`${path} with ${what} is a 400 naming the problem`, async () => {
    const reply = await call(app, 'POST', path, typeof body === 'string' ? { rawBody: body } : { json: body });
    assert.equal(reply.status, 400);
    assert.match(reply.body.message, message);
  });
}

test('usage with current_period returns exactly the windows of the contract\'s current billing period', async () => {
  const cases = [
    { customer_id: ACME_ID, billable_metric_id: METRIC_IDS.cpuHours, period: ['2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'] },
    // Globex bills from the 15th: at 10:30 on 2026-06-15 its period has just begun.
    { customer_id: GLOBEX_ID, billable_metric_id: METRIC_IDS.seats, period: ['2026-06-15T00:00:00Z', '2026-07-15T00:00:00Z'] },
  ];
  for (const { period, ...metric } of cases) {
    const current = (await allUsage(app, { ...metric, window_size: 'day', current_period: true })).rows;
    const explicit = (await allUsage(app, { ...metric, window_size: 'day', starting_on: period[0], ending_before: period[1] })).rows;
    assert.equal(current[0]!.starting_on, period[0]);
    assert.equal(current.at(-1)!.ending_before, period[1]);
    assert.equal(current.length, (Date.parse(period[1]!) - Date.parse(period[0]!)) / 86_400_000);
    assert.deepEqual(current, explicit);
  }
});
