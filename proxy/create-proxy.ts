import { Hono } from 'hono';
import { createApp, type AppDeps } from './app.ts';
import { errorResponse } from './errors.ts';
import type { Identify } from './identify.ts';
import { createMetronome, type Metronome, type MetronomeOptions } from './metronome/client.ts';
import { isHttpUrl } from './metronome/transport.ts';
import { UPSTREAM_DEFAULTS } from './metronome/upstream.ts';

/**
 * `createProxy`: the proxy as a library, for a host backend that mounts it (Hono, Express or Node
 * `http` through @hono/node-server, a Next.js route handler, Workers, Bun, Deno). The host says who a
 * request is for (`identify`); the proxy holds the Metronome token and answers the widgets.
 */

/** How to reach Metronome: the token, and any of the upstream layer's options (cache, TTLs, concurrency, timeouts). */
export interface MetronomeConnection extends Partial<Omit<MetronomeOptions, 'token' | 'now'>> {
  /** Your Metronome API token: only the proxy ever holds it. */
  token: string;
  /** `https://api.metronome.com` by default. */
  baseUrl?: string;
}

export interface ProxyOptions extends Omit<AppDeps, 'metronome' | 'identify' | 'now' | 'sessionSecret' | 'previousSessionSecret' | 'sessionMaxTtlSeconds' | 'devSessions'> {
  /** The connection's settings, or a client already built with createMetronome (to share its cache). */
  metronome: MetronomeConnection | Metronome;
  /**
   * The Metronome customer id of the request, from the host's own session (a cookie, a header), or
   * null for 401; may be async. `bearerSession({ secret })` is the proxy's own session tokens.
   */
  identify: Identify;
  /** Routes are answered under this path (`/billing` → `/billing/api/usage`) when the host does not strip it. */
  basePath?: string;
  /** The clock; the real one by default. */
  now?: () => Date;
}

/**
 * The proxy as a Hono app with no `listen`: `app.route('/billing', proxy)` in Hono, `proxy.fetch` for a
 * fetch handler. `/readyz` checks that Metronome answers (plus any `readiness` checks given). Throws a
 * TypeError for options it cannot work with, so a misconfigured host fails at start, not per request.
 */
export function createProxy(options: ProxyOptions): Hono {
  const { metronome: connection, identify, basePath, now = () => new Date(), ...deps } = options;
  if (typeof identify !== 'function') throw new TypeError('createProxy: identify must be a function returning the request\'s Metronome customer id (or null)');
  const metronome = 'forCustomer' in connection ? connection : connect(connection, now, deps);
  const app = createApp({ ...deps, metronome, identify, now, readiness: { metronome: (signal) => metronome.ping(signal), ...deps.readiness } });
  if (!basePath || basePath === '/') return app as unknown as Hono;
  if (!/^\/[^?#]*[^/?#]$/.test(basePath)) throw new TypeError(`createProxy: basePath must be a path such as "/billing", got "${basePath}"`);
  const mounted = new Hono().route(basePath, app);
  mounted.notFound((c) => errorResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  return mounted;
}

function connect(connection: MetronomeConnection, now: () => Date, deps: Pick<AppDeps, 'logger' | 'deadlineMs'>): Metronome {
  const { token, baseUrl = UPSTREAM_DEFAULTS.baseUrl, fetch: send = globalThis.fetch, ...upstream } = connection;
  if (typeof token !== 'string' || !token.trim()) throw new TypeError('createProxy: metronome.token must be your Metronome API token');
  if (!isHttpUrl(baseUrl)) throw new TypeError('createProxy: metronome.baseUrl must be an http(s) URL without user or password');
  if (typeof send !== 'function') throw new TypeError('createProxy: there is no global fetch here; pass metronome.fetch');
  return createMetronome({
    token,
    baseUrl,
    fetch: send,
    timeoutMs: UPSTREAM_DEFAULTS.timeoutMs,
    fetchDeadlineMs: deps.deadlineMs,
    now,
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...upstream,
  });
}
