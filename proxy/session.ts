import { createMiddleware } from 'hono/factory';
import { sign, verify } from 'hono/jwt';
import { unauthorized } from './errors.ts';

/** Mint a session token for one Metronome customer. Host backends call this after they authenticate their user. */
export async function createSessionToken(options: {
  customerId: string;
  secret: string;
  ttlSeconds: number;
  now?: () => Date;
}): Promise<string> {
  const { customerId, secret, ttlSeconds } = options;
  if (!customerId) throw new TypeError('createSessionToken: customerId is required');
  if (!secret) throw new TypeError('createSessionToken: secret is required');
  if (!(Number.isFinite(ttlSeconds) && ttlSeconds > 0)) throw new TypeError('createSessionToken: ttlSeconds must be a positive number');
  const iat = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  return sign({ sub: customerId, iat, exp: iat + Math.round(ttlSeconds) }, secret, 'HS256');
}

/**
 * Returns the customer id a session token was issued for, or throws a 401.
 * Only HS256 is accepted (so `alg: none` and algorithm swaps fail), and `exp` is required and
 * checked against the injected clock rather than the wall clock.
 */
export async function verifySessionToken(token: string, secret: string, now: () => Date): Promise<string> {
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, secret, { alg: 'HS256', exp: false, nbf: false, iat: false });
  } catch {
    throw unauthorized('The session token is invalid.');
  }
  if (typeof payload.exp !== 'number') throw unauthorized('The session token has no expiry.');
  if (payload.exp * 1000 <= now().getTime()) throw unauthorized('The session token has expired.');
  if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthorized('The session token names no customer.');
  return payload.sub;
}

export type SessionVariables = { customerId: string };

/** Puts the session's customer id on `c.var.customerId`; the only place any route learns the customer. */
export const requireSession = (secret: string, now: () => Date) =>
  createMiddleware<{ Variables: SessionVariables }>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('Send a session token as "Authorization: Bearer <token>".');
    c.set('customerId', await verifySessionToken(match[1]!, secret, now));
    await next();
  });
