/**
 * Node only (rate-limiter-flexible and ioredis are CommonJS): app.ts never imports this file; it takes
 * the limiter by the RateLimiter interface of session.ts, and server.ts builds it here.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { silentLogger, type Logger } from './log.ts';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, type RateLimiter } from './session.ts';

export interface RateLimiterOptions {
  /** Requests one session may make per window (RATE_LIMIT_PER_MINUTE); 120 by default. */
  perMinute?: number;
  /**
   * A connected ioredis client (not `lazyConnect`) shared by every proxy instance, so that N instances
   * hold one limit between them. Without it, each instance counts in its own memory. Not closed here.
   */
  redis?: Redis;
  /** Told once when Redis fails and the limit falls back to this instance's memory, and when Redis is back. */
  logger?: Logger;
  /** How long Redis may take to count a request before this instance's memory counts it instead; 500 ms. */
  redisTimeoutMs?: number;
  /** The window the limit counts over, in whole seconds; 60 (a minute) but for tests. */
  windowSeconds?: number;
}

const KEY_PREFIX = 'metronome-proxy:session-rate';

/**
 * A per-session limit on rate-limiter-flexible: a fixed window of `windowSeconds`, in Redis when given
 * (one Lua call a request), else in memory.
 *
 * When Redis fails (down, not yet connected, slower than `redisTimeoutMs`), requests are counted in
 * this instance's memory instead, with one warning: the limit then holds per instance (N instances let
 * a session make up to N times the limit) rather than refusing every request or none. It protects
 * Metronome from a flood; it guards no data, so a Redis outage should neither take the billing pages
 * down nor lift the limit altogether.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const { perMinute = DEFAULT_RATE_LIMIT_PER_MINUTE, redis, logger = silentLogger, redisTimeoutMs = 500, windowSeconds = 60 } = options;
  if (!(Number.isInteger(perMinute) && perMinute > 0)) throw new TypeError('createRateLimiter: perMinute must be a positive whole number');
  if (!(Number.isInteger(windowSeconds) && windowSeconds > 0)) throw new TypeError('createRateLimiter: windowSeconds must be a positive whole number');
  const limits = { points: perMinute, duration: windowSeconds, keyPrefix: KEY_PREFIX };
  const local = new RateLimiterMemory(limits);
  if (!redis) return { consume: (key) => verdict(local.consume(key)) };

  const shared = new RateLimiterRedis({
    ...limits,
    storeClient: redis,
    // While Redis is not connected, fail at once (to the memory limit) instead of queueing behind the reconnect.
    rejectIfRedisNotReady: true,
    // A session already over its limit is refused from memory until its window ends, sparing Redis the flood.
    inMemoryBlockOnConsumed: perMinute + 1,
  });
  let degraded = false;
  return {
    async consume(key) {
      try {
        const answer = await verdict(withTimeout(shared.consume(key), redisTimeoutMs));
        if (degraded) logger.info({}, 'rate limits are shared through Redis again');
        degraded = false;
        return answer;
      } catch (err) {
        if (!degraded) logger.warn({ err }, 'Redis failed; counting rate limits in this instance\'s memory until it answers');
        degraded = true;
        return verdict(local.consume(key));
      }
    },
  };
}

/** rate-limiter-flexible resolves under the limit and rejects with a RateLimiterRes over it; anything else is a failure. */
async function verdict(consumed: ReturnType<RateLimiterAbstract['consume']>): ReturnType<RateLimiter['consume']> {
  try {
    await consumed;
    return { allowed: true };
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
