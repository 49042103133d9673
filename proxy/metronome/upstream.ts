import { ProxyError } from '../errors.ts';
import { upstreamInvalid, upstreamStatusError, upstreamTimeout, upstreamUnreachable } from './errors.ts';
import type { UpstreamScope } from './scope.ts';

/**
 * The one way the proxy talks to Metronome: every call of every route goes through `read()`, so the
 * rules about tokens, timeouts and failures hold everywhere.
 */

/** How long an answer may be reused: `live` figures change by the minute, `reference` data rarely. */
export type Reuse = 'live' | 'reference' | 'never';

export interface UpstreamRead {
  method: 'GET' | 'POST';
  /** Path with its ids already encoded. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  reuse: Reuse;
}

export interface UpstreamOptions {
  token: string;
  baseUrl: string;
  fetch: typeof fetch;
  /** How long one upstream call may take. */
  timeoutMs: number;
  now: () => Date;
}

export type Upstream = ReturnType<typeof createUpstream>;

/** Why a call was given up: the request's deadline (its abort reason, a 504) or else the browser leaving. */
const abandoned = (scope: UpstreamScope, err: unknown) => (scope.signal.reason instanceof ProxyError ? scope.signal.reason : err);

export function createUpstream(options: UpstreamOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  function urlOf(read: Pick<UpstreamRead, 'path' | 'query'>): URL {
    const url = new URL(baseUrl + read.path);
    for (const [key, value] of Object.entries(read.query ?? {})) url.searchParams.set(key, value);
    return url;
  }

  /**
   * One HTTP exchange with a timer of its own rather than AbortSignal.timeout(): it also covers reading
   * the body, and is cleared as soon as the answer is in. `consume` reads the body while the timer runs.
   */
  async function exchange<T>(read: UpstreamRead, accept: string, scope: UpstreamScope, consume: (response: Response) => Promise<T>): Promise<T> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
    try {
      let response: Response;
      try {
        response = await options.fetch(urlOf(read), {
          method: read.method,
          headers: {
            authorization: `Bearer ${options.token}`,
            accept,
            ...(read.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: read.body === undefined ? undefined : JSON.stringify(read.body),
          signal: AbortSignal.any([scope.signal, timeout.signal]),
        });
      } catch (err) {
        if (scope.signal.aborted) throw abandoned(scope, err);
        throw timeout.signal.aborted ? upstreamTimeout() : upstreamUnreachable();
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw upstreamStatusError(response.status);
      }
      try {
        return await consume(response);
      } catch (err) {
        if (scope.signal.aborted) throw abandoned(scope, err);
        if (timeout.signal.aborted) throw upstreamTimeout();
        throw err;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** A JSON read. */
    async json<T>(read: UpstreamRead, scope: UpstreamScope): Promise<T> {
      const value = await exchange(read, 'application/json', scope, async (response) => {
        try {
          return (await response.json()) as T;
        } catch {
          throw upstreamInvalid();
        }
      });
      scope.noteAnswer(options.now().getTime(), false);
      return value;
    },

    /**
     * A file as a stream, never read into memory and never cached. The timeout covers the wait for the
     * answer's headers only: a slow download is the browser's to cancel (its abort reaches the scope).
     */
    async stream(read: UpstreamRead, accept: string, scope: UpstreamScope): Promise<Response> {
      return exchange(read, accept, scope, async (response) => response);
    },
  };
}
