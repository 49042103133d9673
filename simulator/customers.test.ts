import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, CUSTOMERS, GLOBEX_ID, INITECH_ID } from './catalog.ts';
import type { Reply } from './test-helpers.ts';
import { TOKEN, simulator } from './test-helpers.ts';
import { validateResponse } from '../spec/validate.ts';

const app = simulator();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** GET with the simulator's token; every answer is checked against the spec's operation. */
async function get(url: string, authorization: string | null = `Bearer ${TOKEN}`): Promise<Reply> {
  const res = await app.request(url, { headers: authorization === null ? {} : { authorization } });
  const body: unknown = await res.json();
  const path = url.split('?')[0] === '/v1/customers' ? '/v1/customers' : '/v1/customers/{customer_id}';
  assert.deepEqual(validateResponse('GET', path, res.status, body), [], `GET ${url} → ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { status: res.status, body };
}

/** Follows next_page and returns every customer id plus the number of pages. */
async function listAll(query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const reply = await get(`/v1/customers?${query}${cursor ? `&next_page=${cursor}` : ''}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    ids.push(...reply.body.data.map((c: { id: string }) => c.id));
    cursor = reply.body.next_page;
    pages++;
  } while (cursor !== null && pages < 10);
  return { ids, pages };
}

test('a customer is returned with its name, ingest aliases, creation date and the first alias as external_id', async () => {
  const reply = await get(`/v1/customers/${ACME_ID}`);
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body.data, {
    id: ACME_ID,
    external_id: 'acme-robotics',
    name: 'Acme Robotics',
    ingest_aliases: ['acme-robotics', 'acct_7741'],
    customer_config: { salesforce_account_id: null },
    custom_fields: {},
    created_at: '2025-11-03T16:20:00Z',
    updated_at: '2025-11-03T16:20:00Z',
    archived_at: null,
  });
});

test('a customer id in upper case finds the same customer', async () => {
  const reply = await get(`/v1/customers/${GLOBEX_ID.toUpperCase()}`);
  assert.equal(reply.status, 200);
  assert.equal(reply.body.data.name, 'Globex Analytics');
});

test('an unknown customer is a 404 and a customer id that is not a uuid is a 400', async () => {
  const unknown = await get(`/v1/customers/${UNKNOWN_ID}`);
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.message, 'Customer not found');
  const bad = await get('/v1/customers/acme-robotics');
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /^customer_id must be a uuid/);
});

test('customers need the bearer token like every other route', async () => {
  for (const url of ['/v1/customers', `/v1/customers/${ACME_ID}`]) {
    const reply = await get(url, null);
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.body, { message: 'Unauthorized' });
  }
});

test('the list holds every simulated customer, in catalog order, each as the single-customer route shows it', async () => {
  const reply = await get('/v1/customers');
  assert.equal(reply.status, 200);
  assert.equal(reply.body.next_page, null);
  assert.deepEqual(reply.body.data.map((c: { name: string }) => c.name), ['Hooli AI', 'Acme Robotics', 'Globex Analytics', 'Initech Cloud']);
  for (const customer of reply.body.data) assert.deepEqual(customer, (await get(`/v1/customers/${customer.id}`)).body.data);
});

test('paging with limit and next_page visits every customer once', async () => {
  const { ids, pages } = await listAll('limit=1');
  assert.deepEqual(ids, CUSTOMERS.map((c) => c.id));
  assert.equal(pages, 4);
  const twoPerPage = await listAll('limit=2');
  assert.deepEqual(twoPerPage.ids, ids);
  assert.equal(twoPerPage.pages, 2);
});

test('ingest_alias finds the customer that events with that alias belong to, whichever alias it is', async () => {
  assert.deepEqual((await listAll('ingest_alias=initech-prod')).ids, [INITECH_ID]);
  assert.deepEqual((await listAll('ingest_alias=acct_7741')).ids, [ACME_ID]);
  assert.deepEqual((await listAll('ingest_alias=nobody')).ids, []);
});

test('customer_ids narrows the list, given repeated or comma-joined, and unknown ids match nothing', async () => {
  assert.deepEqual((await listAll(`customer_ids=${INITECH_ID}&customer_ids=${ACME_ID}`)).ids, [ACME_ID, INITECH_ID]);
  assert.deepEqual((await listAll(`customer_ids=${GLOBEX_ID},${INITECH_ID}`)).ids, [GLOBEX_ID, INITECH_ID]);
  assert.deepEqual((await listAll(`customer_ids=${UNKNOWN_ID}`)).ids, []);
  assert.deepEqual((await listAll(`customer_ids=${GLOBEX_ID}&ingest_alias=acme-robotics`)).ids, []);
});

test('only_archived=true lists no one, since no simulated customer is archived; false lists everyone', async () => {
  assert.deepEqual((await listAll('only_archived=true')).ids, []);
  assert.equal((await listAll('only_archived=false')).ids.length, CUSTOMERS.length);
});

const badList: Array<[string, string, RegExp]> = [
  ['limit 0', 'limit=0', /^limit must be an integer between 1 and 100/],
  ['limit 101', 'limit=101', /^limit must be an integer between 1 and 100/],
  ['only_archived that is not a boolean', 'only_archived=yes', /^only_archived must be true or false/],
  ['a customer_ids entry that is not a uuid', `customer_ids=${ACME_ID}&customer_ids=acme`, /^customer_ids must contain uuids \(got "acme"\)/],
  ['more than 100 customer_ids', Array.from({ length: 101 }, () => `customer_ids=${ACME_ID}`).join('&'), /^customer_ids accepts at most 100 ids/],
  ['a next_page cursor that is not one of ours', 'next_page=garbage', /^Invalid next_page/],
];

for (const [what, query, message] of badList) {
  test(`listing customers with ${what} is a 400 explaining why`, async () => {
    const reply = await get(`/v1/customers?${query}`);
    assert.equal(reply.status, 400);
    assert.match(reply.body.message, message);
  });
}

test('a next_page cursor from one customer filter is a 400 on another', async () => {
  const first = await get('/v1/customers?limit=1');
  assert.ok(first.body.next_page);
  const reused = await get(`/v1/customers?limit=1&ingest_alias=globex&next_page=${first.body.next_page}`);
  assert.equal(reused.status, 400);
  assert.match(reused.body.message, /^Invalid next_page/);
});
