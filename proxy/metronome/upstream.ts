import { bulkhead, BulkheadRejectedError, BrokenCircuitError, circuitBreaker, handleWhen, retry, SamplingBreaker, type BulkheadPolicy } from 'cockatiel';
import { ProxyError } from '../errors.ts';
import { silentLogger, type Logger } from '../log.ts';
import { createMemoryCache, type CacheStore, type CachedAnswer } from './cache.ts';
import { circuitOpen, deadlinePassed, proxyBusy, tooManyCalls, UpstreamFailure, upstreamInvalid } from './errors.ts';
import { UpstreamBackoff } from './backoff.ts';
import type { UpstreamScope } from './scope.ts';
import { createTransport, type TransportOptions } from './transport.ts';

/**
 * The one way the proxy reads Metronome: every call of every route goes through `json()` (or
 * `stream()` for files), so each rule holds everywhere.
 *
 * - Cache keyed by the upstream request (which names the customer): `live` figures for
 *   CACHE_TTL_SECONDS, `reference` data longer. Past its TTL an answer is still served for as long
 *   again while one call refreshes it (stale-while-revalidate), and when Metronome fails an answer up
 *   to STALE_IF_ERROR_SECONDS old is served instead of the error (stale-if-error, `stale: true`).
 * - Coalescing: identical calls in flight at the same time become one (across instances, through the
 *   store's claim, when the store is Redis).
 * - Retries on network errors, timeouts, 429 and 5xx: at most 3 attempts, exponential backoff with full
 *   jitter, honouring Retry-After up to a cap (a longer one is not waited for: the browser gets 503 with it).
 * - A circuit breaker that fails fast for a few seconds once most calls are outages. A sampling
 *   breaker rather than a count of consecutive failures: with calls in parallel, a run of five
 *   failures is routine at a 10% error rate, and opening then would fail everyone for seconds.
 * - Bounded concurrency: per browser request and per instance.
 */

/**
 * How long an answer may be reused: `live` figures change by the minute, `reference` data rarely;
 * `briefly` is for answers only worth sharing between readers arriving together (a dashboard URL for
 * a customer whose sessions all load at once), never served stale; `never` for files.
 */
export type Reuse = 'live' | 'reference' | 'briefly' | 'never';

/** How long a `briefly` answer is shared. */
const BRIEFLY_MS = 10_000;

export interface UpstreamRead {
  method: 'GET' | 'POST';
  /** Path with its ids already encoded. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  reuse: Reuse;
}

export interface UpstreamOptions extends TransportOptions {
  now: () => Date;
  /** Default: an in-memory LRU. */
  cache?: CacheStore;
  /** Seconds `live` answers are fresh (usage, spend, invoices, balances). Defaults: UPSTREAM_DEFAULTS. */
  liveTtlSeconds?: number;
  /** Seconds `reference` answers are fresh (metrics, contracts, products, rates, customers). */
  referenceTtlSeconds?: number;
  /** How old an answer may be and still be served when Metronome fails. */
  staleIfErrorSeconds?: number;
  /** Metronome calls in flight at once from this instance. */
  concurrency?: number;
  /** Metronome calls in flight at once for one browser request. */
  requestConcurrency?: number;
  /** How long a shared fetch may take in all, retries included (the browser's own deadline is shorter or equal). */
  fetchDeadlineMs?: number;
  retry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number; retryAfterCapMs?: number };
  /**
   * Opens when more than `failureRatio` of the calls over `windowMs` were outages, given at least
   * `minimumRps` calls a second (a few unlucky calls in a quiet minute do not open it); stays open `openMs`.
   */
  circuit?: { failureRatio?: number; windowMs?: number; minimumRps?: number; openMs?: number };
  logger?: Logger;
}

/** The upstream layer's defaults, which the proxy's settings (config.ts) also start from. */
export const UPSTREAM_DEFAULTS = {
  /** Metronome's production API. */
  baseUrl: 'https://api.metronome.com',
  liveTtlSeconds: 30,
  referenceTtlSeconds: 300,
  staleIfErrorSeconds: 900,
  concurrency: 32,
  /** 90 days of hourly spend is 90 calls: 12 at once make it 8 rounds of Metronome's latency. */
  requestConcurrency: 12,
  timeoutMs: 10_000,
  deadlineMs: 15_000,
} as const;

/** Far above any legitimate request (a 92-day hourly spend is ~93 calls); stops a paging loop from running away. */
export const MAX_CALLS_PER_REQUEST = 400;

export type Upstream = ReturnType<typeof createUpstream>;

