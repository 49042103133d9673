/**
 * How a widget gets its session token: the host sets `tokenProvider` to a function that asks the host's
 * own backend for one. Widgets sharing a provider share its token; a 401 asks the provider again.
 */
export type TokenProvider = () => string | Promise<string>;

const tokens = new WeakMap<TokenProvider, Promise<string>>();

export function sessionToken(provider: TokenProvider): Promise<string> {
  let token = tokens.get(provider);
  if (!token) {
    token = Promise.resolve().then(provider);
    tokens.set(provider, token);
    // A failed provider call must not be remembered, or every later request would fail too.
    token.catch(() => tokens.get(provider) === token && tokens.delete(provider));
  }
  return token;
}

/** Forget `rejected` so the next `sessionToken()` asks the provider again, unless another widget already did. */
export async function dropSessionToken(provider: TokenProvider, rejected: string): Promise<void> {
  const cached = tokens.get(provider);
  if (cached && (await cached.catch(() => null)) === rejected && tokens.get(provider) === cached) tokens.delete(provider);
}
