/**
 * `metronome-widgets/proxy/node`: everything `./index.ts` exports, plus what needs Node (ioredis and
 * rate-limiter-flexible are CommonJS packages Workers cannot load): the Redis client that several
 * instances share, the cache of Metronome's answers in it, and the per-session rate limiter.
 */
export * from './index.ts';
export { createRedisCache } from './metronome/redis-cache.ts';
export { createRateLimiter, type RateLimiterOptions } from './rate-limit.ts';
export { connectRedis } from './redis.ts';
