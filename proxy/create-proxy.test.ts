import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import type { ErrorBody } from '../contract/index.ts';
import { ACME_ID } from '../simulator/index.ts';
import { createProxy, type ProxyOptions } from './create-proxy.ts';
import { bearerSession, type RateLimiter } from './session.ts';
import { asUser, cookieSession, customerName, METRONOME_TOKEN, NOW, proxyOver, SECRET, sessionFor, simulatorFetch } from './test/harness.ts';
import { recordingLogger } from './test/logger.ts';

/** The proxy as a library: who a request is for comes from the host's `identify`. */


describe('createProxy with the host\'s own identify', () => {
  it('answers for the customer identify names, and 401 in the usual shape when it names none', async () => {
    const proxy = proxyOver();
    assert.equal(await customerName(await proxy.request('/api/customer', asUser('sid-of-ada'))), 'Acme Robotics');
    assert.equal(await customerName(await proxy.request('/api/customer', asUser('sid-of-bob'))), 'Globex Analytics');
    const anonymous = await proxy.request('/api/customer');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('cache-control'), 'private, no-store');
    assert.deepEqual(await anonymous.json(), { error: { code: 'unauthorized', message: 'This request belongs to no signed-in customer.' } });
  });

  it('waits for an async identify, and takes an Identity object as well as an id', async () => {
    const proxy = proxyOver({ identify: async (c) => ({ customerId: (await Promise.resolve(cookieSession(c)))!.toUpperCase() }) });
    assert.equal(await customerName(await proxy.request('/api/customer', asUser('sid-of-ada'))), 'Acme Robotics');
  });

  it('answers 500 without a word of it to the browser when identify throws or names no UUID, and logs why', async () => {
    for (const [identify, logged] of [
      [() => Promise.reject(new Error('session store down: redis://user:pw@sessions')), /session store down/],
      [() => 'ada@example.com', /identify must return a Metronome customer id .* a string of 15 characters that is not a UUID/],
      [() => ({ customerId: 42 }), /an object whose customerId is a number/],
      [() => ({ customerId: ACME_ID, sessionKey: '' }), /sessionKey that is empty/],
    ] as const) {
      const logger = recordingLogger();
      const { lines } = logger;
      const response = await proxyOver({ identify: identify as ProxyOptions['identify'], logger }).request('/api/customer', asUser('sid-of-ada'));
      assert.equal(response.status, 500);
      const body = (await response.json()) as ErrorBody;
      assert.deepEqual(body, { error: { code: 'internal_error', message: 'The billing proxy hit an unexpected error.' } });
      const errors = lines.filter((line) => line.level === 'error');
      assert.equal(errors.length, 1);
      assert.match(String((errors[0]!.fields.err as { message: string }).message), logged);
      assert.doesNotMatch(JSON.stringify(lines), /ada@example\.com/, 'the wrong answer itself is not logged');
    }
  });

  it('keeps the proxy\'s own bearer sessions as one identify strategy', async () => {
    const proxy = proxyOver({ identify: bearerSession({ secret: SECRET, now: () => NOW }) });
    const token = await sessionFor(ACME_ID);
    assert.equal(await customerName(await proxy.request('/api/customer', { headers: { authorization: `Bearer ${token}` } })), 'Acme Robotics');
    const refused = await proxy.request('/api/customer', { headers: { authorization: 'Bearer not-a-jwt' } });
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as ErrorBody).error.message, 'The session token is malformed.');
  });

  it('rate-limits per customer by default, and per the sessionKey identify gives', async () => {
    const keys: string[] = [];
    const rateLimiter: RateLimiter = { consume: async (key) => (keys.push(key), { allowed: true }) };
    await proxyOver({ rateLimiter }).request('/api/customer', asUser('sid-of-ada'));
    await proxyOver({ rateLimiter, identify: (c) => ({ customerId: cookieSession(c)!, sessionKey: 'user-1' }) }).request('/api/customer', asUser('sid-of-ada'));
    assert.deepEqual(keys, [`customer:${ACME_ID}`, 'user-1']);
  });

  it('checks /readyz against Metronome', async () => {
    const ready = await proxyOver().request('/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { ok: true, checks: { metronome: { ok: true } } });
  });

  it('refuses options it cannot work with when it is built, not per request', () => {
    const base = { metronome: { token: METRONOME_TOKEN }, identify: cookieSession };
    assert.throws(() => createProxy({ ...base, metronome: { token: ' ' } }), /metronome.token must be your Metronome API token/);
    assert.throws(() => createProxy({ ...base, metronome: { token: 't', baseUrl: 'api.metronome.com' } }), /baseUrl must be an http\(s\) URL without user or password/);
    assert.throws(() => createProxy({ ...base, identify: undefined as never }), /identify must be a function/);
    assert.throws(() => createProxy({ ...base, basePath: 'billing/' }), /basePath must be a path such as "\/billing"/);
  });
});

describe('mounting createProxy under a path in Hono', () => {
  it('answers under the host\'s app.route() prefix', async () => {
    const host = new Hono().get('/', (c) => c.text('host home')).route('/billing', proxyOver());
    assert.equal(await customerName(await host.request('/billing/api/customer', asUser('sid-of-ada'))), 'Acme Robotics');
    assert.equal((await host.request('/billing/healthz')).status, 200);
    assert.equal(await (await host.request('/')).text(), 'host home');
  });

  it('answers under basePath, with its JSON 404 beside it, for hosts that pass whole URLs (a Next.js route handler)', async () => {
    const proxy = proxyOver({ basePath: '/api/billing' });
    // app/api/billing/[...path]/route.ts: export const GET = (request: Request) => proxy.fetch(request)
    const GET = (request: Request) => proxy.fetch(request);
    assert.equal(await customerName(await GET(new Request('https://app.example.com/api/billing/api/customer', asUser('sid-of-ada')))), 'Acme Robotics');
    const missing = await GET(new Request('https://app.example.com/api/billing/api/nothing', asUser('sid-of-ada')));
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as ErrorBody).error.code, 'not_found');
    assert.equal((await GET(new Request('https://app.example.com/api/customer', asUser('sid-of-ada')))).status, 404);
  });
});

describe('createProxy on Workers', () => {
  it('calls the global fetch with globalThis as this, as Workers require (every route was a 502)', async () => {
    const simulator = simulatorFetch();
    const realFetch = globalThis.fetch;
    globalThis.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if (this !== globalThis) throw new TypeError('Illegal invocation: function called with incorrect `this` reference.');
      return simulator(input, init);
    } as typeof fetch;
    try {
      const proxy = createProxy({ metronome: { token: METRONOME_TOKEN, baseUrl: 'https://metronome.test' }, identify: cookieSession, now: () => NOW });
      // export default { fetch: proxy.fetch }: Workers call it unbound, with (request, env, ctx).
      const { fetch: handler } = proxy;
      assert.equal(await customerName(await handler(new Request('https://worker.test/api/customer', asUser('sid-of-ada')), {}, undefined)), 'Acme Robotics');
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
