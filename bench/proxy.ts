/**
 * `npm run bench:proxy`: the production proxy (proxy/server.ts with a Metronome token, as a child
 * process) in front of a counting simulator on loopback, on this machine. Writes bench/proxy-results.json
 * and prints the table the README records.
 *
 *   1. The /api requests the demo page makes on first load, recorded in headless Chromium.
 *   2. Metronome calls for one page view, and for 20 sessions of one customer loading at once.
 *   3. Client-visible failures with 10% of Metronome's answers failing (500), cache off and on.
 *   4. Requests per second of cached /api/usage at 50 connections (autocannon).
 *   5. 90 days of hourly /api/spend with every Metronome call taking 100 ms, cold.
 *   6. The proxy's resident memory after all that.
 *
 * Options (environment): BENCH_LATENCY_MS (per Metronome call in 2–4, default 20), BENCH_PAGE_VIEWS
 * (for 3, default 200), BENCH_SECONDS (for 4, default 10).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { createSessionToken } from '../proxy/session.ts';
import { createSimulator, SIMULATOR_CUSTOMERS, type FaultOptions } from '../simulator/index.ts';
import { launchChromium } from '../test/chromium.ts';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const PAGE_VIEWS = Number(process.env.BENCH_PAGE_VIEWS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOKEN = randomBytes(24).toString('hex');
const SECRET = randomBytes(32).toString('hex');

interface Recorded {
  method: string;
  path: string;
  body: string | undefined;
}

/** Starts `proxy/server.ts` and resolves with its base URL once it prints it. */
function startProxy(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/server.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`proxy printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /on (http:\/\/localhost:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`proxy exited with ${code}:\n${output}`)));
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The demo's first load: every /api request it sends, in headless Chromium against `npm start`'s demo. */
async function recordPageView(): Promise<Recorded[]> {
  const env = { ...process.env } as Record<string, string>;
  delete env.METRONOME_API_TOKEN;
  const { url, child } = await startProxy(env);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const recorded: Recorded[] = [];
    page.on('request', (request) => {
      const target = new URL(request.url());
      if (target.pathname.startsWith('/api/')) recorded.push({ method: request.method(), path: target.pathname + target.search, body: request.postData() });
    });
    await page.goto(`${url}/`);
    await page.waitForNetworkIdle({ idleTime: 1500, timeout: 60_000 });
    return recorded;
  } finally {
    await browser.close();
    await stop(child);
  }
}

/** A simulator on loopback that counts the calls it is asked, and which of them are distinct. */
async function countingSimulator(faults: FaultOptions) {
  const simulator = createSimulator({ apiToken: TOKEN, faults });
  const calls: string[] = [];
  const server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: async (request: Request) => {
      const body = request.method === 'POST' ? await request.clone().text() : '';
      calls.push(`${request.method} ${request.url} ${body}`);
      return simulator.fetch(request);
    },
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls: () => calls.length,
    distinct: () => new Set(calls).size,
    reset: () => (calls.length = 0),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The proxy in production mode in front of a fresh counting simulator. */
async function productionProxy(faults: FaultOptions, env: Record<string, string> = {}) {
  const metronome = await countingSimulator(faults);
  const proxy = await startProxy({ METRONOME_API_TOKEN: TOKEN, METRONOME_BASE_URL: metronome.baseUrl, SESSION_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  return {
    ...proxy,
    metronome,
    async close() {
      await stop(proxy.child);
      await metronome.close();
    },
  };
}

/** The demo page shows its first customer on arrival: the recorded requests are that customer's. */
const session = () => createSessionToken({ customerId: SIMULATOR_CUSTOMERS[0]!.id, secret: SECRET, ttlSeconds: 3600 });

/** Sends a page view's requests at once, as the page does; resolves with their statuses. */
async function pageView(base: string, requests: Recorded[], token: string): Promise<number[]> {
  return Promise.all(
    requests.map(async ({ method, path, body }) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) };
      const response = await fetch(base + path, { method, headers, body });
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Math.round(Number(/(\d+)/.exec(line)![1]) / 1024);
}

const page = await recordPageView();
console.log(`The demo's first load sends ${page.length} /api requests: ${[...new Set(page.map((r) => r.path.split('?')[0]))].join(', ')}`);

// 2. Calls per page view, alone and for 20 sessions of one customer at once.
let proxy = await productionProxy({ latencyMs: LATENCY_MS });
await pageView(proxy.url, page, await session());
const onePage = { calls: proxy.metronome.calls(), distinct: proxy.metronome.distinct() };
await proxy.close();
proxy = await productionProxy({ latencyMs: LATENCY_MS });
const tokens = await Promise.all(Array.from({ length: 20 }, session));
const statuses20 = (await Promise.all(tokens.map((token) => pageView(proxy.url, page, token)))).flat();
const twentySessions = { calls: proxy.metronome.calls(), distinct: proxy.metronome.distinct(), failed: statuses20.filter((s) => s >= 400).length };
await proxy.close();

// 3. 10% of Metronome's answers failing: client-visible failures over PAGE_VIEWS page views one after
// another (together they would share calls, and so faults), with the cache off (retries alone) and on.
async function failureRate(env: Record<string, string>) {
  const flaky = await productionProxy({ latencyMs: LATENCY_MS, fault: '500', rate: 0.1 }, env);
  const statuses: number[] = [];
  for (let done = 0; done < PAGE_VIEWS; done++) statuses.push(...(await pageView(flaky.url, page, await session())));
  const upstreamCalls = flaky.metronome.calls();
  await flaky.close();
  const failed = statuses.filter((s) => s >= 500).length;
  return { requests: statuses.length, failed, failedPercent: Math.round((failed / statuses.length) * 10_000) / 100, upstreamCalls };
}
const failuresNoCache = await failureRate({ CACHE_TTL_SECONDS: '0', CACHE_REFERENCE_TTL_SECONDS: '0', STALE_IF_ERROR_SECONDS: '0' });
const failuresCached = await failureRate({});

// 4. Cached /api/usage at 50 connections; 6. RSS afterwards.
proxy = await productionProxy({ latencyMs: LATENCY_MS });
const usagePath = page.find((r) => r.path.startsWith('/api/usage'))?.path ?? '/api/usage';
const token = await session();
await pageView(proxy.url, [{ method: 'GET', path: usagePath, body: undefined }], token);
const load = await autocannon({ url: proxy.url + usagePath, connections: 50, duration: SECONDS, headers: { authorization: `Bearer ${token}` } });
const cachedUsage = { requestsPerSecond: Math.round(load.requests.average), p50Ms: load.latency.p50, p99Ms: load.latency.p99, non2xx: load.non2xx, errors: load.errors };

// 5. 90 days of hourly spend, every Metronome call 100 ms, cold: a fresh proxy (empty cache) each run.
const spendMs: number[] = [];
const spendCalls: number[] = [];
for (let run = 0; run < 3; run++) {
  const slow = await productionProxy({ latencyMs: 100 });
  const end = new Date(Date.UTC(2026, 10, 1));
  const start = new Date(end.getTime() - 90 * 86_400_000);
  const started = performance.now();
  const response = await fetch(`${slow.url}/api/spend?starting_on=${start.toISOString().slice(0, 10)}&ending_before=${end.toISOString().slice(0, 10)}&window_size=hour`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`hourly spend answered ${response.status}`);
  spendMs.push(performance.now() - started);
  spendCalls.push(slow.metronome.calls());
  await slow.close();
}
const hourlySpend = { medianMs: Math.round(median(spendMs)), upstreamCalls: median(spendCalls) };

const rss = rssMb(proxy.child.pid!);
await proxy.close();

const results = {
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  date: new Date().toISOString().slice(0, 10),
  latencyMsPerMetronomeCall: LATENCY_MS,
  pageView: { apiRequests: page.length, ...onePage },
  twentySessions,
  failuresWithTenPercentUpstream500s: { cacheOff: failuresNoCache, cacheOn: failuresCached },
  cachedUsageAt50Connections: cachedUsage,
  hourlySpend90DaysAt100MsPerCall: hourlySpend,
  proxyRssMbAfterRun: rss,
};
writeFileSync('bench/proxy-results.json', `${JSON.stringify(results, null, 2)}\n`);

console.log(`
| measure | result | target |
| --- | --- | --- |
| Metronome calls for one demo page view (${page.length} /api requests) | ${onePage.calls} (${onePage.distinct} distinct) | no more than the distinct calls |
| Metronome calls for 20 sessions of one customer loading at once | ${twentySessions.calls} (${twentySessions.distinct} distinct) | no more than the distinct calls |
| client-visible failures, 10% of Metronome answers 500, cache off (retries alone) | ${failuresNoCache.failed} of ${failuresNoCache.requests} (${failuresNoCache.failedPercent}%; ${failuresNoCache.upstreamCalls} Metronome calls) | ≤ 0.5% |
| client-visible failures, 10% of Metronome answers 500, cache on | ${failuresCached.failed} of ${failuresCached.requests} (${failuresCached.failedPercent}%; ${failuresCached.upstreamCalls} Metronome calls) | ≤ 0.5% |
| cached /api/usage at 50 connections | ${cachedUsage.requestsPerSecond} req/s (p50 ${cachedUsage.p50Ms} ms, p99 ${cachedUsage.p99Ms} ms, ${cachedUsage.non2xx} non-2xx) | ≥ 3,000 req/s |
| 90 days of hourly /api/spend, 100 ms per Metronome call, cold | ${hourlySpend.medianMs} ms (${hourlySpend.upstreamCalls} calls) | < 2 s |
| proxy RSS after the run | ${rss} MB | |

${results.machine.cores} × ${results.machine.cpu}, ${results.machine.memoryGb} GB, Node ${results.machine.node}; Metronome calls take ${LATENCY_MS} ms unless stated.`);
