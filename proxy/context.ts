import type { Context } from 'hono';
import type { Freshness } from '../contract/index.ts';
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
  };
};

/** A route's JSON answer with the `as_of` and `stale` of the Metronome figures behind it. */
export function answer<T extends object>(c: Context<ApiEnv>, body: T) {
  const withFreshness: T & Freshness = { ...body, ...c.var.upstream.freshness() };
  return c.json(withFreshness);
}
