import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, INITECH_ID, METRIC_IDS } from './catalog.ts';
import { call, simulator } from './test-helpers.ts';

const app = simulator();
const ACME_CONTRACT = '1b6e9d3f-7c2a-4f85-b0e4-9a3d6c1f8e25';
const GLOBEX_CONTRACT = '6d2a8f4c-0b7e-4c93-a1d5-8e3f6b9c2a17';
const INITECH_CONTRACT = '9f5c1e7a-3d8b-4b46-9c2e-0a7d4f1b8e63';
const STORAGE = '4e7a9c2d-1f5b-4d86-b3e0-9c2a5f8d1e47';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const rates = (json: Record<string, unknown>, query = '') => call(app, 'POST', `/v1/contracts/getContractRateSchedule${query}`, { json });
const product = (id: string) => call(app, 'POST', '/v1/contract-pricing/products/get', { json: { id } });

test('Acme\'s rate schedule lists its three flat USD rates with product names and tags, for the whole contract', async () => {
  const reply = await rates({ customer_id: ACME_ID, contract_id: ACME_CONTRACT });
  assert.equal(reply.status, 200);
  assert.equal(reply.body.next_page, null);
  assert.deepEqual(
    reply.body.data.map((r: any) => [r.product_name, r.list_rate.rate_type, r.list_rate.price, r.list_rate.credit_type.name, r.product_tags]),
    [
      ['CPU hours', 'FLAT', 0.4, 'USD (cents)', ['compute']],
      ['API requests (thousands)', 'FLAT', 0.05, 'USD (cents)', ['api']],
      ['Storage (GB-months)', 'FLAT', 2.3, 'USD (cents)', ['storage']],
    ],
  );
  const contract = (await call(app, 'POST', '/v2/contracts/get', { json: { customer_id: ACME_ID, contract_id: ACME_CONTRACT } })).body.data;
  for (const r of reply.body.data) {
    assert.equal(r.starting_at, contract.starting_at);
    assert.equal(r.rate_card_id, contract.rate_card_id);
    assert.equal(r.entitled, true);
  }
});

test('Globex\'s model tokens are priced in tiers and Initech\'s GPU hours in GPU credits', async () => {
  const [tokens] = (await rates({ customer_id: GLOBEX_ID, contract_id: GLOBEX_CONTRACT })).body.data;
  assert.deepEqual(tokens.list_rate.tiers, [{ size: 1000, price: 20 }, { size: 1000, price: 15 }, { price: 10 }]);
  const [gpu] = (await rates({ customer_id: INITECH_ID, contract_id: INITECH_CONTRACT })).body.data;
  assert.deepEqual([gpu.product_name, gpu.list_rate.credit_type.name, gpu.list_rate.price], ['GPU hours', 'GPU credits', 1.25]);
});

test('`at` outside the contract\'s term gives no rates; selectors narrow by product id or tag', async () => {
  const base = { customer_id: ACME_ID, contract_id: ACME_CONTRACT };
  assert.deepEqual((await rates({ ...base, at: '2020-01-01T00:00:00Z' })).body.data, []);
  assert.equal((await rates({ ...base, at: '2026-06-20T00:00:00Z' })).body.data.length, 3);
  assert.deepEqual((await rates({ ...base, selectors: [{ product_id: STORAGE }] })).body.data.map((r: any) => r.product_id), [STORAGE]);
  assert.deepEqual((await rates({ ...base, selectors: [{ product_tags: ['api'] }, { product_tags: ['compute'] }] })).body.data.map((r: any) => r.product_name), ['CPU hours', 'API requests (thousands)']);
  assert.deepEqual((await rates({ ...base, selectors: [{ billing_frequency: 'MONTHLY' }] })).body.data, [], 'no subscription rates');
});

test('the rate schedule pages with limit and next_page to the same entries as one page', async () => {
  const base = { customer_id: ACME_ID, contract_id: ACME_CONTRACT };
  const whole = (await rates(base)).body.data;
  const paged: unknown[] = [];
  let next: string | null = null;
  do {
    const reply = await rates(base, `?limit=1${next ? `&next_page=${next}` : ''}`);
    paged.push(...reply.body.data);
    next = reply.body.next_page;
  } while (next !== null);
  assert.deepEqual(paged, whole);
});

test('a rate schedule for an unknown customer or contract is a 404, and a bad body or limit a 400 naming the field', async () => {
  assert.equal((await rates({ customer_id: UNKNOWN, contract_id: ACME_CONTRACT })).status, 404);
  const other = await rates({ customer_id: GLOBEX_ID, contract_id: ACME_CONTRACT });
  assert.deepEqual([other.status, other.body.message], [404, 'Contract not found']);
  const missing = await rates({ customer_id: ACME_ID });
  assert.match(missing.body.message, /body: missing required property "contract_id"/);
  const badAt = await rates({ customer_id: ACME_ID, contract_id: ACME_CONTRACT, at: 'now' });
  assert.match(badAt.body.message, /body\.at: must be an RFC 3339 date-time/);
  const badLimit = await rates({ customer_id: ACME_ID, contract_id: ACME_CONTRACT }, '?limit=0');
  assert.match(badLimit.body.message, /^limit must be an integer between 1 and 100/);
});

test('a product shows its metric, conversion, rounding, presentation grouping and tags', async () => {
  const reply = await product(STORAGE);
  assert.equal(reply.status, 200);
  const { data } = reply.body;
  assert.equal(data.type, 'USAGE');
  assert.deepEqual(data.current, data.initial, 'never updated');
  assert.deepEqual(data.updates, []);
  assert.equal(data.current.name, 'Storage (GB-months)');
  assert.equal(data.current.billable_metric_id, METRIC_IDS.storageGbHours);
  assert.deepEqual(data.current.quantity_conversion, { conversion_factor: 730, operation: 'DIVIDE' });
  assert.deepEqual(data.current.quantity_rounding, { decimal_places: 2, rounding_method: 'ROUND_UP' });
  assert.deepEqual(data.current.presentation_group_key, ['tier']);
  assert.deepEqual(data.current.tags, ['storage']);
  const fixed = (await product('d9b3e6f1-8a2c-4f74-9e1d-5b0c7a3f2e86')).body.data;
  assert.equal(fixed.type, 'FIXED');
  assert.equal('billable_metric_id' in fixed.current, false);
});

test('an unknown product is a 404 and a body without a uuid id a 400 naming it', async () => {
  assert.deepEqual((await product(UNKNOWN)).body, { message: 'Product not found' });
  assert.equal((await product(UNKNOWN)).status, 404);
  const bad = await call(app, 'POST', '/v1/contract-pricing/products/get', { json: { id: 'storage' } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /body\.id: must be a uuid/);
});

test('credit types are USD cents, a currency, and the custom GPU credits, paged', async () => {
  const reply = await call(app, 'GET', '/v1/credit-types/list');
  assert.deepEqual(reply.body.data.map((t: any) => [t.name, t.is_currency]), [['USD (cents)', true], ['GPU credits', false]]);
  assert.equal(reply.body.next_page, null);
  const first = await call(app, 'GET', '/v1/credit-types/list?limit=1');
  const second = await call(app, 'GET', `/v1/credit-types/list?limit=1&next_page=${first.body.next_page}`);
  assert.deepEqual([...first.body.data, ...second.body.data], reply.body.data);
  assert.equal(second.body.next_page, null);
  assert.equal((await call(app, 'GET', '/v1/credit-types/list?limit=101')).status, 400);
});
