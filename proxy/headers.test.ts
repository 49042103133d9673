import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, METRIC_IDS } from '../simulator/index.ts';
import { METRONOME_TOKEN, NOW, sessionFor, simulatorFetch, testApp } from './test/harness.ts';

/**
 * Billing JSON is per customer and per moment, and must never be read as anything but what it is: every
 * /api answer, whatever its status, says `Cache-Control: private, no-store` and `nosniff`.
 */

const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const range = `starting_on=${day(-7)}&ending_before=${day(-1)}`;

/** One request per /api route: [label, method, path, body?]. */
const ROUTES: Array<[string, 'GET' | 'POST', string, string?]> = [
  ['customer', 'GET', '/api/customer'],
  ['usage', 'GET', `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&${range}`],
  ['spend', 'GET', `/api/spend?${range}`],
  ['spend summary', 'GET', '/api/spend/summary'],
  ['usage summary', 'GET', '/api/usage/summary'],
  ['balances', 'GET', '/api/balances'],
  ['alerts', 'GET', '/api/alerts'],
  ['invoices', 'GET', '/api/invoices'],
  ['invoice', 'GET', '/api/invoices/00000000-0000-4000-8000-000000000000'],
  ['invoice pdf', 'GET', '/api/invoices/00000000-0000-4000-8000-000000000000/pdf'],
  ['invoice explain', 'GET', '/api/invoices/00000000-0000-4000-8000-000000000000/explain'],
  ['dashboard', 'POST', '/api/dashboards/embeddable-url', JSON.stringify({ dashboard: 'invoices' })],
];

const failingMetronome: typeof fetch = async () => Response.json({ message: `boom ${METRONOME_TOKEN}` }, { status: 500 });

function assertBillingHeaders(response: Response, what: string) {
  assert.equal(response.headers.get('cache-control'), 'private, no-store', `${what}: Cache-Control`);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
}

describe('headers of every /api answer', () => {
  for (const [label, method, path, body] of ROUTES) {
    it(`${label}: on success or not found, without a session, with bad input and when Metronome fails`, async () => {
      const token = await sessionFor(ACME_ID);
      const send = (app: ReturnType<typeof testApp>, headers: Record<string, string>, payload = body, url = path) =>
        app.request(url, { method, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) }, body: payload ?? null });
      const auth = { authorization: `Bearer ${token}` };
      const app = testApp({ fetch: simulatorFetch() });

      const ok = await send(app, auth);
      assert.ok([200, 404].includes(ok.status), `${label}: ${ok.status}`);
      assertBillingHeaders(ok, `${label} ${ok.status}`);
      assertBillingHeaders(await send(app, {}), `${label} 401`);
      const bad = await send(app, auth, method === 'POST' ? '{"dashboard": "nope"}' : undefined, `${path}${path.includes('?') ? '&' : '?'}window_size=fortnight&starting_on=yesterday`);
      assertBillingHeaders(bad, `${label} ${bad.status}`);
      const failed = await send(testApp({ fetch: failingMetronome }), auth);
      assert.ok(failed.status >= 500, `${label}: ${failed.status}`);
      assertBillingHeaders(failed, `${label} ${failed.status}`);
    });
  }

  it('on an unknown /api path, a body too large and a CORS preflight', async () => {
    const token = await sessionFor(ACME_ID);
    const app = testApp({ allowedOrigins: ['https://app.example.com'] });
    const unknown = await app.request('/api/nope', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(unknown.status, 404);
    assertBillingHeaders(unknown, 'unknown path');
    const large = await app.request('/api/dashboards/embeddable-url', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dashboard: 'invoices', pad: 'x'.repeat(70_000) }),
    });
    assert.equal(large.status, 413);
    assertBillingHeaders(large, '413');
    const preflight = await app.request('/api/usage', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assertBillingHeaders(preflight, 'preflight');
  });
});
