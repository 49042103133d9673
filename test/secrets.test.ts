import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createSessionToken } from '../proxy/session.ts';
import { ACME_ID, createSimulator, METRIC_IDS } from '../simulator/index.ts';
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts';

/**
 * The Metronome token and the session secrets never leave the proxy, and session tokens are never
 * echoed: the production proxy is run as a real process against a simulator of this test's own, every
 * /api route is called (succeeding, with bad input, unknown ids, bad sessions, and every kind of
 * upstream failure, including a Metronome that echoes the Authorization header it got), and every
 * answer (status, headers, body), the proxy's whole output and every file of dist/ are searched.
 */

const random = (bytes: number) => randomBytes(bytes).toString('hex');
const METRONOME_TOKEN = `tok_${random(24)}`;
const SESSION_SECRET = random(24);
const SESSION_SECRET_PREVIOUS = random(24);

/** What the simulator is made to do, per phase of the test (the proxy sends no fault header itself). */
let upstreamMode = 'none';

let upstream: ServerType;
let proxy: ProxyProcess;
const transcript: string[] = [];
const sessionTokens: string[] = [];

/** A hostile or broken Metronome: faults through the simulator's own header, or an echo of the request. */
function simulatorWithModes(): (request: Request) => Response | Promise<Response> {
  const simulator = createSimulator({ apiToken: METRONOME_TOKEN });
  return (request) => {
    if (upstreamMode === 'none') return simulator.fetch(request);
    if (upstreamMode.startsWith('echo')) {
      const echoed = { message: `you sent ${request.headers.get('authorization')}`, headers: Object.fromEntries(request.headers) };
      return Response.json(echoed, { status: Number(upstreamMode.slice(5)), headers: { 'x-echo': request.headers.get('authorization') ?? '' } });
    }
    const headers = new Headers(request.headers);
    headers.set('x-simulator-fault', upstreamMode);
    return simulator.fetch(new Request(request, { headers }));
  };
}

/** Every string a leak of `value` could look like: itself, in base64, or any 16 characters of it. */
function forms(name: string, value: string): Array<[string, string]> {
  const fragments = Array.from({ length: value.length - 15 }, (_, at): [string, string] => [`${name} (characters ${at + 1} to ${at + 16})`, value.slice(at, at + 16)]);
  return [[name, value], [`${name} in base64`, Buffer.from(value).toString('base64')], [`${name} in base64url`, Buffer.from(value).toString('base64url')], ...fragments];
}

function secrets(): Array<[string, string]> {
  return [
    ...forms('the Metronome token', METRONOME_TOKEN),
    ...forms('SESSION_SECRET', SESSION_SECRET),
    ...forms('SESSION_SECRET_PREVIOUS', SESSION_SECRET_PREVIOUS),
    ...sessionTokens.flatMap((token, i) => [
      [`session token ${i + 1}`, token] as [string, string],
      // The signature is the part only the secret's holder can make.
      [`session token ${i + 1}'s signature`, token.split('.')[2] ?? ''] as [string, string],
    ]).filter(([, value]) => value.length >= 16),
  ];
}

/** Which secrets appear in `text`, by name. */
export function leaksIn(text: string, needles = secrets()): string[] {
  return needles.filter(([, value]) => text.includes(value)).map(([name]) => name);
}

async function session(options: { secret?: string; ttlSeconds?: number; now?: () => Date } = {}) {
  const token = await createSessionToken({ customerId: ACME_ID, secret: options.secret ?? SESSION_SECRET, ttlSeconds: options.ttlSeconds ?? 600, now: options.now });
  sessionTokens.push(token);
  return token;
}

/** Sends one request to the proxy and keeps all of its answer in the transcript. */
async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  const response = await fetch(`${proxy.url}${path.replace(/^\//, '')}`, { ...init, headers });
  const body = Buffer.from(await response.arrayBuffer()).toString('latin1');
  transcript.push(`${upstreamMode} ${init.method ?? 'GET'} ${path} -> ${response.status}\n${JSON.stringify([...response.headers])}\n${body}`);
  return { status: response.status, body };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Every /api route once, some twice with bad input; `invoiceId` of a real invoice when there is one.
 * Each `round` asks about other days, so that its calls reach Metronome rather than a cache.
 */
function everyRoute(token: string, invoiceId = '00000000-0000-4000-8000-000000000000', round = 0) {
  const json = { 'content-type': 'application/json' };
  const range = `starting_on=${day(-3 - round)}&ending_before=${day(-1 - round)}`;
  return Promise.all([
    call('/api/customer', { token }),
    call(`/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&${range}&group_key=region`, { token }),
    call(`/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&${range}&window_size=fortnight`, { token }),
    call(`/api/spend?${range}`, { token }),
    call('/api/spend/summary', { token }),
    call(`/api/usage/summary?${range}`, { token }),
    call('/api/usage/summary?starting_on=yesterday', { token }),
    call('/api/balances', { token }),
    call(`/api/invoices?since=${day(-90 - round)}`, { token }),
    call(`/api/invoices/${invoiceId}`, { token }),
    call(`/api/invoices/${invoiceId}/pdf`, { token }),
    call(`/api/invoices/${invoiceId}/explain`, { token }),
    call('/api/invoices/not-an-id', { token }),
    call('/api/dashboards/embeddable-url', { method: 'POST', token, headers: json, body: JSON.stringify({ dashboard: 'invoices' }) }),
    call('/api/dashboards/embeddable-url', { method: 'POST', token, headers: json, body: JSON.stringify({ dashboard: 'invoices', customer_id: 'someone-else' }) }),
    call('/api/dashboards/embeddable-url', { method: 'POST', token, headers: json, body: '{"dashboard": ' }),
    call('/api/dashboards/embeddable-url', { method: 'POST', token, headers: json, body: JSON.stringify({ dashboard: 'invoices', padding: 'x'.repeat(70_000) }) }),
  ]);
}

