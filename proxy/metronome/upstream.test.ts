import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, Freshness, InvoicesResponse, UsageResponse } from '../../contract/index.ts';
import { ACME_ID, GLOBEX_ID, METRIC_IDS } from '../../simulator/index.ts';
import { authGet, METRONOME_TOKEN, NOW, sessionFor, simulatorFetch, testApp, type SimulatorFetchOptions, type UpstreamCall } from '../test/harness.ts';
import { MAX_CALLS_PER_REQUEST, UPSTREAM_DEFAULTS } from './upstream.ts';

/**
 * The upstream layer's rules, seen from the browser's side: what the proxy answers and how many calls
 * reach the simulator, whose own fault injection (x-simulator-fault) plays Metronome failing.
 */

const USAGE = `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-11-01&ending_before=2026-11-08&group_key=region`;
const isUsage = (url: URL) => url.pathname === '/v1/usage/groups';

/** A clock the test moves. */
function clock() {
  let t = NOW.getTime();
  return { now: () => new Date(t), advance: (seconds: number) => (t += seconds * 1000) };
}

function setup(options: SimulatorFetchOptions & { upstream?: NonNullable<Parameters<typeof testApp>[0]>['upstream']; deadlineMs?: number; now?: () => Date } = {}) {
  const calls: UpstreamCall[] = [];
  const now = options.now ?? (() => NOW);
  const app = testApp({ fetch: simulatorFetch(calls, options), now, deadlineMs: options.deadlineMs, upstream: { now, ...options.upstream } });
  const get = async <T>(path = USAGE, customer = ACME_ID) => {
    const response = await authGet(app, path, customer);
    return { status: response.status, headers: response.headers, body: (await response.json()) as T & Freshness & ErrorBody };
  };
  return { app, calls, get, usageCalls: () => calls.filter((c) => isUsage(c.url)).length };
}

