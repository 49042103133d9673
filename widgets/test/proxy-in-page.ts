import { createApp } from '../../proxy/app.ts';
import { createMetronome } from '../../proxy/metronome/client.ts';
import { createSessionToken } from '../../proxy/session.ts';
import { ACME_ID, createSimulator } from '../../simulator/index.ts';
import type { Freshness } from '../../contract/index.ts';
import type { TokenProvider } from '../shared/session.ts';

/**
 * The real proxy and simulator, running inside the test page: `fetch` to the proxy's origin is answered
 * by them, so widget tests see exactly what a browser sees from `npm start`, without sockets.
 */

/** The simulator's data is anchored to the real clock, as the widget's own range presets are. */
export const NOW = new Date();
const SECRET = 'widget-test-secret';
export const ENDPOINT = 'https://proxy.test';
/** The path of the token URL the page answers, on any origin, as a host's backend would (see `tokenUrlAnswer`). */
export const TOKEN_PATH = '/session-token';

export interface InstalledProxy {
  tokenProvider: TokenProvider;
  /** A provider of tokens for another customer of the same simulator, as a page switching customer would give. */
  tokenProviderFor(customerId: string): TokenProvider;
  /** How often the widget asked for a token (through `tokenProvider` or the token URL). */
  tokenRequests: () => number;
  /** Answers a GET of `TOKEN_PATH` (any origin, any query); by default a fresh token as `text/plain`. */
  tokenUrlAnswer: (request: Request) => Promise<Response>;
  /** Every request to `TOKEN_PATH`, in order. */
  tokenUrlRequests: Request[];
  /** Every request that reached the proxy, in order. */
  requests: Request[];
  /** The proxy's own answer to a request, whatever `override` says. */
  answer(request: Request): Promise<Response>;
  /** Answer the next proxy requests with this instead of the proxy; null restores the proxy. */
  override: ((request: Request) => Promise<Response>) | null;
  /** Hold the next proxy answer until the returned function is called. */
  holdNextResponse(): () => void;
  /**
   * From now on, add these freshness fields to the proxy's successful JSON answers for the paths given
   * (by pathname), as a proxy serving older figures after a Metronome failure would; undefined leaves an answer as it is.
   */
  serveFreshness(freshness: (pathname: string) => Freshness | undefined): void;
  /** The proxy's own JSON for a path, fetched with a valid session. */
  get<T>(path: string): Promise<T>;
  /** The proxy's answer to a request with a valid session (a PDF, a POST). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The simulator's answer to a request: Metronome's own pages, such as a hosted dashboard's URL. */
  simulator(request: Request): Promise<Response>;
  restore(): void;
}

/**
 * `now` pins the simulator's and proxy's clock, for pictures that must not change from day to day; a
 * function gives them a clock that moves (tokens are minted by it too).
 */
export function installProxy(customerId = ACME_ID, now: Date | (() => Date) = NOW): InstalledProxy {
  const clock = typeof now === 'function' ? now : () => now;
  const metronomeToken = 'in-page-metronome-token';
  const simulator = createSimulator({ apiToken: metronomeToken, now: clock });
  const app = createApp({
    metronome: createMetronome({ token: metronomeToken, baseUrl: 'https://metronome.test', fetch: async (input, init) => simulator.request(new Request(input, init)), timeoutMs: 5000, now: clock }),
    sessionSecret: SECRET,
    now: clock,
  });
  let tokens = 0;
  const mintFor = (customer: string) => createSessionToken({ customerId: customer, secret: SECRET, ttlSeconds: 600, now: clock });
  const mint = () => mintFor(customerId);
  const realFetch = window.fetch;
  const installed: InstalledProxy = {
    tokenProvider: () => {
      tokens++;
      return mint();
    },
    tokenProviderFor: (customer) => () => {
      tokens++;
      return mintFor(customer);
    },
    tokenRequests: () => tokens,
    tokenUrlAnswer: async () => new Response(await mint(), { headers: { 'content-type': 'text/plain; charset=utf-8' } }),
    tokenUrlRequests: [],
    requests: [],
    answer: async (request) => app.fetch(request),
    override: null,
    holdNextResponse() {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      installed.override = async (request) => {
        installed.override = null;
        await gate;
        return app.fetch(request);
      };
      return release;
    },
    serveFreshness(freshness) {
      installed.override = async (request) => {
        const response = await app.fetch(request);
        const fields = freshness(new URL(request.url).pathname);
        return fields && response.ok && response.headers.get('content-type')?.includes('json') ? Response.json({ ...(await response.json()), ...fields }) : response;
      };
    },
    async get<T>(path: string) {
      return (await (await installed.fetch(path)).json()) as T;
    },
    async fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await mint()}`);
      return app.request(path, { ...init, headers });
    },
    simulator: async (request) => simulator.request(request),
    restore: () => {
      window.fetch = realFetch;
    },
  };
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname === TOKEN_PATH) {
      tokens++;
      installed.tokenUrlRequests.push(request);
      return installed.tokenUrlAnswer(request);
    }
    if (!request.url.startsWith(ENDPOINT)) return realFetch(input, init);
    installed.requests.push(request.clone());
    if (installed.override) return installed.override(request);
    return app.fetch(request);
  };
  return installed;
}