describe('secrets stay in the proxy', { timeout: 120_000 }, () => {
  before(async () => {
    upstream = serve({ fetch: simulatorWithModes(), port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => upstream.once('listening', resolve));
    proxy = await startProxyProcess(
      {
        METRONOME_API_TOKEN: METRONOME_TOKEN,
        METRONOME_BASE_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
        SESSION_SECRET,
        SESSION_SECRET_PREVIOUS,
        LOG_LEVEL: 'debug',
        METRONOME_TIMEOUT_MS: '400',
        METRONOME_DEADLINE_MS: '800',
        // Every failure reaches the browser as a failure: nothing is answered from a cache.
        CACHE_TTL_SECONDS: '0',
        CACHE_REFERENCE_TTL_SECONDS: '0',
        STALE_IF_ERROR_SECONDS: '0',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      { command: ['node', '--import', 'tsx', '--import', './test/forbid-simulator.mjs', 'proxy/server.ts'], unset: ['SIMULATOR_FAULT'] },
    );
  });

  after(async () => {
    proxy?.child.kill('SIGTERM');
    await proxy?.exited;
    upstream?.close();
  });

  it('the production proxy starts without loading any simulator code', () => {
    assert.match(proxy.output(), /Proxy for http:\/\/127\.0\.0\.1:\d+ on/);
  });

  it('calls every /api route, succeeding and failing in every way, and no answer or log line holds a secret or a session token', async () => {
    const token = await session();
    const invoices = await call('/api/invoices', { token });
    assert.equal(invoices.status, 200, invoices.body);
    const invoiceId = (JSON.parse(invoices.body) as { invoices: Array<{ id: string }> }).invoices[0]!.id;
    const statuses = (await everyRoute(token, invoiceId)).map((a) => a.status);
    assert.ok(statuses.includes(200) && statuses.includes(400) && statuses.includes(413), statuses.join());

    // Sessions that fail: none, garbage, another secret, expired, unsigned, and one signed with the previous secret.
    const expired = await session({ ttlSeconds: 60, now: () => new Date(Date.now() - 3_600_000) });
    const forged = await session({ secret: random(24) });
    const previous = await session({ secret: SESSION_SECRET_PREVIOUS });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${token.split('.')[1]}.`;
    sessionTokens.push(unsigned);
    for (const bad of [expired, forged, previous, unsigned, 'not-a-token']) {
      assert.ok([200, 401].includes((await call('/api/customer', { token: bad })).status));
    }
    await call('/api/customer');
    await call('/api/nope', { token });

    // Metronome failing in every way, and answering errors that echo the token it was sent.
    const modes = ['500', '429=1', 'malformed', 'timeout', 'echo:500', 'echo:400', 'echo:401', 'echo:404'];
    for (const [round, mode] of modes.entries()) {
      upstreamMode = mode;
      const failed = (await everyRoute(token, invoiceId, round + 1)).map((a) => a.status);
      assert.notEqual(failed[1], 200, `${mode} is in effect (usage of days no cache holds): ${failed.join()}`);
      await call('/readyz');
    }
    upstreamMode = 'none';
    await call('/healthz');

    const leaks = transcript.flatMap((entry) => leaksIn(entry).map((what) => `${what} in the answer to ${entry.split('\n')[0]}`));
    assert.deepEqual(leaks, []);
    assert.deepEqual(leaksIn(proxy.output()), [], 'the proxy\'s logs');
    assert.match(proxy.output(), /"level":40/, 'the failures were logged');
  });

  it('would notice an answer or a log that echoed the Authorization header', async () => {
    const token = await session();
    const n = sessionTokens.indexOf(token) + 1;
    assert.deepEqual(leaksIn(JSON.stringify({ error: { message: `bad header: Bearer ${token}` } })), [`session token ${n}`, `session token ${n}'s signature`]);
    assert.equal(leaksIn(`{"authorization":"Bearer ${METRONOME_TOKEN}"}`)[0], 'the Metronome token');
    assert.equal(leaksIn(`token=${METRONOME_TOKEN.slice(5, 30)}…`)[0], 'the Metronome token (characters 6 to 21)');
    assert.equal(leaksIn(`secret ${Buffer.from(SESSION_SECRET).toString('base64')}`)[0], 'SESSION_SECRET in base64');
  });

  it('dist/ holds none of the secrets, nor any reference to the variables that carry them, even when built with them set', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-scan-'));
    try {
      const env = { ...process.env, METRONOME_API_TOKEN: METRONOME_TOKEN, SESSION_SECRET, SESSION_SECRET_PREVIOUS };
      const build = `import('./scripts/build.mjs').then(async (m) => { await m.buildPackage(${JSON.stringify(out)}); await m.buildCdn(${JSON.stringify(`${out}/cdn`)}); })`;
      execFileSync('node', ['--input-type=module', '-e', build], { env });
      execFileSync('node', ['scripts/build-proxy.mjs', join(out, 'proxy')], { env });
      for (const folder of ['dist', out]) {
        const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
        assert.ok(files.length >= 2, `${folder} has files (npm test builds dist/ first)`);
        for (const file of files) {
          const path = join(file.parentPath, file.name);
          const text = readFileSync(path, 'latin1');
          assert.deepEqual(leaksIn(text), [], path);
          // The compiled proxy (dist/proxy/) is what reads those variables; the widgets must not name them.
          if (!relative(folder, path).startsWith('proxy/')) assert.doesNotMatch(text, /METRONOME_API_TOKEN|SESSION_SECRET|METRONOME_BASE_URL/, path);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
