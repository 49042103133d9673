/** What host backends import: the app factory, the Metronome client and the session-token helper. */
export { createApp, type AppDeps } from './app.ts';
export { createMetronome, type MetronomeOptions } from './metronome/client.ts';
export { createSessionToken, verifySessionToken } from './session.ts';
