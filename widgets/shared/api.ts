import type { ErrorBody } from '../../contract/index.ts';
import { dropSessionToken, sessionToken, type TokenProvider } from './session.ts';

/** A failed proxy call, with a message fit for the person looking at the widget. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiTarget {
  /** Base URL of the proxy; '' for the page's own origin. */
  endpoint: string;
  tokenProvider: TokenProvider | undefined;
}

/**
 * Call a proxy route with the session token, retrying once with a fresh token when the session has
 * expired. Array params repeat. Any non-2xx answer becomes an ApiError with the proxy's message.
 */
async function authorizedFetch(
  target: ApiTarget,
  path: string,
  params: Record<string, string | string[]>,
  options: { signal: AbortSignal; accept: string; method?: 'GET' | 'POST'; body?: unknown },
): Promise<Response> {
  const { tokenProvider } = target;
  if (!tokenProvider) throw new ApiError(0, 'no_session', 'This widget has no session: the page must set its tokenProvider.');
  const url = new URL(target.endpoint.replace(/\/+$/, '') + path, document.baseURI);
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) if (v) url.searchParams.append(key, v);

  for (let attempt = 0; ; attempt++) {
    let token: string;
    try {
      token = await sessionToken(tokenProvider);
    } catch (error) {
      // A token URL's own failure says what went wrong; a host's provider may throw anything.
      throw error instanceof ApiError ? error : new ApiError(0, 'no_session', 'Could not start a billing session. Try again.');
    }
    let response: Response;
    try {
      const json: Record<string, string> = options.body === undefined ? {} : { 'content-type': 'application/json' };
      // No method is a GET, and JSON.stringify(undefined) no body.
      response = await fetch(url, {
        method: options.method,
        headers: { authorization: `Bearer ${token}`, accept: options.accept, ...json },
        body: JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (err) {
      if (options.signal.aborted) throw err;
      throw new ApiError(0, 'network', 'Could not reach the billing service. Check your connection and try again.');
    }
    if (response.status === 401 && attempt === 0) {
      await dropSessionToken(tokenProvider, token);
      continue;
    }
    if (response.ok) return response;
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `The billing service answered with an error (HTTP ${response.status}).`,
    );
  }
}

export async function getJson<T>(target: ApiTarget, path: string, params: Record<string, string | string[]>, options: { signal: AbortSignal }): Promise<T> {
  return (await (await authorizedFetch(target, path, params, { ...options, accept: 'application/json' })).json()) as T;
}

/** POST JSON to a proxy route and read its JSON answer. */
export async function postJson<T>(target: ApiTarget, path: string, body: unknown, options: { signal: AbortSignal }): Promise<T> {
  return (await (await authorizedFetch(target, path, {}, { ...options, accept: 'application/json', method: 'POST', body })).json()) as T;
}

/**
 * A file from the proxy (an invoice PDF), which a plain link could not fetch: it needs the session token.
 * `progress` hears the bytes received so far after each piece, and the `Content-Length` (null without one).
 */
export async function getBlob(
  target: ApiTarget,
  path: string,
  options: { signal: AbortSignal; progress?: (received: number, total: number | null) => void },
): Promise<Blob> {
  const response = await authorizedFetch(target, path, {}, { ...options, accept: '*/*' });
  const total = Number(response.headers.get('content-length')) || null;
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  for (let piece; !(piece = await reader.read()).done; ) {
    parts.push(piece.value);
    options.progress?.((received += piece.value.length), total);
  }
  return new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? '' });
}