describe('retries', () => {
  it('retries a 500 and a network-level failure, and the browser never sees them', async () => {
    // The first usage call fails with 500, the second times out of the simulator's hands (malformed is not retried, so use 500 twice).
    let usageAttempts = 0;
    const { get, usageCalls } = setup({ fault: (url) => (isUsage(url) && ++usageAttempts <= 2 ? '500' : undefined) });
    const { status, body } = await get<UsageResponse>();
    assert.equal(status, 200);
    assert.ok(body.total > 0);
    assert.equal(usageCalls(), 3, 'two failures, then the third attempt');
  });

  it('gives up after 3 attempts and answers 502 with a plain message', async () => {
    const { get, usageCalls } = setup({ fault: (url) => (isUsage(url) ? '500' : undefined) });
    const { status, body } = await get();
    assert.equal(status, 502);
    assert.equal(body.error.message, 'Metronome answered with an error (HTTP 500).');
    assert.equal(usageCalls(), 3);
  });

  it('does not retry what retrying cannot fix (a 404)', async () => {
    const { get, calls } = setup();
    const { status } = await get('/api/invoices/00000000-0000-4000-8000-000000000000');
    assert.equal(status, 404);
    // The contracts list is read beside it, for the invoice's contract name.
    assert.equal(calls.filter((c) => c.url.pathname.includes('/invoices/')).length, 1);
  });

  it('waits as long as a 429 asks (up to the cap) before trying again', async () => {
    let limited = 0;
    const { get, usageCalls } = setup({ fault: (url) => (isUsage(url) && ++limited === 1 ? '429=1' : undefined) });
    const started = Date.now();
    const { status } = await get();
    assert.equal(status, 200);
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms for Retry-After: 1`);
    assert.equal(usageCalls(), 2);
  });

  it('answers a 429 that outlasts the retries with 503 and the Retry-After Metronome asked for', async () => {
    const { get, usageCalls } = setup({ fault: (url) => (isUsage(url) ? '429=0' : undefined) });
    const { status, headers, body } = await get();
    assert.equal(status, 503);
    assert.equal(body.error.code, 'upstream_rate_limited');
    assert.equal(usageCalls(), 3);
    assert.equal(headers.get('retry-after'), '1', 'a zero wait still tells the browser to come back in a second');
  });

  it('does not wait out a Retry-After longer than the cap: 503 at once, passing it on', async () => {
    const { get, usageCalls } = setup({ fault: (url) => (isUsage(url) ? '429=60' : undefined) });
    const started = Date.now();
    const { status, headers } = await get();
    assert.equal(status, 503);
    assert.equal(headers.get('retry-after'), '60');
    assert.equal(usageCalls(), 1);
    assert.ok(Date.now() - started < 1000);
  });
});

describe('a flaky Metronome', () => {
  it('absorbs a 10% error rate: every answer 200, and the circuit stays closed', async () => {
    // Sequential requests meet the simulator's deterministic faults in the same order on every run.
    const { get, calls } = setup({ fault: () => '500, rate=0.1', upstream: { circuit: {} } });
    const statuses: number[] = [];
    for (let day = 1; day <= 40; day++) {
      const from = new Date(Date.UTC(2026, 9, day)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2026, 9, day + 7)).toISOString().slice(0, 10);
      statuses.push((await get(`/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=${from}&ending_before=${to}`)).status);
    }
    assert.deepEqual([...new Set(statuses)], [200]);
    assert.ok(calls.length > 41, `${calls.length} calls: some were retried`);
  });
});

describe('the circuit breaker', () => {
  it('fails fast for a while once most calls fail, then lets a call through again', async () => {
    let down = true;
    const { get, calls } = setup({ fault: () => (down ? '500' : undefined), upstream: { circuit: { windowMs: 1_000, minimumRps: 2, openMs: 300 } } });
    assert.ok([502, 503].includes((await get()).status));
    const before = calls.length;
    const fast = await get();
    assert.equal(fast.status, 503);
    assert.equal(fast.body.error.code, 'upstream_unavailable');
    assert.equal(fast.headers.get('retry-after'), '1');
    assert.equal(calls.length, before, 'no call reaches Metronome while the circuit is open');

    down = false;
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.equal((await get()).status, 200);
  });
});

describe('the per-request deadline', () => {
  it('answers 504 when all of a request\'s calls take longer than METRONOME_DEADLINE_MS, however short each one is', async () => {
    // Each call answers within its own 2 s timeout; the request as a whole may take 400 ms, and the
    // current period's usage is two rounds of calls (metrics and contracts, then the usage).
    const { get } = setup({ fault: () => 'latency=250', deadlineMs: 400 });
    const started = Date.now();
    const { status, body } = await get(`/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&current_period=true`);
    assert.equal(status, 504);
    assert.equal(body.error.code, 'upstream_timeout');
    assert.ok(Date.now() - started < 900, `answered after ${Date.now() - started} ms`);
  });
});

describe('the shared fetch\'s own deadline', () => {
  it('fails a reader with 504, not 500, when a call it joined outlives its own deadline', async () => {
    // The call's deadline (started by the first reader) passes before this browser request's own.
    const { get } = setup({ fault: (url) => (isUsage(url) ? 'latency=1000' : undefined), deadlineMs: 5_000, upstream: { fetchDeadlineMs: 300 } });
    const { status, body } = await get();
    assert.equal(status, 504);
    assert.equal(body.error.code, 'upstream_timeout');
  });
});

describe('coalescing and the cache', () => {
  it('makes one Metronome call for identical calls in flight at the same time', async () => {
    const { app, calls } = setup({ fault: () => 'latency=50' });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => sessionFor(ACME_ID)));
    const responses = await Promise.all(tokens.map((token) => app.request(USAGE, { headers: { authorization: `Bearer ${token}` } })));
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [200]);
    const distinct = new Set(calls.map((c) => `${c.method} ${c.url} ${JSON.stringify(c.body)}`));
    assert.equal(calls.length, distinct.size, 'every call distinct');
    assert.equal(calls.length, 2, 'the metrics list and the usage');
  });

  it('answers again within the TTL from the cache, per customer', async () => {
    const { get, calls } = setup();
    await get();
    const first = calls.length;
    const again = await get();
    assert.equal(again.status, 200);
    assert.equal(calls.length, first, 'nothing new asked of Metronome');
    await get(`/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-11-01&ending_before=2026-11-08`, GLOBEX_ID);
    assert.ok(calls.length > first, 'another customer is another key');
  });

  it('keeps reference data longer than live figures, refreshes stale answers in the background, and says when the figures are from', async () => {
    const time = clock();
    const { get, calls, usageCalls } = setup({ now: time.now });
    const fetchedAt = time.now().toISOString();
    assert.equal((await get()).body.as_of, fetchedAt);
    const metricsCalls = () => calls.filter((c) => c.url.pathname.endsWith('/billable-metrics')).length;

    time.advance(45); // past the 30 s of live figures, within the 300 s of reference data
    const revalidated = await get();
    assert.equal(revalidated.body.as_of, fetchedAt, 'served at once from the cache while one call refreshes it');
    assert.equal(revalidated.body.stale, false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(usageCalls(), 2, 'the background refresh');
    assert.equal(metricsCalls(), 1, 'billable metrics are reference data');
    const refreshed = await get();
    assert.equal(usageCalls(), 2, 'the refreshed answer, from the cache');
    assert.equal(refreshed.body.as_of, fetchedAt, 'as_of is the oldest answer used: the metrics list');
  });

  it('serves the last answer with stale: true when Metronome fails, up to STALE_IF_ERROR_SECONDS', async () => {
    const time = clock();
    let down = false;
    const { get } = setup({ now: time.now, fault: () => (down ? '500' : undefined), upstream: { staleIfErrorSeconds: 200, referenceTtlSeconds: 30 } });
    const fresh = await get<UsageResponse>();
    down = true;
    time.advance(120);
    const stale = await get<UsageResponse>();
    assert.equal(stale.status, 200);
    assert.equal(stale.body.stale, true);
    assert.equal(stale.body.as_of, fresh.body.as_of);
    assert.equal(stale.body.total, fresh.body.total);

    time.advance(100);
    assert.equal((await get()).status, 502, 'too old to serve');
  });
});

describe('paging in parallel', () => {
  it('reads a long hourly spend range with at most METRONOME_REQUEST_CONCURRENCY calls in flight at once', async () => {
    let inFlight = 0;
    let most = 0;
    const calls: UpstreamCall[] = [];
    const inner = simulatorFetch(calls, { fault: () => 'latency=20' });
    const counting: typeof fetch = async (input, init) => {
      most = Math.max(most, ++inFlight);
      try {
        return await inner(input, init);
      } finally {
        inFlight--;
      }
    };
    const app = testApp({ fetch: counting });
    const response = await authGet(app, '/api/spend?starting_on=2026-08-27&ending_before=2026-11-25&window_size=hour', ACME_ID);
    assert.equal(response.status, 200);
    assert.equal(calls.length, 90, 'one call per day of hourly windows');
    assert.equal(most, UPSTREAM_DEFAULTS.requestConcurrency);
  });
});

describe('limits and logs', () => {
  it('stops a request whose paging never ends, with a 502 after a bounded number of calls', async () => {
    let page = 0;
    const endless: typeof fetch = async () => Response.json({ data: [], next_page: `cursor-${++page}` });
    const response = await authGet(testApp({ fetch: endless }), USAGE, ACME_ID);
    assert.equal(response.status, 502);
    assert.equal(((await response.json()) as ErrorBody).error.code, 'upstream_too_many_calls');
    assert.equal(page, MAX_CALLS_PER_REQUEST);
  });

  it('logs every failed Metronome call with the request id, and never the token', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const record = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push({ level, ...fields, message });
    const logger = { info: record('info'), warn: record('warn'), error: record('error') };
    let failures = 0;
    const { app } = setup({ fault: (url) => (isUsage(url) && ++failures <= 2 ? '500' : undefined), upstream: { logger } });
    const response = await authGet(app, USAGE, ACME_ID);
    assert.equal(response.status, 200);
    const failed = lines.filter((line) => line.message === 'Metronome call failed');
    assert.deepEqual(failed.map((line) => [line.attempt, line.upstreamStatus, line.upstream]), [
      [1, 500, 'POST /v1/usage/groups'],
      [2, 500, 'POST /v1/usage/groups'],
    ]);
    assert.ok(failed.every((line) => line.request_id === response.headers.get('x-request-id')));
    assert.ok(!JSON.stringify(lines).includes(METRONOME_TOKEN));
  });
});

describe('freshness fields', () => {
  it('puts as_of and stale on every /api JSON answer', async () => {
    const { app, get } = setup();
    const { body: list } = await get<InvoicesResponse>('/api/invoices');
    const invoice = list.invoices[0]!.id;
    const token = await sessionFor(ACME_ID);
    const routes: Array<[string, RequestInit?]> = [
      ['/api/customer'],
      [USAGE],
      ['/api/spend?starting_on=2026-11-01&ending_before=2026-11-08'],
      ['/api/spend/summary'],
      ['/api/balances'],
      ['/api/invoices'],
      [`/api/invoices/${invoice}`],
      [`/api/invoices/${invoice}/explain`],
      ['/api/dashboards/embeddable-url', { method: 'POST', body: JSON.stringify({ dashboard: 'usage' }), headers: { 'content-type': 'application/json' } }],
    ];
    for (const [path, init] of routes) {
      const response = await app.request(path, { ...init, headers: { ...init?.headers, authorization: `Bearer ${token}` } });
      const body = (await response.json()) as Freshness;
      assert.equal(response.status, 200, path);
      assert.deepEqual([body.as_of, body.stale], [NOW.toISOString(), false], path);
    }
  });
});