/** The cache key: method, path, sorted query and body. The customer is in the path or the body. */
export function cacheKey(read: Pick<UpstreamRead, 'method' | 'path' | 'query' | 'body'>): string {
  const query = new URLSearchParams(Object.entries(read.query ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toString();
  return `${read.method} ${read.path}?${query}${read.body === undefined ? '' : ` ${JSON.stringify(read.body)}`}`;
}

/** Resolves or rejects with `work`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createUpstream(options: UpstreamOptions) {
  const logger = options.logger ?? silentLogger;
  const cache = options.cache ?? createMemoryCache();
  const transport = createTransport(options);
  const liveMs = (options.liveTtlSeconds ?? UPSTREAM_DEFAULTS.liveTtlSeconds) * 1000;
  const referenceMs = (options.referenceTtlSeconds ?? UPSTREAM_DEFAULTS.referenceTtlSeconds) * 1000;
  const staleIfErrorMs = (options.staleIfErrorSeconds ?? UPSTREAM_DEFAULTS.staleIfErrorSeconds) * 1000;
  const fetchDeadlineMs = options.fetchDeadlineMs ?? UPSTREAM_DEFAULTS.deadlineMs;
  const retryAfterCapMs = options.retry?.retryAfterCapMs ?? 5_000;
  const circuitOpenMs = options.circuit?.openMs ?? 5_000;

  const retryable = handleWhen((err) => err instanceof UpstreamFailure && err.retryable && !(err.retryAfterMs !== undefined && err.retryAfterMs > retryAfterCapMs));
  const retries = retry(retryable, {
    maxAttempts: (options.retry?.maxAttempts ?? 3) - 1,
    backoff: new UpstreamBackoff({ initialDelayMs: options.retry?.initialDelayMs ?? 100, maxDelayMs: options.retry?.maxDelayMs ?? 2_000, retryAfterCapMs }),
  });
  // Only outages open the circuit: a 404 or 400 is Metronome working, and a 429 is answered by waiting.
  const breaker = circuitBreaker(handleWhen((err) => err instanceof UpstreamFailure && err.outage), {
    halfOpenAfter: circuitOpenMs,
    breaker: new SamplingBreaker({
      threshold: options.circuit?.failureRatio ?? 0.5,
      duration: options.circuit?.windowMs ?? 10_000,
      minimumRps: options.circuit?.minimumRps ?? 1,
    }),
  });
  const instanceLimit = bulkhead(options.concurrency ?? UPSTREAM_DEFAULTS.concurrency, 10_000);
  const requestLimits = new WeakMap<UpstreamScope, BulkheadPolicy>();
  const requestConcurrency = options.requestConcurrency ?? UPSTREAM_DEFAULTS.requestConcurrency;
  const callCounts = new WeakMap<UpstreamScope, number>();
  const inFlight = new Map<string, Promise<CachedAnswer>>();

  const ttlOf = (reuse: Reuse) => ({ live: liveMs, reference: referenceMs, briefly: BRIEFLY_MS, never: 0 })[reuse];
  /** How long past its TTL an answer may still be served, refreshed behind it or after a failure. */
  const servesStale = (reuse: Reuse) => reuse === 'live' || reuse === 'reference';

  /**
   * `attempt` with retries, inside the circuit breaker and the instance's concurrency bound. Every
   * failed attempt is logged (never with the token or the body, which could echo it).
   */
  async function guarded<T>(read: UpstreamRead, requestId: string | undefined, attempt: () => Promise<T>): Promise<T> {
    try {
      return await instanceLimit.execute(() =>
        retries.execute(({ attempt: retry }) =>
          breaker.execute(async () => {
            const started = Date.now();
            try {
              return await attempt();
            } catch (err) {
              if (err instanceof ProxyError && err.status >= 500) {
                const upstreamStatus = err instanceof UpstreamFailure ? err.upstreamStatus : err.code;
                logger.warn({ request_id: requestId, upstream: `${read.method} ${read.path}`, attempt: retry + 1, upstreamStatus, ms: Date.now() - started }, 'Metronome call failed');
              }
              throw err;
            }
          }),
        ),
      );
    } catch (err) {
      if (err instanceof BrokenCircuitError) throw circuitOpen(Math.ceil(circuitOpenMs / 1000));
      if (err instanceof BulkheadRejectedError) throw proxyBusy();
      throw err;
    }
  }

  /** One JSON call, parsed, with its size as received. */
  const call = (read: UpstreamRead, signal: AbortSignal, requestId: string | undefined) =>
    guarded(read, requestId, async () => {
      const text = await transport.text(read, 'application/json', signal);
      try {
        return { value: JSON.parse(text) as unknown, size: text.length };
      } catch {
        throw upstreamInvalid();
      }
    });

  /**
   * The fetch every concurrent reader of `key` shares: claimed across instances, run under its own
   * deadline (no single browser's abort cancels it for the others), stored when it succeeds.
   */
  async function sharedFetch(key: string, read: UpstreamRead, known: CachedAnswer | undefined, requestId: string | undefined): Promise<CachedAnswer> {
    // Its own deadline, failing as the browser's does (a 504), for readers who joined it later than its start.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(deadlinePassed()), fetchDeadlineMs);
    const signal = deadline.signal;
    const keepMs = servesStale(read.reuse) ? Math.max(2 * ttlOf(read.reuse), staleIfErrorMs) : ttlOf(read.reuse);
    const newer = async () => {
      const latest = await cache.get(key);
      return latest && (!known || latest.fetchedAt > known.fetchedAt) ? latest : undefined;
    };
    let claimed = false;
    try {
      claimed = await cache.claim(key, fetchDeadlineMs);
      // Another instance is fetching: wait for its answer rather than call Metronome again.
      while (!claimed && !signal.aborted) {
        await sleep(25);
        const answer = await newer();
        if (answer) return answer;
        if (!(await cache.isClaimed(key))) claimed = await cache.claim(key, fetchDeadlineMs);
      }
      // The holder may have stored its answer and let go between our last look and our claim.
      const stored = claimed && read.reuse !== 'never' ? await newer() : undefined;
      if (stored) return stored;
      const { value, size } = await call(read, signal, requestId);
      const answer: CachedAnswer = { value, fetchedAt: options.now().getTime() };
      if (read.reuse !== 'never') await cache.set(key, answer, size, keepMs);
      return answer;
    } finally {
      clearTimeout(timer);
      if (claimed) await cache.release(key);
    }
  }

  /** One fetch of `key` per instance at a time; later readers join the one in flight. */
  function coalesced(key: string, read: UpstreamRead, known: CachedAnswer | undefined, requestId: string | undefined): Promise<CachedAnswer> {
    let flight = inFlight.get(key);
    if (!flight) {
      flight = sharedFetch(key, read, known, requestId).finally(() => inFlight.delete(key));
      inFlight.set(key, flight);
    }
    return flight;
  }

  function requestLimit(scope: UpstreamScope): BulkheadPolicy {
    let limit = requestLimits.get(scope);
    if (!limit) requestLimits.set(scope, (limit = bulkhead(requestConcurrency, Number.MAX_SAFE_INTEGER)));
    return limit;
  }

  function countCall(scope: UpstreamScope) {
    const count = (callCounts.get(scope) ?? 0) + 1;
    callCounts.set(scope, count);
    if (count > MAX_CALLS_PER_REQUEST) throw tooManyCalls(MAX_CALLS_PER_REQUEST);
  }

  return {
    /** A JSON read, from the cache when it may be. */
    async json<T>(read: UpstreamRead, scope: UpstreamScope): Promise<T> {
      const key = cacheKey(read);
      const known = read.reuse === 'never' ? undefined : await cache.get(key);
      const age = known ? options.now().getTime() - known.fetchedAt : Infinity;
      const ttl = ttlOf(read.reuse);
      if (known && age < ttl) {
        scope.noteAnswer(known.fetchedAt, false, known.fetchedAt + ttl);
        return known.value as T;
      }
      if (known && age < 2 * ttl && servesStale(read.reuse)) {
        // Stale-while-revalidate: this reader gets the answer at once, one call refreshes it.
        coalesced(key, read, known, scope.requestId).catch(() => undefined);
        scope.noteAnswer(known.fetchedAt, false, 0);
        return known.value as T;
      }
      countCall(scope);
      try {
        const fresh = await requestLimit(scope).execute(() => untilAborted(coalesced(key, read, known, scope.requestId), scope.signal));
        scope.noteAnswer(fresh.fetchedAt, false, fresh.fetchedAt + ttl);
        return fresh.value as T;
      } catch (err) {
        const failedUpstream = err instanceof UpstreamFailure || (err instanceof ProxyError && err.status >= 500);
        if (known && age < staleIfErrorMs && failedUpstream && servesStale(read.reuse)) {
          logger.warn({ request_id: scope.requestId, upstream: `${read.method} ${read.path}`, ageSeconds: Math.round(age / 1000) }, 'Metronome failed; serving its last answer');
          scope.noteAnswer(known.fetchedAt, true, 0);
          return known.value as T;
        }
        throw err;
      }
    },

    /**
     * A file as a stream, never cached. The timeout covers the wait for the answer's headers only: a slow
     * download is the browser's to cancel (its abort reaches the scope).
     */
    async stream(read: UpstreamRead, accept: string, scope: UpstreamScope): Promise<Response> {
      countCall(scope);
      return requestLimit(scope).execute(() => untilAborted(guarded(read, scope.requestId, () => transport.response(read, accept, scope.signal)), scope.signal));
    },
  };
}
