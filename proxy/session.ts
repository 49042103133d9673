import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { base64url, errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { ProxyError, unauthorized } from './errors.ts';
import type { Logger } from './log.ts';

/** The longest a session may last (`exp − iat`) unless SESSION_MAX_TTL_SECONDS says otherwise: one day. */
export const DEFAULT_SESSION_MAX_TTL_SECONDS = 86_400;
/** How far ahead of the proxy's clock a minting host's clock may run (`nbf`, `iat`). */
export const CLOCK_SKEW_SECONDS = 60;

/** Metronome customer ids are UUIDs; anything else in `sub` was not minted for a Metronome customer. */
const CUSTOMER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isCustomerId = (value: unknown): value is string => typeof value === 'string' && CUSTOMER_ID.test(value);
const HS256 = { name: 'HMAC', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();

/** Mint a session token for one Metronome customer. Host backends call this after they authenticate their user. */
export async function createSessionToken(options: {
  customerId: string;
  secret: string;
  ttlSeconds: number;
  /** The proxy's SESSION_MAX_TTL_SECONDS: a longer-lived token would be refused, so it is not minted. */
  maxTtlSeconds?: number;
  now?: () => Date;
}): Promise<string> {
  const { customerId, secret, ttlSeconds, maxTtlSeconds = DEFAULT_SESSION_MAX_TTL_SECONDS } = options;
  if (!CUSTOMER_ID.test(customerId)) throw new TypeError(`createSessionToken: customerId must be a Metronome customer id (a UUID), got "${customerId}"`);
  if (!secret) throw new TypeError('createSessionToken: secret is required');
  if (!(Number.isFinite(ttlSeconds) && ttlSeconds > 0)) throw new TypeError('createSessionToken: ttlSeconds must be a positive number');
  if (Math.round(ttlSeconds) > maxTtlSeconds) {
    throw new RangeError(`createSessionToken: ttlSeconds must be at most ${maxTtlSeconds}, the longest session the proxy accepts`);
  }
  const iat = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  return new SignJWT({ sub: customerId.toLowerCase() })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.round(ttlSeconds))
    .sign(encoder.encode(secret));
}

export interface SessionVerifierOptions {
  /** HS256 secret that session tokens are signed with (SESSION_SECRET). */
  secret: string;
  /** The secret before the last rotation (SESSION_SECRET_PREVIOUS): its tokens verify until they expire. */
  previousSecret?: string;
  /** Longest accepted lifetime `exp − iat`, in seconds (SESSION_MAX_TTL_SECONDS); one day by default. */
  maxTtlSeconds?: number;
  now: () => Date;
}

export interface Session {
  /** The Metronome customer the token was minted for (`sub`, lower-cased). */
  customerId: string;
  /** SHA-256 of the whole token (base64url): names this session, e.g. to rate-limit it, without holding the token. */
  key: string;
}

export interface SessionVerifier {
  /** The session a token stands for, or a 401 ProxyError saying what is wrong with it. */
  verify(token: string): Promise<Session>;
}

/**
 * Verifies session tokens: HS256 only (so `alg: none` and algorithm swaps fail), signed with the current
 * or the previous secret, a JSON object with a customer id in `sub`, an `iat` and an `exp` no more than
 * `maxTtlSeconds` apart, `exp` in the future and `nbf` / `iat` no further ahead than the clock skew.
 * Each secret becomes a WebCrypto key once, here, not per request.
 */
export function createSessionVerifier(options: SessionVerifierOptions): SessionVerifier {
  const { secret, previousSecret, maxTtlSeconds = DEFAULT_SESSION_MAX_TTL_SECONDS, now } = options;
  if (!secret) throw new TypeError('createSessionVerifier: secret is required');
  if (!(Number.isInteger(maxTtlSeconds) && maxTtlSeconds > 0)) throw new TypeError('createSessionVerifier: maxTtlSeconds must be a positive whole number');
  const keys = [secret, ...(previousSecret ? [previousSecret] : [])].map(importVerifyKey);
  // A browser sends the same token with every request of its session: its signature and claims are
  // checked once, and only what time changes (expiry, not-before) again on each later request.
  const verified = new LRUCache<string, { customerId: string; key: string; exp: number; notBefore: number }>({ max: 10_000 });

  async function verifiedClaims(token: string): Promise<Record<string, unknown>> {
    const at = now();
    for (const [index, key] of keys.entries()) {
      try {
        const { payload } = await jwtVerify(token, await key, {
          algorithms: ['HS256'],
          currentDate: at,
          clockTolerance: CLOCK_SKEW_SECONDS,
          // With maxTokenAge jose also refuses an `iat` further ahead than the tolerance.
          maxTokenAge: maxTtlSeconds,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        return payload;
      } catch (err) {
        // A signature that fails under the current secret may still be good under the previous one.
        if (err instanceof errors.JWSSignatureVerificationFailed && index < keys.length - 1) continue;
        throw unauthorized(refusal(err, maxTtlSeconds));
      }
    }
    throw unauthorized('The session token is not signed with this proxy\'s secret.');
  }

  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        const t = now().getTime();
        if (known.exp * 1000 <= t) throw unauthorized('The session token has expired.');
        if (known.notBefore * 1000 <= t + CLOCK_SKEW_SECONDS * 1000) return { customerId: known.customerId, key: known.key };
      }
      const claims = await verifiedClaims(token);
      const { exp, iat, sub } = claims as { exp: number; iat: number; sub: unknown };
      // jose accepts `exp: 1e400` (Infinity) and allows the clock skew on `exp` too; a session does neither.
      if (!Number.isFinite(exp) || !Number.isFinite(iat)) throw unauthorized('The session token\'s exp and iat must be finite times.');
      if (exp * 1000 <= now().getTime()) throw unauthorized('The session token has expired.');
      if (exp - iat > maxTtlSeconds) throw unauthorized(`The session token lives longer (exp − iat) than the ${maxTtlSeconds} seconds this proxy allows.`);
      if (typeof sub !== 'string' || !CUSTOMER_ID.test(sub)) throw unauthorized('The session token\'s sub is not a Metronome customer id (a UUID).');
      const session = { customerId: sub.toLowerCase(), key: await sessionKey(token) };
      const nbf = typeof claims.nbf === 'number' ? claims.nbf : -Infinity;
      verified.set(token, { ...session, exp, notBefore: Math.max(iat, nbf) });
      return session;
    },
  };
}

