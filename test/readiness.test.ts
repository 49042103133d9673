import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { startRedis } from '../proxy/test/redis.ts';
import { createSimulator } from '../simulator/index.ts';
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts';

/** /readyz of the real server: Metronome answers, and Redis when REDIS_URL is set. */

const TOKEN = 'readiness-test-token';
let upstream: ServerType;
let redis: Awaited<ReturnType<typeof startRedis>>;
let proxy: ProxyProcess;

async function readyz() {
  const response = await fetch(`${proxy.url}readyz`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; checks: Record<string, { ok: boolean; reason?: string }> } };
}

describe('readiness of npm start with a token and REDIS_URL', { timeout: 60_000 }, () => {
  before(async () => {
    redis = await startRedis();
    upstream = serve({ fetch: createSimulator({ apiToken: TOKEN }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => upstream.once('listening', resolve));
    proxy = await startProxyProcess({
      METRONOME_API_TOKEN: TOKEN,
      METRONOME_BASE_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
      REDIS_URL: redis.url,
    });
  });

  after(async () => {
    proxy?.child.kill('SIGKILL');
    upstream?.close();
    await redis?.stop();
  });

  it('is ready when Metronome and Redis answer, and says which one does not when Redis stops', async () => {
    assert.deepEqual(await readyz(), { status: 200, body: { ok: true, checks: { metronome: { ok: true }, redis: { ok: true } } } });
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the one-second reuse of the last result
    const down = await readyz();
    assert.equal(down.status, 503);
    assert.deepEqual(down.body.checks.metronome, { ok: true });
    assert.equal(down.body.checks.redis!.ok, false);
    assert.match(proxy.output(), /Redis unreachable/);
  });

  it('still stops at once on SIGTERM with Redis gone, exiting 0', async () => {
    const started = Date.now();
    proxy.child.kill('SIGTERM');
    assert.equal((await proxy.exited).code, 0, proxy.output());
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });
});
