/**
 * `metronome-widgets/proxy`: what host backends import, on any runtime with fetch and WebCrypto (Node,
 * Bun, Deno, Workers, a Next.js route handler): createProxy, or createApp with its parts (the
 * Metronome client and its memory cache, session tokens). Nothing here loads Node's modules or a
 * Node-only package; the Redis client, the Redis cache and the rate limiter are in `./node.ts`.
 */
export { createApp, type AppDeps } from './app.ts';
export { createProxy, type MetronomeConnection, type ProxyOptions } from './create-proxy.ts';
export type { Identify, Identity } from './identify.ts';
export type { Logger } from './log.ts';
export { createMemoryCache, type CachedAnswer, type CacheStore, type MemoryCacheOptions } from './metronome/cache.ts';
export { createMetronome, type Metronome, type MetronomeOptions } from './metronome/client.ts';
export { UPSTREAM_DEFAULTS } from './metronome/upstream.ts';
export type { ReadinessCheck } from './routes/health.ts';
export {
  bearerSession,
  createSessionToken,
  createSessionVerifier,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_SESSION_MAX_TTL_SECONDS,
  type BearerSessionOptions,
  type RateLimiter,
  type Session,
  type SessionVerifier,
  type SessionVerifierOptions,
} from './session.ts';
