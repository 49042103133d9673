import type { CustomerMetronome } from './metronome/client.ts';
import type { UpstreamScope } from './metronome/scope.ts';

/** What the session and upstream middleware put on every `/api` request's context. */
export type ApiEnv = {
  Variables: {
    /** The session's Metronome customer: the only customer any route may ask about. */
    customerId: string;
    /** Metronome, bound to that customer and to this request's deadline. */
    metronome: CustomerMetronome;
    upstream: UpstreamScope;
    requestId: string;
    /** Set by `answer()` when the answer may be given again as it is, and until when (answers.ts). */
    reusable?: { text: string; until: number };
  };
};
