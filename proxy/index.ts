/** What host backends import: the app factory, the Metronome client and session tokens. */
export { createApp, type AppDeps } from './app.ts';
export { createMetronome, type MetronomeOptions } from './metronome/client.ts';
export {
  createSessionToken,
  createSessionVerifier,
  DEFAULT_SESSION_MAX_TTL_SECONDS,
  type Session,
  type SessionVerifier,
  type SessionVerifierOptions,
} from './session.ts';
