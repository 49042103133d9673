import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID, SIMULATOR_CUSTOMERS } from '../simulator/index.ts';
import { createSessionVerifier } from './session.ts';
import { NOW, SECRET, testApp } from './test/harness.ts';

const devSessions = { customers: [...SIMULATOR_CUSTOMERS], ttlSeconds: 900 };

describe('the proxy app', () => {
  it('answers unknown routes with a JSON 404', async () => {
    const response = await testApp().request('/nope');
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: { code: 'not_found', message: 'No route for GET /nope.' } });
  });

  it('reports its health without a session', async () => {
    assert.equal((await testApp().request('/healthz')).status, 200);
  });

  it('has no dev routes unless it runs on the simulator', async () => {
    assert.equal((await testApp().request(`/dev/session?customer_id=${ACME_ID}`, { method: 'POST' })).status, 404);
    assert.equal((await testApp().request('/dev/customers')).status, 404);
  });

  it('lets the demo page list simulator customers with their metrics and sign in as one of them', async () => {
    const app = testApp({ devSessions });
    const listed = (await (await app.request('/dev/customers')).json()) as { customers: Array<{ id: string; billable_metrics: Array<{ name: string; group_keys: string[][] }> }> };
    assert.deepEqual(listed.customers.map((c) => c.id), [HOOLI_ID, ACME_ID, GLOBEX_ID, INITECH_ID], 'the demo page shows the first one by default');
    const gpu = listed.customers[0]!.billable_metrics.find((m) => m.name === 'GPU hours');
    assert.deepEqual(gpu?.group_keys, [['gpu', 'region'], ['gpu'], ['region']]);
    const cpu = listed.customers[1]!.billable_metrics.find((m) => m.name === 'CPU hours');
    assert.deepEqual(cpu?.group_keys, [['region']]);

    const response = await app.request(`/dev/session?customer_id=${GLOBEX_ID}`, { method: 'POST' });
    const { token, expires_in } = (await response.json()) as { token: string; expires_in: number };
    assert.equal(expires_in, 900);
    assert.equal((await createSessionVerifier({ secret: SECRET, now: () => NOW }).verify(token)).customerId, GLOBEX_ID);
  });

  it('will not mint a dev session for a customer the simulator does not have', async () => {
    const response = await testApp({ devSessions }).request('/dev/session?customer_id=someone-else', { method: 'POST' });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /^customer_id: /);
  });

  it('answers CORS preflights only for configured origins', async () => {
    const app = testApp({ allowedOrigins: ['https://app.example.com'] });
    const preflight = (origin: string) =>
      app.request('/api/usage', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const allowed = await preflight('https://app.example.com');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    const other = await preflight('https://evil.example.com');
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('lets a page on an allowed origin read when to retry and which request it was', async () => {
    const response = await testApp({ allowedOrigins: ['https://app.example.com'] }).request('/api/usage', { headers: { origin: 'https://app.example.com' } });
    assert.equal(response.status, 401);
    assert.deepEqual(response.headers.get('access-control-expose-headers')?.toLowerCase().split(/,\s*/).sort(), ['retry-after', 'x-request-id']);
  });
});
