/**
 * How a widget gets its session token: the host sets `tokenProvider` to a function that asks the host's
 * own backend for one (or `token-url`, which becomes such a function). Widgets sharing a provider share
 * its token; a JWT is replaced shortly before its `exp`, any token after a 401.
 */
export type TokenProvider = () => string | Promise<string>;

interface Cached {
  token: Promise<string>;
  /** When to ask the provider again (ms); Infinity until the token is in, and for opaque tokens. */
  refreshAt: number;
}

const tokens = new WeakMap<TokenProvider, Cached>();

/**
 * The provider's token, asked for once and shared. Past its refresh time the next caller asks again and
 * every caller meanwhile waits for that one answer: refreshing lazily, at use, leaves no timer running
 * and costs a hidden page nothing.
 */
export function sessionToken(provider: TokenProvider): Promise<string> {
  let cached = tokens.get(provider);
  if (!cached || Date.now() >= cached.refreshAt) {
    const entry: Cached = (cached = { token: Promise.resolve().then(provider), refreshAt: Infinity });
    tokens.set(provider, entry);
    entry.token.then(
      (token) => {
        entry.refreshAt = refreshTime(token);
        noteSubject(provider, token);
      },
      // A failed provider call must not be remembered, or every later request would fail too.
      () => tokens.get(provider) === entry && tokens.delete(provider),
    );
  }
  return cached.token;
}

/** Forget `rejected` so the next `sessionToken()` asks the provider again, unless another widget already did. */
export async function dropSessionToken(provider: TokenProvider, rejected: string): Promise<void> {
  const cached = tokens.get(provider);
  if (cached && (await cached.token.catch(() => null)) === rejected && tokens.get(provider) === cached) tokens.delete(provider);
}

/**
 * When to replace a JWT (three base64url parts, a numeric `exp` in the payload; read, not verified: the
 * proxy verifies): 60 s before `exp`, or a fifth of its lifetime before for short ones; at `exp` for one
 * that arrives already that close. Opaque tokens, and JWTs already expired by this clock (a clock that
 * runs fast), are kept until the proxy answers 401 rather than asked for again at every request.
 */
function refreshTime(token: string): number {
  const { exp, iat } = claims(token);
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return Infinity;
  const now = Date.now();
  const lifetime = exp * 1000 - (typeof iat === 'number' ? iat * 1000 : now);
  const early = exp * 1000 - Math.min(60_000, lifetime / 5);
  return early > now ? early : exp * 1000 > now ? exp * 1000 : Infinity;
}

/** A JWT's payload (read, not verified: the proxy verifies); empty for an opaque token. */
function claims(token: string): { exp?: unknown; iat?: unknown; sub?: unknown } {
  const parts = token.split('.');
  try {
    if (parts.length === 3) return JSON.parse(atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'))) ?? {};
  } catch {
    // Not a JWT after all: opaque.
  }
  return {};
}

const subjects = new WeakMap<TokenProvider, { sub: string; changes: number }>();
const subjectListeners = new Set<() => void>();

/**
 * A provider that answers a token for another subject (a JWT's `sub`) than its previous one has
 * switched customer (the page's own sign-in changed behind it): the figures on screen are no longer
 * the viewer's. Opaque tokens tell nothing; a page switching customer gives a new provider instead.
 */
function noteSubject(provider: TokenProvider, token: string) {
  const { sub } = claims(token);
  if (typeof sub !== 'string') return;
  const known = subjects.get(provider);
  if (!known) subjects.set(provider, { sub, changes: 0 });
  else if (known.sub !== sub) {
    known.sub = sub;
    known.changes++;
    for (const listener of subjectListeners) listener();
  }
}

/** How often the provider's tokens changed subject: a new count is a new session. */
export const sessionSubjectChanges = (provider: TokenProvider): number => subjects.get(provider)?.changes ?? 0;

/** Calls `listener` when a provider's token changes subject; returns a function that stops it. */
export function onSubjectChange(listener: () => void): () => void {
  subjectListeners.add(listener);
  return () => subjectListeners.delete(listener);
}
