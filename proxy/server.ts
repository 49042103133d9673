/**
 * `npm start`: environment → dependencies → listening servers. The only Node-specific file of the proxy.
 * With METRONOME_API_TOKEN it is the production proxy; without it, it starts the simulator on a
 * loopback port and serves the demo page too.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createSimulator, SIMULATOR_CUSTOMERS } from '../simulator/index.ts';
import { createApp } from './app.ts';
import { createMetronome } from './metronome/client.ts';

const env = process.env;

function fail(message: string): never {
  console.error(`proxy: ${message}`);
  process.exit(1);
}

function integerSetting(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  return value;
}

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string) {
  return new Promise<{ port: number; close: () => void }>((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info: AddressInfo) => resolve({ port: info.port, close: () => server.close() }));
    server.once('error', reject);
  });
}

// PORT=0 takes any free port; the printed URL says which.
const port = integerSetting('PORT', 8787, 0, 65535);
const timeoutMs = integerSetting('METRONOME_TIMEOUT_MS', 10_000, 1);
const allowedOrigins = (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
const now = () => new Date();
const onSimulator = !env.METRONOME_API_TOKEN;

let metronomeToken = env.METRONOME_API_TOKEN ?? '';
let metronomeBaseUrl = env.METRONOME_BASE_URL || 'https://api.metronome.com';
let sessionSecret = env.SESSION_SECRET ?? '';
const closers: Array<() => void> = [];

if (onSimulator) {
  // Fresh secrets per run: nothing outside this process can call the simulator or mint sessions.
  metronomeToken = randomBytes(24).toString('hex');
  sessionSecret ||= randomBytes(32).toString('hex');
  const simulator = await listen(createSimulator({ apiToken: metronomeToken, now }).fetch, 0, '127.0.0.1');
  closers.push(simulator.close);
  metronomeBaseUrl = `http://127.0.0.1:${simulator.port}`;
  console.log(`Simulated Metronome on ${metronomeBaseUrl} (no METRONOME_API_TOKEN set)`);
} else if (sessionSecret.length < 32) {
  fail('SESSION_SECRET must be set to at least 32 characters when METRONOME_API_TOKEN is set.');
}

const app = createApp({
  metronome: createMetronome({ token: metronomeToken, baseUrl: metronomeBaseUrl, fetch, timeoutMs, now }),
  sessionSecret,
  now,
  allowedOrigins,
  ...(onSimulator ? { devSessions: { customers: [...SIMULATOR_CUSTOMERS], ttlSeconds: 900 } } : {}),
});
if (onSimulator) {
  app.use('/dist/*', serveStatic({ root: './' }));
  app.use('/*', serveStatic({ root: './demo' }));
}

const proxy = await listen(app.fetch, port, env.HOST || '127.0.0.1').catch((err: Error) => fail(`cannot listen on port ${port}: ${err.message}`));
closers.push(proxy.close);
console.log(onSimulator ? `Demo on http://localhost:${proxy.port}/` : `Proxy for ${metronomeBaseUrl} on http://localhost:${proxy.port}/`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    closers.forEach((close) => close());
    process.exit(0);
  });
}
