/**
 * `npm start`: settings (config.ts) → dependencies → listening servers, and a graceful stop. The proxy's
 * Node entry point. With METRONOME_API_TOKEN it is the production proxy; without it, it starts the
 * simulator on a loopback port and serves the demo page too. Simulator code is imported only then, so
 * the production proxy never loads it.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import type { Redis } from 'ioredis';
import { createApp } from './app.ts';
import { parseSettings } from './config.ts';
import { serveDemo } from './demo-site.ts';
import { listen, serverTimeouts, type Fetch } from './http-server.ts';
import { createMemoryCache } from './metronome/cache.ts';
import { createMetronome } from './metronome/client.ts';
import { createRedisCache } from './metronome/redis-cache.ts';
import { createRateLimiter } from './rate-limit.ts';
import { connectRedis } from './redis.ts';
import type { ReadinessCheck } from './routes/health.ts';

/** How long in-flight requests get to finish after SIGTERM or SIGINT before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

function fail(message: string): never {
  console.error(`proxy: ${message}`);
  process.exit(1);
}

const onSimulator = !process.env.METRONOME_API_TOKEN?.trim();
const faults = onSimulator ? await import('../simulator/faults.ts') : undefined;
const parsed = parseSettings(process.env, {
  parseFault: faults
    ? (text) => {
        const { none, ...options } = faults.parseFaults(text);
        return none ? {} : options;
      }
    : undefined,
});
if (!parsed.ok) fail(parsed.errors.join('\nproxy: '));
const settings = parsed.settings;

/**
 * JSON lines on stdout. The proxy never puts a token, secret or session in a log field; redaction of
 * the usual names is a second line of defence.
 */
const logger = pino({
  level: settings.logLevel,
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ['authorization', 'token', 'secret', 'password', 'cookie', '*.authorization', '*.token', '*.secret', '*.password', '*.cookie', '*.headers.authorization', '*.headers.cookie'],
    censor: '[redacted]',
  },
});

const now = () => new Date();
/** What a stop closes after the proxy's own server, last opened first. */
const closers: Array<{ name: string; close: () => Promise<unknown> }> = [];
let metronomeToken = settings.metronomeApiToken ?? '';
let metronomeBaseUrl = settings.metronomeBaseUrl;
let sessionSecret = settings.sessionSecret ?? '';
let simulator: typeof import('../simulator/index.ts') | undefined;

if (settings.mode === 'simulator') {
  simulator = await import('../simulator/index.ts');
  // Fresh secrets per run: nothing outside this process can call the simulator or mint sessions.
  metronomeToken = randomBytes(24).toString('hex');
  sessionSecret ||= randomBytes(32).toString('hex');
  const app = simulator.createSimulator({ apiToken: metronomeToken, now, ...(settings.simulatorFault ? { faults: settings.simulatorFault } : {}) });
  const server = await listen({ fetch: app.fetch as Fetch, port: 0, hostname: '127.0.0.1', timeouts: serverTimeouts(settings.metronomeDeadlineMs) });
  closers.push({ name: 'simulator', close: () => server.close(0) });
  metronomeBaseUrl = `http://127.0.0.1:${server.port}`;
  console.log(`Simulated Metronome on ${metronomeBaseUrl} (no METRONOME_API_TOKEN set)${process.env.SIMULATOR_FAULT ? `, faults: ${process.env.SIMULATOR_FAULT}` : ''}`);
}

let redis: Redis | undefined;
if (settings.redisUrl) {
  const client = (redis = connectRedis(settings.redisUrl, logger));
  closers.push({ name: 'redis', close: () => client.quit().catch(() => client.disconnect()) });
  // Serve once Redis answers (or after a couple of seconds without it: the proxy works without Redis,
  // each instance for itself, and /readyz says Redis is down).
  const ready = await Promise.race([new Promise((resolve) => client.once('ready', () => resolve(true))), new Promise((resolve) => setTimeout(resolve, 2_000, false))]);
  if (!ready) logger.warn({}, 'starting before Redis answers');
}

const metronome = createMetronome({
  token: metronomeToken,
  baseUrl: metronomeBaseUrl,
  fetch,
  timeoutMs: settings.metronomeTimeoutMs,
  now,
  cache: redis ? createRedisCache(redis, { logger }) : createMemoryCache(),
  liveTtlSeconds: settings.cacheTtlSeconds,
  referenceTtlSeconds: settings.cacheReferenceTtlSeconds,
  staleIfErrorSeconds: settings.staleIfErrorSeconds,
  concurrency: settings.metronomeConcurrency,
  requestConcurrency: settings.metronomeRequestConcurrency,
  fetchDeadlineMs: settings.metronomeDeadlineMs,
  logger,
});
const readiness: Record<string, ReadinessCheck> = { metronome: (signal) => metronome.ping(signal) };
if (redis) {
  const client = redis;
  readiness.redis = () => client.ping();
}

const app = createApp({
  metronome,
  sessionSecret,
  now,
  allowedOrigins: settings.allowedOrigins,
  deadlineMs: settings.metronomeDeadlineMs,
  previousSessionSecret: settings.sessionSecretPrevious,
  sessionMaxTtlSeconds: settings.sessionMaxTtlSeconds,
  rateLimiter: createRateLimiter({ perMinute: settings.rateLimitPerMinute, redis, logger }),
  logger,
  readiness,
  ...(simulator ? { devSessions: { customers: [...simulator.SIMULATOR_CUSTOMERS], ttlSeconds: 900 } } : {}),
});
if (simulator) serveDemo(app, { frameOrigins: [metronomeBaseUrl] });

const proxy = await listen({ fetch: app.fetch as Fetch, port: settings.port, hostname: settings.host, timeouts: serverTimeouts(settings.metronomeDeadlineMs) }).catch((err: Error) =>
  fail(`cannot listen on ${settings.host}:${settings.port}: ${err.message}`),
);
const url = `http://localhost:${proxy.port}/`;
if (simulator) console.log(`Demo on ${url}`);
else logger.info({ port: proxy.port, host: settings.host, metronome: metronomeBaseUrl }, `Proxy for ${metronomeBaseUrl} on ${url}`);

/**
 * SIGTERM or SIGINT: stop accepting, let the requests in flight finish (up to SHUTDOWN_GRACE_MS, then
 * cut what is left), close the simulator and Redis, exit 0. A second signal exits at once.
 */
let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal, grace_ms: SHUTDOWN_GRACE_MS }, 'stopping: no new connections, finishing the requests in flight');
  const { cut } = await proxy.close(SHUTDOWN_GRACE_MS);
  if (cut) logger.warn({ cut }, 'cut connections still open after the grace period');
  for (const { name, close } of closers.reverse()) {
    await close().catch((err: Error) => logger.warn({ err: { message: err.message } }, `closing ${name} failed`));
  }
  logger.info({}, 'stopped');
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
