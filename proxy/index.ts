/**
 * What host backends import: the app factory, the Metronome client and its caches, session tokens, and
 * (Node) the rate limiter and the shared Redis client.
 */
export { createApp, type AppDeps } from './app.ts';
export type { Logger } from './log.ts';
export { createMemoryCache, type CacheStore, type MemoryCacheOptions } from './metronome/cache.ts';
export { createMetronome, type MetronomeOptions } from './metronome/client.ts';
export { createRedisCache } from './metronome/redis-cache.ts';
export { UPSTREAM_DEFAULTS } from './metronome/upstream.ts';
export { createRateLimiter, type RateLimiterOptions } from './rate-limit.ts';
export { connectRedis } from './redis.ts';
export {
  createSessionToken,
  createSessionVerifier,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_SESSION_MAX_TTL_SECONDS,
  type RateLimiter,
  type Session,
  type SessionVerifier,
  type SessionVerifierOptions,
} from './session.ts';
