import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID } from '../../simulator/index.ts';
import type { ErrorBody } from '../../contract/index.ts';
import { sessionFor, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';
import { MAX_BODY_BYTES } from './body.ts';

/** A body of `total` bytes that counts how many of them the proxy pulled. */
function countedBody(total: number) {
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

/** POSTs `stream` to the embeddable-url route in chunks, without Content-Length. */
async function postChunked(stream: ReadableStream<Uint8Array>) {
  const request = new Request('http://proxy.test/api/dashboards/embeddable-url', {
    method: 'POST',
    headers: { authorization: `Bearer ${await sessionFor(ACME_ID)}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return testApp().fetch(request);
}

describe('request bodies on /api', () => {
  for (const [method, path] of [['POST', '/api/dashboards/embeddable-url'], ['POST', '/api/usage'], ['PUT', '/api/invoices'], ['DELETE', '/api/balances']] as const) {
    it(`refuses ${method} ${path} with a body over ${MAX_BODY_BYTES / 1024} KB with 413, naming the limit, before any upstream call`, async () => {
      const calls: UpstreamCall[] = [];
      const response = await testApp({ fetch: simulatorFetch(calls) }).request(path, {
        method,
        headers: { authorization: `Bearer ${await sessionFor(ACME_ID)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ dashboard: 'usage', padding: 'x'.repeat(MAX_BODY_BYTES) }),
      });
      assert.equal(response.status, 413);
      assert.deepEqual(await response.json(), { error: { code: 'payload_too_large', message: 'The request body is larger than 64 KB.' } } satisfies ErrorBody);
      assert.equal(calls.length, 0);
    });
  }

  it('stops reading a body sent without Content-Length soon after the limit, not at its end', async () => {
    const { stream, counter } = countedBody(10 * 1024 * 1024);
    const response = await postChunked(stream);
    assert.equal(response.status, 413);
    assert.ok(counter.pulled < 4 * MAX_BODY_BYTES, `read ${counter.pulled} bytes`);
  });

  it('reads a body sent without Content-Length under the limit as usual', async () => {
    const json = new TextEncoder().encode(JSON.stringify({ dashboard: 'invoices', dashboard_options: [{ key: 'hide_voided_invoices', value: 'true' }] }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(json.slice(0, 10));
        controller.enqueue(json.slice(10));
        controller.close();
      },
    });
    assert.equal((await postChunked(stream)).status, 200);
  });

  it('refuses a large body even without a session, so no one can make the proxy read it', async () => {
    const response = await testApp().request('/api/usage', { method: 'POST', headers: { 'content-length': String(10 * 1024 * 1024) }, body: 'x' });
    assert.equal(response.status, 413);
  });

  it('takes a body up to the limit', async () => {
    const names = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`value-${i}`, 'x'.repeat(110)]));
    const body = JSON.stringify({ dashboard: 'usage', bm_group_key_overrides: [{ group_key_name: 'region', value_display_names: names }] });
    assert.ok(body.length > MAX_BODY_BYTES * 0.9 && body.length <= MAX_BODY_BYTES, String(body.length));
    const response = await testApp().request('/api/dashboards/embeddable-url', {
      method: 'POST',
      headers: { authorization: `Bearer ${await sessionFor(ACME_ID)}`, 'content-type': 'application/json' },
      body,
    });
    assert.equal(response.status, 200);
  });
});
