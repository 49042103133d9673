import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import fc from 'fast-check';
import { CompactSign } from 'jose';
import { ACME_ID, GLOBEX_ID, METRIC_IDS, SIMULATOR_CUSTOMERS } from '../simulator/index.ts';
import type { Logger } from './log.ts';
import { createSessionToken, createSessionVerifier, type RateLimiter } from './session.ts';
import { NOW, SECRET, sessionFor, testApp } from './test/harness.ts';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const usagePath = `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-11-20&ending_before=2026-11-22`;
/** Under /api but no route: whatever answers other than 404 is the session check (or the rate limit). */
const sessionOnlyPath = '/api/no-such-route';
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const PREVIOUS_SECRET = 'the-secret-before-the-last-rotation-32+';
const OTHER_SECRET = 'a-secret-this-proxy-never-had-32-chars+';

/** Signs any payload text at all (null, 1e400, an array), which jose's SignJWT would refuse to build. */
function signText(payload: string, { secret = SECRET, alg = 'HS256' } = {}) {
  return new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

/** A good session's claims with some changed; `undefined` removes a claim. */
function claims(changes: Record<string, unknown> = {}) {
  const all: Record<string, unknown> = { sub: ACME_ID, iat: nowSeconds, exp: nowSeconds + 600, ...changes };
  return JSON.stringify(Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)));
}

async function answer(app: ReturnType<typeof testApp>, token: string | undefined, path = usagePath) {
  const response = await app.request(path, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error: { code: string; message: string } } };
}

describe('session tokens', () => {
  it('accepts a token minted by createSessionToken and yields its customer', async () => {
    const token = await sessionFor(ACME_ID);
    const session = await createSessionVerifier({ secret: SECRET, now: () => NOW }).verify(token);
    assert.equal(session.customerId, ACME_ID);
  });

  it('rejects a token once its ttl has passed, with no clock skew on exp', async () => {
    const token = await createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 60, now: () => NOW });
    const later = () => new Date(NOW.getTime() + 61_000);
    await assert.rejects(createSessionVerifier({ secret: SECRET, now: later }).verify(token), { status: 401, message: 'The session token has expired.' });
  });

  it('refuses to mint a token without a secret, a positive ttl, a ttl within the maximum or a customer id', async () => {
    await assert.rejects(createSessionToken({ customerId: ACME_ID, secret: '', ttlSeconds: 60 }), /secret is required/);
    await assert.rejects(createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 0 }), /ttlSeconds/);
    await assert.rejects(createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 86_401 }), /ttlSeconds must be at most 86400/);
    await assert.rejects(createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 601, maxTtlSeconds: 600 }), /at most 600/);
    await assert.rejects(createSessionToken({ customerId: 'acme', secret: SECRET, ttlSeconds: 60 }), /customerId must be a Metronome customer id/);
  });

  it('names a session by a hash of its token, never the token or its signature', async () => {
    const token = await sessionFor(ACME_ID);
    const verifier = createSessionVerifier({ secret: SECRET, now: () => NOW });
    const { key } = await verifier.verify(token);
    assert.equal((await verifier.verify(token)).key, key);
    assert.notEqual((await verifier.verify(await sessionFor(ACME_ID, 300))).key, key);
    assert.match(key, /^[\w-]{43}$/);
    assert.ok(!token.includes(key) && !key.includes(token.split('.')[2]!));
  });

  it('imports each secret as a key once, when the app is built, not per request', async () => {
    // Signing imports a key too, so every token is signed before counting.
    const tokens = await Promise.all([sessionFor(ACME_ID), sessionFor(GLOBEX_ID), signText(claims(), { secret: PREVIOUS_SECRET })]);
    const importKey = mock.method(crypto.subtle, 'importKey');
    try {
      const app = testApp({ previousSessionSecret: PREVIOUS_SECRET });
      assert.equal(importKey.mock.callCount(), 2);
      for (let i = 0; i < 60; i++) assert.equal((await answer(app, tokens[i % 3], sessionOnlyPath)).status, 404);
      assert.equal(importKey.mock.callCount(), 2);
    } finally {
      importKey.mock.restore();
    }
  });
});

