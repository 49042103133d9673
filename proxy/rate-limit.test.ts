import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { ACME_ID, GLOBEX_ID } from '../simulator/index.ts';
import type { Logger } from './log.ts';
import { createRateLimiter } from './rate-limit.ts';
import { sessionFor, testApp } from './test/harness.ts';
import { startRedis } from './test/redis.ts';

/** Under /api but no route: 404 once the session and the rate limit have let a request through. */
const PATH = '/api/no-such-route';
const THROUGH = 404;

const get = (app: ReturnType<typeof testApp>, token: string) => app.request(PATH, { headers: { authorization: `Bearer ${token}` } });
const statuses = async (app: ReturnType<typeof testApp>, token: string, count: number) => {
  const answers: number[] = [];
  for (let i = 0; i < count; i++) answers.push((await get(app, token)).status);
  return answers;
};

function recordingLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  const logger: Logger = {
    info: (_, message) => void lines.push({ level: 'info', message }),
    warn: (_, message) => void lines.push({ level: 'warn', message }),
    error: (_, message) => void lines.push({ level: 'error', message }),
  };
  return { logger, lines };
}

describe('the per-session rate limit, in memory', () => {
  it('answers the 121st request of a minute 429 with Retry-After, while another session keeps getting through', async () => {
    const app = testApp({ rateLimiter: createRateLimiter({ perMinute: 120 }) });
    const [flood, calm] = await Promise.all([sessionFor(ACME_ID), sessionFor(GLOBEX_ID)]);
    assert.deepEqual(new Set(await statuses(app, flood, 120)), new Set([THROUGH]));
    const refused = await get(app, flood);
    assert.equal(refused.status, 429);
    const retryAfter = refused.headers.get('retry-after') ?? '';
    assert.match(retryAfter, /^\d+$/);
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60, retryAfter);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate_limited');
    assert.equal((await get(app, calm)).status, THROUGH);
    assert.equal((await get(app, flood)).status, 429);
  });

  it('counts each token as its own session, even for the same customer', async () => {
    const app = testApp({ rateLimiter: createRateLimiter({ perMinute: 2 }) });
    const [first, second] = await Promise.all([sessionFor(ACME_ID, 600), sessionFor(ACME_ID, 300)]);
    assert.deepEqual(await statuses(app, first, 3), [THROUGH, THROUGH, 429]);
    assert.deepEqual(await statuses(app, second, 2), [THROUGH, THROUGH]);
  });

  it('lets a session through again once its window has passed', async () => {
    const app = testApp({ rateLimiter: createRateLimiter({ perMinute: 2, windowSeconds: 1 }) });
    const token = await sessionFor(ACME_ID);
    assert.deepEqual(await statuses(app, token, 3), [THROUGH, THROUGH, 429]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.deepEqual(await statuses(app, token, 1), [THROUGH]);
  });

  it('refuses settings that cannot be a limit', () => {
    assert.throws(() => createRateLimiter({ perMinute: 0 }), /perMinute/);
    assert.throws(() => createRateLimiter({ perMinute: 10, windowSeconds: 0.5 }), /windowSeconds/);
  });
});

describe('the per-session rate limit, in Redis', { timeout: 30_000 }, () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const clients: Redis[] = [];
  /** Connected: until it is, the limiter counts in memory (it does not queue requests behind a connection). */
  const client = async () => {
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    connection.on('error', () => undefined); // a stopped server is part of one test; the limiter reports it
    clients.push(connection);
    await connection.ping();
    return connection;
  };
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    clients.forEach((connection) => connection.disconnect());
    await redis.stop();
  });

  it('holds one limit across two proxy instances sharing a Redis, and stores no token', async () => {
    const instance = async () => testApp({ rateLimiter: createRateLimiter({ perMinute: 5, redis: await client() }) });
    const [one, two] = await Promise.all([instance(), instance()]);
    const [flood, calm] = await Promise.all([sessionFor(ACME_ID), sessionFor(GLOBEX_ID)]);
    const answers: number[] = [];
    for (let i = 0; i < 8; i++) answers.push((await get(i % 2 ? two : one, flood)).status);
    assert.deepEqual(answers, [THROUGH, THROUGH, THROUGH, THROUGH, THROUGH, 429, 429, 429]);
    assert.equal((await get(two, calm)).status, THROUGH);
    assert.equal((await get(one, calm)).status, THROUGH);

    const keys = await (await client()).keys('*');
    assert.equal(keys.length, 2);
    for (const token of [flood, calm]) assert.ok(keys.every((key) => !key.includes(token.split('.')[2]!)), 'no key holds a signature');
  });

  it('counts in memory rather than wait when Redis is slower than redisTimeoutMs, and says when it is back', async () => {
    const { logger, lines } = recordingLogger();
    const limiter = createRateLimiter({ perMinute: 5, redis: await client(), logger, redisTimeoutMs: 100 });
    await (await client()).call('CLIENT', 'PAUSE', '600', 'ALL');
    const started = Date.now();
    assert.deepEqual(await limiter.consume('slow-session'), { allowed: true });
    assert.ok(Date.now() - started < 400, 'answered before Redis did');
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.deepEqual(await limiter.consume('slow-session'), { allowed: true });
    assert.deepEqual(lines.map((line) => line.level), ['warn', 'info']);
  });

  it('falls back to this instance\'s memory with one warning when Redis stops, still limiting', async () => {
    const { logger, lines } = recordingLogger();
    const connection = await client();
    const limiter = createRateLimiter({ perMinute: 2, redis: connection, logger });
    assert.deepEqual(await limiter.consume('session-a'), { allowed: true });
    await redis.stop();
    while (connection.status === 'ready') await new Promise((resolve) => setTimeout(resolve, 20));

    assert.deepEqual(await limiter.consume('session-a'), { allowed: true });
    assert.deepEqual(await limiter.consume('session-a'), { allowed: true });
    assert.equal((await limiter.consume('session-a')).allowed, false);
    assert.deepEqual(await limiter.consume('session-b'), { allowed: true });
    assert.deepEqual(lines.map((line) => line.level), ['warn']);
    assert.match(lines[0]!.message, /Redis failed; counting rate limits in this instance's memory/);
  });
});
