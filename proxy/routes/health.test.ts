import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetronome } from '../metronome/client.ts';
import { METRONOME_TOKEN, NOW, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';
import { recordingLogger } from '../test/logger.ts';

const never = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

async function readyz(app: ReturnType<typeof testApp>) {
  const response = await app.request('/readyz');
  return { status: response.status, cache: response.headers.get('cache-control'), body: (await response.json()) as { ok: boolean; checks: Record<string, { ok: boolean; reason?: string }> } };
}

describe('/healthz and /readyz', () => {
  it('/healthz answers 200 without a session and without asking anything upstream', async () => {
    const calls: UpstreamCall[] = [];
    const response = await testApp({ fetch: simulatorFetch(calls) }).request('/healthz');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(calls, []);
  });

  it('/readyz is ready when every check answers', async () => {
    const app = testApp({ readiness: { metronome: async () => undefined, redis: async () => 'PONG' } });
    assert.deepEqual(await readyz(app), { status: 200, cache: 'no-store', body: { ok: true, checks: { metronome: { ok: true }, redis: { ok: true } } } });
  });

  it('/readyz answers 503 naming the failed check and how, without its message, which goes to the log', async () => {
    const logger = recordingLogger();
    const app = testApp({
      logger,
      readiness: {
        metronome: async () => undefined,
        redis: async () => {
          throw new Error('connect ECONNREFUSED 10.0.0.7:6379 (password hunter2)');
        },
      },
    });
    const { status, body } = await readyz(app);
    assert.equal(status, 503);
    assert.deepEqual(body, { ok: false, checks: { metronome: { ok: true }, redis: { ok: false, reason: 'unavailable' } } });
    assert.equal(logger.lines[0]!.fields.check, 'redis');
  });

  it('/readyz gives up on a check that does not answer within its timeout, aborting it', async () => {
    let aborted = false;
    const app = testApp({
      readiness: {
        slow: (signal) => {
          signal.addEventListener('abort', () => (aborted = true));
          return never(signal);
        },
      },
    });
    // The harness's clock is fixed, so the result is reused for the whole test: the first answer counts.
    const started = Date.now();
    const { status, body } = await readyz(app);
    assert.equal(status, 503);
    assert.deepEqual(body.checks.slow, { ok: false, reason: 'timeout' });
    assert.ok(aborted, 'the check was aborted');
    assert.ok(Date.now() - started < 3000);
  });

  it('/readyz runs its checks once for a flood of probes, and again once the result is a second old', async () => {
    let clock = NOW.getTime();
    let runs = 0;
    const app = testApp({
      now: () => new Date(clock),
      readiness: {
        metronome: async () => {
          runs++;
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      },
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => app.request('/readyz')));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(runs, 1);
    clock += 500;
    await app.request('/readyz');
    assert.equal(runs, 1, 'reused within a second');
    clock += 600;
    await app.request('/readyz');
    assert.equal(runs, 2);
  });

  it('pings Metronome with one authenticated read of one customer, as the spec has it, and reports its failures by code', async () => {
    const calls: UpstreamCall[] = [];
    const seen: string[] = [];
    const metronome = createMetronome({
      token: METRONOME_TOKEN,
      baseUrl: 'https://metronome.test',
      timeoutMs: 1000,
      now: () => NOW,
      fetch: async (input, init) => {
        seen.push(new Headers(init?.headers).get('authorization') ?? '');
        return simulatorFetch(calls)(input, init);
      },
    });
    const app = testApp({ readiness: { metronome: (signal) => metronome.ping(signal) } });
    assert.equal((await readyz(app)).status, 200);
    assert.deepEqual(calls.map((c) => `${c.method} ${c.url.pathname}${c.url.search}`), ['GET /v1/customers?limit=1']);
    assert.deepEqual(seen, [`Bearer ${METRONOME_TOKEN}`]);

    const refused = createMetronome({ token: 'wrong', baseUrl: 'https://metronome.test', timeoutMs: 1000, now: () => NOW, fetch: simulatorFetch() });
    const { status, body } = await readyz(testApp({ readiness: { metronome: (signal) => refused.ping(signal) } }));
    assert.equal(status, 503);
    assert.deepEqual(body.checks.metronome, { ok: false, reason: 'upstream_auth' });
  });
});