describe('every /api route requires a valid session', () => {
  const cases: Array<[string, () => Promise<string | undefined> | string | undefined, RegExp]> = [
    ['no Authorization header', () => undefined, /Authorization: Bearer/],
    ['a malformed token', () => 'not-a-jwt', /malformed/],
    ['an unsigned alg:none token', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(JSON.parse(claims()))}.`, /must be signed with HS256/],
    ['a token signed with HS512', () => signText(claims(), { alg: 'HS512' }), /must be signed with HS256/],
    ['a token signed with another secret', () => signText(claims(), { secret: OTHER_SECRET }), /not signed with this proxy's secret/],
    ['a payload of null', () => signText('null'), /payload is not a JSON object/],
    ['a payload that is a number', () => signText('42'), /payload is not a JSON object/],
    ['a payload that is an array', () => signText(`[${claims()}]`), /payload is not a JSON object/],
    ['a payload that is not JSON', () => signText('{"sub":'), /payload is not a JSON object/],
    ['an expired token', () => signText(claims({ iat: nowSeconds - 600, exp: nowSeconds - 1 })), /has expired/],
    ['a token without exp', () => signText(claims({ exp: undefined })), /no expiry \(exp\)/],
    ['an exp that is a string', () => signText(claims({ exp: String(nowSeconds + 600) })), /exp is not a number/],
    ['an exp of 1e400 (Infinity, which would never expire)', () => signText(claims().replace(/"exp":\d+/, '"exp":1e400')), /must be finite times/],
    ['an nbf beyond the clock skew', () => signText(claims({ nbf: nowSeconds + 61 })), /not valid yet \(nbf is in the future\)/],
    ['an iat beyond the clock skew', () => signText(claims({ iat: nowSeconds + 120, exp: nowSeconds + 600 })), /issued in the future \(iat\)/],
    ['a token without iat', () => signText(claims({ iat: undefined })), /no issue time \(iat\), so its lifetime cannot be known/],
    ['a lifetime exp − iat over the maximum', () => signText(claims({ exp: nowSeconds + 86_401 })), /lives longer \(exp − iat\) than the 86400 seconds/],
    ['an iat further back than any session lasts', () => signText(claims({ iat: nowSeconds - 90_000 })), /issued more than 86400 seconds ago/],
    ['a token without sub', () => signText(claims({ sub: undefined })), /names no customer \(sub\)/],
    ['a sub that is not a UUID', () => signText(claims({ sub: 'acme' })), /sub is not a Metronome customer id \(a UUID\)/],
    ['a sub that is a number', () => signText(claims({ sub: 42 })), /sub is not a Metronome customer id/],
  ];
  for (const [name, token, message] of cases) {
    it(`answers 401 with a JSON error for ${name}`, async () => {
      const { status, body } = await answer(testApp(), await token());
      assert.equal(status, 401);
      assert.equal(body.error.code, 'unauthorized');
      assert.match(body.error.message, message);
    });
  }

  it('answers 401 for a scheme other than Bearer', async () => {
    const response = await testApp().request(usagePath, { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    assert.equal(response.status, 401);
  });

  it('allows a minting clock up to 60 s ahead in nbf and iat', async () => {
    const app = testApp();
    assert.equal((await answer(app, await signText(claims({ nbf: nowSeconds + 60 })), sessionOnlyPath)).status, 404);
    assert.equal((await answer(app, await signText(claims({ iat: nowSeconds + 60 })), sessionOnlyPath)).status, 404);
  });

  it('honours a shorter SESSION_MAX_TTL_SECONDS', async () => {
    const app = testApp({ sessionMaxTtlSeconds: 600 });
    assert.equal((await answer(app, await signText(claims({ exp: nowSeconds + 600 })), sessionOnlyPath)).status, 404);
    const { status, body } = await answer(app, await signText(claims({ exp: nowSeconds + 601 })), sessionOnlyPath);
    assert.equal(status, 401);
    assert.match(body.error.message, /than the 600 seconds/);
  });

  it('accepts tokens signed with the previous secret until they expire, and no third secret', async () => {
    const app = testApp({ previousSessionSecret: PREVIOUS_SECRET });
    assert.equal((await answer(app, await signText(claims()), sessionOnlyPath)).status, 404);
    assert.equal((await answer(app, await signText(claims(), { secret: PREVIOUS_SECRET }), sessionOnlyPath)).status, 404);
    const expired = await answer(app, await signText(claims({ iat: nowSeconds - 600, exp: nowSeconds - 1 }), { secret: PREVIOUS_SECRET }), sessionOnlyPath);
    assert.deepEqual([expired.status, expired.body.error.message], [401, 'The session token has expired.']);
    const third = await answer(app, await signText(claims(), { secret: OTHER_SECRET }), sessionOnlyPath);
    assert.deepEqual([third.status, third.body.error.message], [401, 'The session token is not signed with this proxy\'s secret.']);
  });

  it('signs new dev sessions with the current secret only', async () => {
    const app = testApp({ previousSessionSecret: PREVIOUS_SECRET, devSessions: { customers: [...SIMULATOR_CUSTOMERS], ttlSeconds: 900 } });
    const { token } = (await (await app.request(`/dev/session?customer_id=${ACME_ID}`, { method: 'POST' })).json()) as { token: string };
    assert.equal((await createSessionVerifier({ secret: SECRET, now: () => NOW }).verify(token)).customerId, ACME_ID);
  });

  it('takes the customer only from the token, ignoring a customer_id in the query', async () => {
    const token = await sessionFor(GLOBEX_ID);
    const response = await testApp().request(`${usagePath}&customer_id=${ACME_ID}`, { headers: { authorization: `Bearer ${token}` } });
    // CPU hours belongs to Acme, so Globex's session cannot see it even when the query names Acme.
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /^billable_metric_id: this customer has no billable metric/);
  });

  it('never answers 500, whatever the token text or the signed payload', async () => {
    const app = testApp();
    const accepted = new Set([401, 404]);
    await fc.assert(
      // Any byte a header can carry (tab, printable ASCII, Latin-1), the token's own alphabet and dots oftener.
      fc.asyncProperty(fc.string({ unit: fc.oneof(fc.constantFrom(...'.-_aZ09'), fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c))), maxLength: 300 }), async (token) => {
        const response = await app.request(sessionOnlyPath, { headers: { authorization: `Bearer ${token}` } });
        return accepted.has(response.status);
      }),
      { numRuns: 200 },
    );
    const time = fc.oneof(fc.integer({ min: nowSeconds - 100_000, max: nowSeconds + 100_000 }), fc.double(), fc.string(), fc.constant(null));
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record({ sub: fc.oneof(fc.uuid(), fc.jsonValue()), iat: time, exp: time, nbf: time }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (value) => {
        const { status, body } = await answer(app, await signText(JSON.stringify(value) ?? 'null'), sessionOnlyPath);
        return accepted.has(status) && typeof body.error.message === 'string';
      }),
      { numRuns: 300 },
    );
  });
});

describe('the per-session rate limit in the app', () => {
  const recordingLogger = () => {
    const warnings: Array<Record<string, unknown>> = [];
    const logger: Logger = { info() {}, error() {}, warn: (fields) => void warnings.push(fields) };
    return { logger, warnings };
  };

  it('answers 429 with Retry-After in whole seconds when the limiter refuses, after the session check', async () => {
    const keys: string[] = [];
    const rateLimiter: RateLimiter = { consume: async (key) => (keys.push(key), { allowed: false, retryAfterSeconds: 7 }) };
    const app = testApp({ rateLimiter });
    assert.equal((await answer(app, 'not-a-jwt')).status, 401);
    assert.deepEqual(keys, [], 'a refused token is not counted');
    const token = await sessionFor(ACME_ID);
    const { status, headers, body } = await answer(app, token);
    assert.equal(status, 429);
    assert.equal(headers.get('retry-after'), '7');
    assert.equal(headers.get('cache-control'), 'private, no-store');
    assert.deepEqual(body, { error: { code: 'rate_limited', message: 'This session made too many requests; try again in 7 s.' } });
    assert.deepEqual(keys, [(await createSessionVerifier({ secret: SECRET, now: () => NOW }).verify(token)).key]);
  });

  it('lets requests through with a warning when the limiter fails', async () => {
    const { logger, warnings } = recordingLogger();
    const rateLimiter: RateLimiter = { consume: async () => Promise.reject(new Error('store down')) };
    const response = await testApp({ rateLimiter, logger }).request(usagePath, { headers: { authorization: `Bearer ${await sessionFor(ACME_ID)}` } });
    assert.equal(response.status, 200);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.requestId, response.headers.get('x-request-id'));
  });
});
