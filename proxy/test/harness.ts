import assert from 'node:assert/strict';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { ACME_ID, createSimulator, FAULT_HEADER, GLOBEX_ID } from '../../simulator/index.ts';
import { specPathOf, validateRequestBody, validateResponse } from '../../spec/validate.ts';

import { createApp, type AppDeps } from '../app.ts';
import { createProxy, type ProxyOptions } from '../create-proxy.ts';
import { createMetronome, type MetronomeOptions } from '../metronome/client.ts';
import { createSessionToken } from '../session.ts';

/** Test wiring: the proxy app over the simulator (or a given fetch), with a fixed clock. */

export const SECRET = 'test-session-secret-that-is-long-enough';
export const METRONOME_TOKEN = 'metronome-secret-token-do-not-leak';
export const NOW = new Date('2026-11-25T10:30:00Z');

export interface UpstreamCall {
  method: string;
  url: URL;
  body: unknown;
}

export interface SimulatorFetchOptions {
  /**
   * Faults for the simulator to inject into a call, in its x-simulator-fault grammar (simulator/faults.ts),
   * given the call's URL and how many calls came before it; undefined for none.
   */
  fault?: (url: URL, callsBefore: number) => string | undefined;
}

/**
 * A fetch that serves requests from the simulator app and records them. Both directions are checked
 * against Metronome's spec: every request the proxy sends and every answer the simulator gives.
 */
export function simulatorFetch(calls: UpstreamCall[] = [], options: SimulatorFetchOptions = {}): typeof fetch {
  const simulator = createSimulator({ apiToken: METRONOME_TOKEN, now: () => NOW });
  return async (input, init) => {
    const request = new Request(input, init);
    const fault = options.fault?.(new URL(request.url), calls.length);
    if (fault) request.headers.set(FAULT_HEADER, fault);
    const url = new URL(request.url);
    const text = await request.clone().text();
    const body = text ? JSON.parse(text) : undefined;
    const template = specPathOf(request.method, url.pathname);
    if (!template) throw new Error(`proxy called ${request.method} ${url.pathname}, which is not in the spec`);
    const problems = validateRequestBody(request.method, template, body);
    if (problems.length) throw new Error(`proxy sent a request the spec forbids: ${problems.join('; ')}`);
    calls.push({ method: request.method, url, body });
    const response = await simulator.fetch(request);
    if (response.headers.get('content-type')?.includes('application/json')) {
      const answer = await response.clone().json();
      const wrong = validateResponse(request.method, template, response.status, answer);
      if (wrong.length) throw new Error(`the simulator answered ${request.method} ${url.pathname} off-spec: ${wrong.join('; ')}`);
    }
    return response;
  };
}

/**
 * Route tests see Metronome's failures one call at a time: retries wait a millisecond, and the circuit
 * (which would turn a route's third failing call into a fast 503) only opens in the tests about it.
 */
const ROUTE_TEST_UPSTREAM: Partial<MetronomeOptions> = { retry: { initialDelayMs: 1, maxDelayMs: 1 }, circuit: { minimumRps: 1_000_000 } };

export function testApp(options: { fetch?: typeof fetch; timeoutMs?: number; upstream?: Partial<MetronomeOptions> } & Partial<AppDeps> = {}) {
  const { fetch: upstreamFetch = simulatorFetch(), timeoutMs = 2000, upstream, ...deps } = options;
  return createApp({
    metronome: createMetronome({ token: METRONOME_TOKEN, baseUrl: 'https://metronome.test', fetch: upstreamFetch, timeoutMs, now: () => NOW, ...ROUTE_TEST_UPSTREAM, ...upstream }),
    sessionSecret: SECRET,
    now: () => NOW,
    ...deps,
  });
}

export function sessionFor(customerId: string, ttlSeconds = 600) {
  return createSessionToken({ customerId, secret: SECRET, ttlSeconds, now: () => NOW });
}

export async function authGet(app: ReturnType<typeof testApp>, path: string, customerId: string) {
  const token = await sessionFor(customerId);
  return app.request(path, { headers: { authorization: `Bearer ${token}` } });
}

/** A host whose session cookie `sid` names one of its users, each a Metronome customer's user. */
const USERS: Record<string, string> = { 'sid-of-ada': ACME_ID, 'sid-of-bob': GLOBEX_ID };
export const cookieSession = (c: Context) => USERS[getCookie(c, 'sid') ?? ''] ?? null;
export const asUser = (sid: string) => ({ headers: { cookie: `sid=${sid}` } });

/** createProxy over the simulator, identifying requests by the `sid` cookie. */
export function proxyOver(options: Partial<ProxyOptions> = {}) {
  return createProxy({ metronome: { token: METRONOME_TOKEN, baseUrl: 'https://metronome.test', fetch: simulatorFetch(), ...ROUTE_TEST_UPSTREAM }, identify: cookieSession, now: () => NOW, ...options });
}

/** The customer's name from a 200 of /api/customer; fails with the answer otherwise. */
export async function customerName(response: Response): Promise<string> {
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { customer: { name: string } }).customer.name;
}
