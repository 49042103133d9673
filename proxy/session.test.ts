import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sign as signJwt } from 'hono/jwt';
import { ACME_ID, GLOBEX_ID, METRIC_IDS } from '../simulator/index.ts';
import { createSessionToken, verifySessionToken } from './session.ts';
import { NOW, SECRET, sessionFor, testApp } from './test/harness.ts';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const usagePath = `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-11-20&ending_before=2026-11-22`;

async function statusWith(authorization: string | undefined) {
  const response = await testApp().request(usagePath, { headers: authorization ? { authorization } : {} });
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, body };
}

describe('session tokens', () => {
  it('accepts a token minted by createSessionToken and yields its customer', async () => {
    const token = await sessionFor(ACME_ID);
    assert.equal(await verifySessionToken(token, SECRET, () => NOW), ACME_ID);
  });

  it('rejects a token once its ttl has passed', async () => {
    const token = await createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 60, now: () => NOW });
    const later = () => new Date(NOW.getTime() + 61_000);
    await assert.rejects(verifySessionToken(token, SECRET, later), { status: 401, message: 'The session token has expired.' });
  });

  it('refuses to mint a token without a secret or a positive ttl', async () => {
    await assert.rejects(createSessionToken({ customerId: ACME_ID, secret: '', ttlSeconds: 60 }), /secret is required/);
    await assert.rejects(createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 0 }), /ttlSeconds/);
  });
});

describe('every /api route requires a valid session', () => {
  const sign = (payload: Record<string, unknown>, secret = SECRET) => signJwt(payload, secret, 'HS256');
  const exp = Math.floor(NOW.getTime() / 1000) + 600;

  const cases: Array<[string, () => Promise<string | undefined>]> = [
    ['no Authorization header', async () => undefined],
    ['a scheme other than Bearer', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a malformed token', async () => 'Bearer not-a-jwt'],
    ['an unsigned alg:none token', async () => `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: ACME_ID, exp })}.`],
    ['a token signed with another secret', async () => `Bearer ${await sign({ sub: ACME_ID, exp }, 'another-secret')}`],
    ['an expired token', async () => `Bearer ${await sign({ sub: ACME_ID, exp: exp - 1200 })}`],
    ['a token without exp', async () => `Bearer ${await sign({ sub: ACME_ID })}`],
    ['a token without sub', async () => `Bearer ${await sign({ exp })}`],
  ];
  for (const [name, header] of cases) {
    it(`answers 401 with a JSON error for ${name}`, async () => {
      const { status, body } = await statusWith(await header());
      assert.equal(status, 401);
      assert.equal(body.error.code, 'unauthorized');
      assert.ok(body.error.message.length > 10);
    });
  }

  it('takes the customer only from the token, ignoring a customer_id in the query', async () => {
    const token = await sessionFor(GLOBEX_ID);
    const response = await testApp().request(`${usagePath}&customer_id=${ACME_ID}`, { headers: { authorization: `Bearer ${token}` } });
    // CPU hours belongs to Acme, so Globex's session cannot see it even when the query names Acme.
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /^billable_metric_id: this customer has no billable metric/);
  });
});
