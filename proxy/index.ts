/** What host backends import: the app factory, the Metronome client, session tokens and the rate limiter (Node). */
export { createApp, type AppDeps } from './app.ts';
export { createMetronome, type MetronomeOptions } from './metronome/client.ts';
export { createRateLimiter, type RateLimiterOptions } from './rate-limit.ts';
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
