import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createSessionToken, createSessionVerifier } from '../proxy/session.ts';
import { ACME_ID, createSimulator, METRIC_IDS } from '../simulator/index.ts';

/** The production path: `npm start` with METRONOME_API_TOKEN runs only the proxy, against METRONOME_BASE_URL. */

const METRONOME_TOKEN = 'production-like-token';
const SECRET = 'a-session-secret-of-at-least-32-characters';
let upstream: ServerType;
let upstreamUrl: string;

function startProxy(env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => void; output: () => string }> {
  const child = spawn('node', ['--import', 'tsx', 'proxy/server.ts'], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /on (http:\/\/localhost:\d+\/)/.exec(output);
      if (match) resolve({ url: match[1]!, stop: () => child.kill('SIGTERM'), output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(Object.assign(new Error(`proxy exited with ${code}`), { output, code })));
  });
}

describe('npm start with a Metronome token', { timeout: 60_000 }, () => {
  before(async () => {
    upstream = serve({ fetch: createSimulator({ apiToken: METRONOME_TOKEN }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => upstream.once('listening', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  after(() => upstream.close());

  it('serves /api/usage from the configured Metronome and has no demo page or dev routes', async () => {
    const proxy = await startProxy({ METRONOME_API_TOKEN: METRONOME_TOKEN, METRONOME_BASE_URL: upstreamUrl, SESSION_SECRET: SECRET });
    try {
      assert.match(proxy.output(), new RegExp(`Proxy for ${upstreamUrl}`));
      assert.doesNotMatch(proxy.output(), /Simulated Metronome/);
      const token = await createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 60 });
      const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
      const query = `billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=${new Date(end.getTime() - 3 * 86_400_000).toISOString()}&ending_before=${end.toISOString()}&group_key=region`;
      const usage = await fetch(`${proxy.url}api/usage?${query}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(usage.status, 200);
      const body = (await usage.json()) as { windows: unknown[]; total: number };
      assert.equal(body.windows.length, 3);
      assert.ok(body.total > 0);
      assert.equal((await fetch(`${proxy.url}dev/customers`)).status, 404);
      assert.equal((await fetch(proxy.url)).status, 404);
      assert.equal((await fetch(`${proxy.url}api/usage?${query}`)).status, 401);
    } finally {
      proxy.stop();
    }
  });

  it('refuses to start without a SESSION_SECRET, saying why', async () => {
    await assert.rejects(startProxy({ METRONOME_API_TOKEN: METRONOME_TOKEN, SESSION_SECRET: '' }), (err: Error & { output: string; code: number }) => {
      assert.equal(err.code, 1);
      assert.match(err.output, /SESSION_SECRET must be set/);
      return true;
    });
  });

  it('answers 502 with a plain message when the configured Metronome rejects the token', async () => {
    const proxy = await startProxy({ METRONOME_API_TOKEN: 'wrong-token', METRONOME_BASE_URL: upstreamUrl, SESSION_SECRET: SECRET });
    try {
      const token = await createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 60 });
      const response = await fetch(`${proxy.url}api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-01-01&ending_before=2026-01-02`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 502);
      const text = await response.text();
      assert.match(text, /not authorised by Metronome/);
      assert.ok(!text.includes('wrong-token'));
    } finally {
      proxy.stop();
    }
  });
});

describe('npm run token', () => {
  it('prints a session token for the customer, signed with SESSION_SECRET', async () => {
    const result = spawnSync('npm', ['run', '--silent', 'token', '--', ACME_ID, '120'], { env: { ...process.env, SESSION_SECRET: SECRET }, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal((await createSessionVerifier({ secret: SECRET, now: () => new Date() }).verify(result.stdout.trim())).customerId, ACME_ID);
  });

  it('explains its usage when the customer or secret is missing', () => {
    const result = spawnSync('npm', ['run', '--silent', 'token'], { env: { ...process.env, SESSION_SECRET: '' }, encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /usage: SESSION_SECRET=… npm run token -- <customer_id>/);
  });
});
