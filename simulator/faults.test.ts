import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createSimulator } from './app.ts';
import { ACME_ID } from './catalog.ts';
import type { FaultOptions } from './faults.ts';
import { parseFaults } from './faults.ts';
import { NOW, SEED, TOKEN } from './test-helpers.ts';
import { validateResponse } from '../spec/validate.ts';

const SPEC_PATH = '/v1/customers/{customer_id}/billable-metrics';
const URL_PATH = `/v1/customers/${ACME_ID}/billable-metrics`;

function sim(faults?: FaultOptions): Hono {
  return createSimulator({ apiToken: TOKEN, now: () => NOW, seed: SEED, ...(faults ? { faults } : {}) });
}

/** Requests the billable metrics of Acme, with `fault` as x-simulator-fault when given. */
async function send(app: Hono, fault?: string, init: { signal?: AbortSignal; authorization?: string | null } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const authorization = init.authorization === undefined ? `Bearer ${TOKEN}` : init.authorization;
  if (authorization !== null) headers['authorization'] = authorization;
  if (fault !== undefined) headers['x-simulator-fault'] = fault;
  return app.request(URL_PATH, { headers, ...(init.signal ? { signal: init.signal } : {}) });
}

/** Status and JSON body, checked against the spec like every simulator answer. */
async function answer(res: Response): Promise<{ status: number; body: any }> {
  const body: unknown = await res.json();
  assert.deepEqual(validateResponse('GET', SPEC_PATH, res.status, body), [], `${res.status}: ${JSON.stringify(body)}`);
  return { status: res.status, body };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

const neverWithin = (ms: number): Promise<'still waiting'> => new Promise((resolve) => setTimeout(() => resolve('still waiting'), ms));

test('latency=<ms> delays the answer by that long and then answers normally', async () => {
  const app = sim();
  const [plain] = await timed(async () => answer(await send(app)));
  const [slow, elapsed] = await timed(async () => answer(await send(app, 'latency=150')));
  assert.ok(elapsed >= 145, `answered after ${elapsed} ms`);
  assert.deepEqual(slow, plain);
  assert.equal(slow.status, 200);
});

test('configured latency slows every request, and the header "none" switches it off for one request', async () => {
  const app = sim({ latencyMs: 400 });
  const [, slow] = await timed(async () => answer(await send(app)));
  const [reply, fast] = await timed(async () => answer(await send(app, 'none')));
  assert.ok(slow >= 395, `configured latency took ${slow} ms`);
  assert.ok(fast < 200, `"none" took ${fast} ms`);
  assert.equal(reply.status, 200);
});

test('429 answers Too Many Requests with a Retry-After header, 1 second unless given', async () => {
  const app = sim();
  const res = await send(app, '429');
  assert.equal(res.headers.get('retry-after'), '1');
  const reply = await answer(res);
  assert.equal(reply.status, 429);
  assert.match(reply.body.message, /too many requests/i);
  const later = await send(app, '429=30');
  assert.equal(later.headers.get('retry-after'), '30');
  assert.equal((await answer(later)).status, 429);
});

test('500 answers an internal server error with a message', async () => {
  const reply = await answer(await send(sim(), ' 500 '));
  assert.equal(reply.status, 500);
  assert.match(reply.body.message, /internal server error/i);
});

test('faults hit requests before authentication, as a gateway in front of Metronome would', async () => {
  assert.equal((await answer(await send(sim(), '500', { authorization: null }))).status, 500);
  assert.equal((await answer(await send(sim(), undefined, { authorization: null }))).status, 401);
});

test('malformed answers 200 with the real JSON cut short, which no JSON parser accepts', async () => {
  const app = sim();
  const whole = JSON.stringify((await answer(await send(app))).body);
  const res = await send(app, 'malformed');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const text = await res.text();
  assert.ok(text.length > 10 && text.length < whole.length);
  assert.ok(whole.startsWith(text));
  assert.throws(() => JSON.parse(text), SyntaxError);
});

test('timeout never answers', async () => {
  const client = new AbortController();
  const pending = send(sim(), 'timeout', { signal: client.signal });
  assert.equal(await Promise.race([pending, neverWithin(300)]), 'still waiting');
  client.abort();
});

// In process, an aborted app.request() cannot be relied on to reach the handler: Node's Request
// follows its creator's signal through a weak reference that garbage collection may drop. Over real
// HTTP the server aborts the request when the socket closes, which is what these check.
async function abandonedOverHttp(fault: string, giveUpAfterMs: number) {
  let finished = 0;
  const app = sim();
  const server = serve({ fetch: async (request) => { const response = await app.fetch(request); finished++; return response; }, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const [outcome, elapsed] = await timed(() =>
      fetch(`${base}${URL_PATH}`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-simulator-fault': fault }, signal: AbortSignal.timeout(giveUpAfterMs) }).then(
        (res) => `answered ${res.status}`,
        (error: Error) => error.name,
      ),
    );
    const deadline = Date.now() + 1000;
    while (finished === 0 && Date.now() < deadline) await neverWithin(20);
    return { outcome, elapsed, handlerEnded: finished === 1 };
  } finally {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('over real HTTP, a timeout sends nothing until the client gives up, and then the handler ends', async () => {
  const { outcome, elapsed, handlerEnded } = await abandonedOverHttp('timeout', 300);
  assert.equal(outcome, 'TimeoutError');
  assert.ok(elapsed >= 295, `gave up after ${elapsed} ms`);
  assert.ok(handlerEnded, 'the handler ended once the client went away');
});

test('a client that gives up during injected latency is not waited for', async () => {
  const { outcome, handlerEnded } = await abandonedOverHttp('latency=60000', 50);
  assert.equal(outcome, 'TimeoutError');
  assert.ok(handlerEnded, 'the 60 s latency ended with the request');
});

test('rate makes only that fraction of requests fail, the same ones on every run with the same seed', async () => {
  const statuses = async (app: Hono, fault?: string): Promise<number[]> => {
    const out = [];
    for (let i = 0; i < 200; i++) out.push((await answer(await send(app, fault))).status);
    return out;
  };
  const first = await statuses(sim({ fault: '500', rate: 0.25 }));
  const failed = first.filter((s) => s === 500).length;
  assert.ok(failed > 25 && failed < 75, `${failed} of 200 failed`);
  assert.equal(first.filter((s) => s === 200).length, 200 - failed);
  assert.deepEqual(await statuses(sim({ fault: '500', rate: 0.25 })), first);
  const viaHeader = (await statuses(sim(), '429, rate=0.5')).filter((s) => s === 429).length;
  assert.ok(viaHeader > 70 && viaHeader < 130, `${viaHeader} of 200 rate-limited`);
  assert.deepEqual(new Set(await statuses(sim({ fault: '500', rate: 0 }))), new Set([200]));
});

test('header directives override the configured ones field by field', async () => {
  const app = sim({ fault: '500' });
  const status = async (fault?: string): Promise<number> => (await answer(await send(app, fault))).status;
  assert.equal(await status(), 500);
  assert.equal(await status('429'), 429);
  assert.equal(await status('none'), 200);
  assert.equal(await status('rate=0'), 200);
});

test('an unparsable header is a 400 that says what is wrong', async () => {
  const cases: Array<[string, RegExp]> = [
    ['slow', /unknown directive "slow"/],
    ['latency=fast', /latency needs a number/],
    ['latency=999999', /latency must be a whole number of milliseconds from 0 to 60000/],
    ['500, timeout', /only one of 429, 500, timeout, malformed at a time/],
    ['rate=2', /rate must be a number from 0 to 1/],
    ['500=3', /unknown directive "500=3"/],
  ];
  for (const [header, message] of cases) {
    const reply = await answer(await send(sim(), header));
    assert.equal(reply.status, 400, header);
    assert.match(reply.body.message, /^Invalid x-simulator-fault header: /);
    assert.match(reply.body.message, message, header);
  }
});

test('the header grammar also reads as configuration, and bad configuration fails at creation', () => {
  assert.deepEqual(parseFaults('Latency=200, 429=5 ,rate=0.1'), { latencyMs: 200, fault: '429', retryAfterSeconds: 5, rate: 0.1 });
  assert.throws(() => sim({ rate: 1.5 }), /rate must be a number from 0 to 1/);
  assert.throws(() => sim({ latencyMs: -1 }), /latency must be a whole number/);
  assert.throws(() => sim({ fault: 'teapot' as never }), /fault must be one of/);
});
