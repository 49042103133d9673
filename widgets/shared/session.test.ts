import { expect } from '@open-wc/testing';
import { dropSessionToken, sessionToken } from './session.ts';

/** A JWT as the proxy would read it; the signature is not checked here (the proxy checks it). */
const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.c2ln`;

const realNow = Date.now;
let now = 0;
beforeEach(() => {
  now = realNow();
  Date.now = () => now;
});
afterEach(() => {
  Date.now = realNow;
});

/** A provider handing out `make(n)` on its n-th call (from 1), counting the calls. */
function counting(make: (n: number) => string) {
  const provider = () => make(++provider.calls);
  provider.calls = 0;
  return provider;
}

describe('session tokens', () => {
  it('keeps an opaque token until it is dropped after a 401', async () => {
    const provider = counting((n) => `opaque-${n}`);
    expect(await sessionToken(provider)).to.equal('opaque-1');
    now += 7 * 86_400_000;
    expect(await sessionToken(provider)).to.equal('opaque-1');
    await dropSessionToken(provider, 'opaque-1');
    expect(await sessionToken(provider)).to.equal('opaque-2');
  });

  it('replaces a JWT 60 s before its exp, with one call to the provider however many ask meanwhile', async () => {
    const iat = Math.floor(now / 1000);
    const provider = counting((n) => jwt({ sub: 'c', iat: iat + (n - 1) * 600, exp: iat + n * 600 }));
    const first = await sessionToken(provider);
    now += 539_000;
    expect(await sessionToken(provider)).to.equal(first);
    now += 2_000;
    const [a, b] = await Promise.all([sessionToken(provider), sessionToken(provider)]);
    expect(provider.calls).to.equal(2);
    expect(a).to.equal(b);
    expect(a).not.to.equal(first);
  });

  it('replaces a short-lived JWT when a fifth of its lifetime is left', async () => {
    const iat = Math.floor(now / 1000);
    const provider = counting((n) => jwt({ iat, exp: iat + 100, n }));
    await sessionToken(provider);
    now = iat * 1000 + 79_000;
    await sessionToken(provider);
    expect(provider.calls).to.equal(1);
    now = iat * 1000 + 81_000;
    await sessionToken(provider);
    expect(provider.calls).to.equal(2);
  });

  it('does not ask again at every use for a JWT that is already expired by this clock', async () => {
    const provider = counting(() => jwt({ iat: 1, exp: 2 }));
    await sessionToken(provider);
    await sessionToken(provider);
    expect(provider.calls).to.equal(1);
  });

  it('uses a JWT arriving inside its last minute until its exp, then asks again', async () => {
    const exp = Math.floor(now / 1000) + 30;
    const provider = counting(() => jwt({ iat: exp - 600, exp }));
    await sessionToken(provider);
    now = exp * 1000 - 1;
    await sessionToken(provider);
    expect(provider.calls).to.equal(1);
    now = exp * 1000;
    await sessionToken(provider);
    expect(provider.calls).to.equal(2);
  });

  it('treats a token with three parts but no numeric exp as opaque', async () => {
    for (const token of ['a.b.c', jwt({ exp: '2030-01-01' }), jwt({ exp: null })]) {
      const provider = counting(() => token);
      await sessionToken(provider);
      now += 86_400_000;
      await sessionToken(provider);
      expect(provider.calls, token).to.equal(1);
    }
  });

  it('does not remember a provider that failed', async () => {
    const provider = counting((n) => {
      if (n === 1) throw new Error('down');
      return 'second';
    });
    await sessionToken(provider).catch(() => null);
    expect(await sessionToken(provider)).to.equal('second');
  });
});
