// Shared helpers for the simulator tests. Every response that passes through `call` is validated
// against spec/metronome-openapi.json, so a test cannot pass on an off-spec response.
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { createSimulator } from './app.ts';
import type { UsageRow } from './usage-query.ts';
export type { UsageRow };
import { specPathOf, validateResponse, validateSchema } from '../spec/validate.ts';

export const TOKEN = 'sim-test-token';
/** A fixed clock in the middle of an hour, so "the current hour" is partial. */
export const NOW = new Date('2026-06-15T10:30:00Z');
export const SEED = 7;

export function simulator(overrides: { now?: Date; seed?: number } = {}): Hono {
  const now = overrides.now ?? NOW;
  return createSimulator({ apiToken: TOKEN, now: () => now, seed: overrides.seed ?? SEED });
}

export interface Reply<T = any> {
  status: number;
  body: T;
}

export async function call(
  app: Hono,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  init: { json?: unknown; rawBody?: string; authorization?: string | null } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization = init.authorization === undefined ? `Bearer ${TOKEN}` : init.authorization;
  if (authorization !== null) headers['authorization'] = authorization;
  const body = init.rawBody ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
  const res = await app.request(url, body === undefined ? { method, headers } : { method, headers, body });
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const json: unknown = await res.json();
  const specPath = specPathOf(method, url);
  let errors = specPath ? validateResponse(method, specPath, res.status, json) : validateSchema({ $ref: '#/components/schemas/Error' }, json, 'response');
  // /v2/contracts/* declare their 400 as {code: CustomerNotFound | ContractNotFound, message}: that
  // covers not-found only. An invalid request there is Metronome's generic {message} error.
  if (errors.length && res.status === 400 && !(json as { code?: unknown }).code) errors = validateSchema({ $ref: '#/components/schemas/Error' }, json, 'response');
  assert.deepEqual(errors, [], `${method} ${url} → ${res.status} does not match the spec: ${JSON.stringify(json).slice(0, 300)}`);
  return { status: res.status, body: json };
}


export async function usage(app: Hono, payload: Record<string, unknown>, query = ''): Promise<Reply<{ data: UsageRow[]; next_page: string | null; message?: string }>> {
  return call(app, 'POST', `/v1/usage/groups${query}`, { json: payload });
}

/** Follows next_page until the end and returns every row plus the number of pages. */
export async function allUsage(app: Hono, payload: Record<string, unknown>, limit?: number): Promise<{ rows: UsageRow[]; pages: number }> {
  const rows: UsageRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams();
    if (limit !== undefined) params.set('limit', String(limit));
    if (cursor !== null) params.set('next_page', cursor);
    const qs = params.size ? `?${params}` : '';
    const reply = await usage(app, payload, qs);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    rows.push(...reply.body.data);
    cursor = reply.body.next_page;
    pages++;
    assert.ok(pages < 10_000, 'pagination does not terminate');
  } while (cursor !== null);
  return { rows, pages };
}

export const sum = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0);
export const groupId = (row: UsageRow): string => JSON.stringify(row.group ?? null);
