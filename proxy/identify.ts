import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { unauthorized } from './errors.ts';
import { isCustomerId, type SessionVariables } from './session.ts';

/**
 * Who an /api request is for. The proxy asks one `identify` function, given the request's Hono
 * context, for the Metronome customer whose figures it may show: the host's own session (a cookie, a
 * header, `c.env.incoming.session` under Express) or the proxy's bearer session tokens
 * (`bearerSession` in session.ts). No route ever learns the customer any other way.
 */

/** What `identify` tells about a request it recognises. */
export interface Identity {
  /** The Metronome customer id (a UUID). */
  customerId: string;
  /**
   * Names the session (or the user) for the per-session rate limit; requests without one are counted
   * per customer. Used as given, as a key of the limiter's store (Redis with REDIS_URL): a user id or a
   * hash of a session id, never a secret such as the session id itself.
   */
  sessionKey?: string;
}

/**
 * The customer id (or an Identity) for the request, or null (or undefined) for a request that belongs
 * to no signed-in customer: 401. May be async. What it throws is answered as it would be from a route:
 * the proxy's own errors (a 401 of `bearerSession`) keep their status, anything else is a 500, logged
 * with its stack and never shown to the browser.
 */
export type Identify<C extends Context = Context> = (c: C) => string | Identity | null | undefined | Promise<string | Identity | null | undefined>;

/** Describes a wrong answer of `identify` for the log, without repeating it (it may be an email, a name). */
function describeAnswer(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} characters that is not a UUID`;
  if (value === null || typeof value !== 'object') return `a ${typeof value}`;
  return `an object whose customerId is ${typeof (value as Identity).customerId === 'string' ? describeAnswer((value as Identity).customerId) : `a ${typeof (value as Identity).customerId}`}`;
}

/**
 * Puts `identify`'s customer on `c.var.customerId` (lower-cased) and the rate limit's key on
 * `c.var.sessionKey`: the Identity's `sessionKey`, else `customer:<id>`. An answer that is not a
 * Metronome customer id is the host's bug, a 500 logged as such: the browser learns nothing of it.
 */
export const identifyCustomer = (identify: Identify) =>
  createMiddleware<{ Variables: SessionVariables }>(async (c, next) => {
    const answer = await identify(c);
    if (answer === null || answer === undefined) throw unauthorized('This request belongs to no signed-in customer.');
    const identity: Identity = typeof answer === 'string' ? { customerId: answer } : answer;
    if (typeof identity !== 'object' || !isCustomerId(identity.customerId)) {
      throw new TypeError(`identify must return a Metronome customer id (a UUID), an object with one as customerId, or null; it returned ${describeAnswer(answer)}.`);
    }
    const { sessionKey } = identity;
    if (sessionKey !== undefined && !(typeof sessionKey === 'string' && sessionKey.length > 0)) {
      throw new TypeError(`identify returned a sessionKey that is ${typeof sessionKey === 'string' ? 'empty' : `a ${typeof sessionKey}`}; it must be a non-empty string, or left out.`);
    }
    const customerId = identity.customerId.toLowerCase();
    c.set('customerId', customerId);
    c.set('sessionKey', sessionKey ?? `customer:${customerId}`);
    await next();
  });
