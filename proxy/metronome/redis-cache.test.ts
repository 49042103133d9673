import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import type { Freshness, UsageResponse } from '../../contract/index.ts';
import { ACME_ID, METRIC_IDS } from '../../simulator/index.ts';
import { silentLogger } from '../log.ts';
import { connectRedis } from '../redis.ts';
import { authGet, NOW, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';
import { startRedis } from '../test/redis.ts';
import { createRedisCache } from './redis-cache.ts';

/** Proxy instances behind a load balancer, sharing one real redis-server. */

const USAGE = `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-11-01&ending_before=2026-11-08&group_key=region`;

describe('proxy instances sharing one Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const clients: Redis[] = [];
  before(async () => (redis = await startRedis()));
  after(async () => {
    for (const client of clients) client.disconnect();
    await redis.stop();
  });

  /** Two instances over one Metronome (the simulator, recording its calls), each with its own Redis client. */
  function instances(count: number, options: { fault?: () => string | undefined; prefix: string; now?: () => Date }) {
    const calls: UpstreamCall[] = [];
    const metronome = simulatorFetch(calls, { fault: options.fault });
    const apps = Array.from({ length: count }, () => {
      const client = connectRedis(redis.url, silentLogger);
      clients.push(client);
      const now = options.now ?? (() => NOW);
      return testApp({ fetch: metronome, now, upstream: { now, cache: createRedisCache(client, { logger: silentLogger, prefix: options.prefix }) } });
    });
    return { apps, calls };
  }

  it('makes one Metronome call per distinct request for two instances asked at the same time', async () => {
    const { apps, calls } = instances(2, { fault: () => 'latency=100', prefix: 'concurrent:' });
    const answers = await Promise.all(apps.map((app) => authGet(app, USAGE, ACME_ID)));
    assert.deepEqual(answers.map((a) => a.status), [200, 200]);
    const [a, b] = (await Promise.all(answers.map((a) => a.json()))) as UsageResponse[];
    assert.deepEqual(a, b, 'both instances answer the same figures');
    assert.equal(calls.length, 2, 'the metrics list and the usage, once each');
  });

  it('answers the second instance from what the first one fetched', async () => {
    const { apps, calls } = instances(2, { prefix: 'sequential:' });
    assert.equal((await authGet(apps[0]!, USAGE, ACME_ID)).status, 200);
    const first = calls.length;
    assert.equal((await authGet(apps[1]!, USAGE, ACME_ID)).status, 200);
    assert.equal(calls.length, first);
  });

  it('serves an answer another instance fetched, marked stale, when Metronome fails', async () => {
    let t = NOW.getTime();
    let down = false;
    const { apps } = instances(2, { fault: () => (down ? '500' : undefined), prefix: 'stale:', now: () => new Date(t) });
    const fresh = (await (await authGet(apps[0]!, USAGE, ACME_ID)).json()) as UsageResponse & Freshness;
    down = true;
    t += 120_000; // past the live TTL and its revalidation window
    const response = await authGet(apps[1]!, USAGE, ACME_ID);
    assert.equal(response.status, 200);
    const stale = (await response.json()) as UsageResponse & Freshness;
    assert.equal(stale.stale, true);
    assert.equal(stale.as_of, fresh.as_of);
    assert.equal(stale.total, fresh.total);
  });

  it('keeps answering from Metronome when Redis goes away', async () => {
    const own = await startRedis();
    const client = connectRedis(own.url, silentLogger);
    clients.push(client);
    const calls: UpstreamCall[] = [];
    const app = testApp({ fetch: simulatorFetch(calls), upstream: { cache: createRedisCache(client, { logger: silentLogger }) } });
    assert.equal((await authGet(app, USAGE, ACME_ID)).status, 200);
    await own.stop();
    const before = calls.length;
    const other = `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-11-02&ending_before=2026-11-09`;
    assert.equal((await authGet(app, other, ACME_ID)).status, 200);
    assert.ok(calls.length > before, 'asked Metronome itself');
  });
});