function importVerifyKey(secret: string): Promise<CryptoKey> {
  const key = crypto.subtle.importKey('raw', encoder.encode(secret), HS256, false, ['verify']);
  key.catch(() => undefined); // surfaced by the first verify, not as an unhandled rejection at build time
  return key;
}

async function sessionKey(token: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token))));
}

/** What to tell the browser about a token jose refused: specific enough to fix the minting code. */
function refusal(err: unknown, maxTtlSeconds: number): string {
  if (err instanceof errors.JOSEAlgNotAllowed) return 'The session token must be signed with HS256.';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'The session token is not signed with this proxy\'s secret.';
  if (err instanceof errors.JWTInvalid) return 'The session token\'s payload is not a JSON object.';
  if (err instanceof errors.JWTExpired) {
    return err.claim === 'iat' ? `The session token was issued more than ${maxTtlSeconds} seconds ago, longer than any session may last.` : 'The session token has expired.';
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') {
      if (err.claim === 'exp') return 'The session token has no expiry (exp).';
      if (err.claim === 'iat') return 'The session token has no issue time (iat), so its lifetime cannot be known.';
      return 'The session token names no customer (sub).';
    }
    if (err.claim === 'nbf') return 'The session token is not valid yet (nbf is in the future).';
    if (err.claim === 'iat' && err.reason === 'check_failed') return 'The session token was issued in the future (iat).';
    return `The session token's ${err.claim} is not a number of seconds.`;
  }
  return 'The session token is malformed.';
}

/** bearerSession's options: the verifier's (secrets, longest lifetime), the clock optional. */
export interface BearerSessionOptions extends Omit<SessionVerifierOptions, 'now'> {
  /** The proxy's clock; the real one by default. */
  now?: () => Date;
}

/**
 * The proxy's own sessions as an `identify` strategy (identify.ts): `Authorization: Bearer <token>`, a
 * JWT the host backend minted with createSessionToken, checked by createSessionVerifier. Its customer
 * is `sub`; its rate-limit key a SHA-256 hash of the token, so each token (each widget page) has its
 * own limit. Refusals are 401s saying which rule failed.
 */
export function bearerSession(options: BearerSessionOptions): (c: Context) => Promise<{ customerId: string; sessionKey: string }> {
  const verifier = createSessionVerifier({ ...options, now: options.now ?? (() => new Date()) });
  return async (c) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) throw unauthorized('Send a session token as "Authorization: Bearer <token>".');
    const session = await verifier.verify(match[1]!);
    return { customerId: session.customerId, sessionKey: session.key };
  };
}

/** What identify.ts puts on every /api request's context: the customer, and the key its rate limit counts under. */
export type SessionVariables = { customerId: string; sessionKey: string };

/** How many requests one session may make; `server.ts` builds one with `createRateLimiter` (Node only). */
export interface RateLimiter {
  /** Counts one request of the session `key`; refuses it, saying when to retry, once the session is over its limit. */
  consume(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

/** RATE_LIMIT_PER_MINUTE's default: requests to /api one session may make a minute. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 120;

/**
 * Answers 429 with `Retry-After` to a session over its limit; sessions are counted apart, so one
 * session's flood does not slow another's. A limiter that fails lets the request through with a
 * warning: the limit spares Metronome a flood, it does not guard any data (the session check did that),
 * so its store being down should not take the billing pages down with it.
 */
export const limitSessionRate = (limiter: RateLimiter, logger: Logger) =>
  createMiddleware<{ Variables: SessionVariables & { requestId: string } }>(async (c, next) => {
    let verdict: Awaited<ReturnType<RateLimiter['consume']>>;
    try {
      verdict = await limiter.consume(c.var.sessionKey);
    } catch (err) {
      logger.warn({ requestId: c.var.requestId, err }, 'rate limiter failed; request let through');
      verdict = { allowed: true };
    }
    if (!verdict.allowed) {
      throw new ProxyError(429, 'rate_limited', `This session made too many requests; try again in ${verdict.retryAfterSeconds} s.`, verdict.retryAfterSeconds);
    }
    await next();
  });
