// Shared helpers for the simulator tests. Every response that passes through `call` is validated
// against spec/metronome-openapi.json, so a test cannot pass on an off-spec response.
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { createSimulator } from './app.ts';
import type { UsageRow } from './usage-query.ts';
export type { UsageRow };
import { validateResponse, validateSchema } from '../spec/validate.ts';
import specDocument from '../spec/metronome-openapi.json' with { type: 'json' };

export const TOKEN = 'sim-test-token';
/** A fixed clock in the middle of an hour, so "the current hour" is partial. */
export const NOW = new Date('2026-06-15T10:30:00Z');
export const SEED = 7;

export function simulator(overrides: { now?: Date; seed?: number } = {}): Hono {
  const now = overrides.now ?? NOW;
  return createSimulator({ apiToken: TOKEN, now: () => now, seed: overrides.seed ?? SEED });
}

/**
 * The spec operation a request addresses, if any: the templated spec path whose segments match,
 * literal segments winning over {params} (…/invoices/breakdowns is not …/invoices/{invoice_id}).
 */
function specPathOf(method: string, url: string): string | undefined {
  const segments = (url.split('?')[0] ?? '').split('/');
  const candidates = Object.entries(specDocument.paths as Record<string, Record<string, unknown>>)
    .filter(([template, operations]) => {
      const parts = template.split('/');
      return method.toLowerCase() in operations && parts.length === segments.length && parts.every((part, i) => part.startsWith('{') || part === segments[i]);
    })
    .map(([template]) => template);
  const literals = (template: string) => template.split('/').filter((part) => !part.startsWith('{')).length;
  return candidates.sort((a, b) => literals(b) - literals(a))[0];
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
  const errors = specPath
    ? validateResponse(method, specPath, res.status, json)
    : validateSchema({ $ref: '#/components/schemas/Error' }, json, 'response');
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
