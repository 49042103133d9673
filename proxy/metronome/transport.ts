import { ProxyError } from '../errors.ts';
import { retryAfterMs, upstreamStatusError, upstreamTimeout, upstreamUnreachable } from './errors.ts';

/** One HTTP exchange with Metronome: the token, the per-call timeout and the mapping of failures. */

export interface TransportOptions {
  token: string;
  baseUrl: string;
  /**
   * How Metronome is called; called with `this` = globalThis, as the global `fetch` must be on Workers
   * and in browsers ("Illegal invocation" otherwise). A fetch that needs another `this` (a Workers
   * service binding's `env.SERVICE.fetch`) is passed bound: `env.SERVICE.fetch.bind(env.SERVICE)`.
   */
  fetch: typeof fetch;
  /** How long one upstream call may take, body included. */
  timeoutMs: number;
}

export interface Exchange {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** Whether `text` can be Metronome's base URL: http(s), with no user or password in it (the token is the credential). */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * Why a call was given up when `signal` aborted: the browser request's deadline (its abort reason is a
 * 504 ProxyError) or the browser leaving (its own reason, which nobody reads).
 */
const abandoned = (signal: AbortSignal, err: unknown) => (signal.reason instanceof ProxyError ? signal.reason : err);

export function createTransport(options: TransportOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // Stored and called as `options.fetch(…)`, the global fetch would get `options` as its `this`.
  const send: typeof fetch = options.fetch.bind(globalThis);

  /**
   * Sends the request with a timer of its own rather than AbortSignal.timeout(): it also covers reading
   * the body (`consume`), and is cleared as soon as the answer is in.
   */
  async function exchange<T>(call: Exchange, accept: string, signal: AbortSignal, consume: (response: Response) => Promise<T>): Promise<T> {
    const url = new URL(baseUrl + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
    try {
      let response: Response;
      try {
        response = await send(url, {
          method: call.method,
          headers: {
            authorization: `Bearer ${options.token}`,
            accept,
            ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: AbortSignal.any([signal, timeout.signal]),
        });
      } catch (err) {
        if (signal.aborted) throw abandoned(signal, err);
        throw timeout.signal.aborted ? upstreamTimeout() : upstreamUnreachable();
      }
      // An answer that arrives after the call was given up is not read (a fetch that does not reject on abort).
      if (signal.aborted) {
        await response.body?.cancel().catch(() => undefined);
        throw abandoned(signal, new Error('The call was abandoned.'));
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw upstreamStatusError(response.status, retryAfterMs(response.headers.get('retry-after'), Date.now()));
      }
      try {
        return await consume(response);
      } catch (err) {
        if (signal.aborted) throw abandoned(signal, err);
        throw timeout.signal.aborted ? upstreamTimeout() : upstreamUnreachable();
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** The answer's body as text, read within the timeout. */
    text: (call: Exchange, accept: string, signal: AbortSignal) => exchange(call, accept, signal, (response) => response.text()),
    /** The answer itself, its body unread: the timeout covered only the wait for its headers. */
    response: (call: Exchange, accept: string, signal: AbortSignal) => exchange(call, accept, signal, async (response) => response),
  };
}
