// Test helper for the contract, balance, pricing and dashboard routes: like test-helpers.ts `call`,
// every JSON response is checked against the spec, with the operation found by matching the URL
// against every templated path of spec/metronome-openapi.json.
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import spec from '../spec/metronome-openapi.json' with { type: 'json' };
import { validateResponse, validateSchema } from '../spec/validate.ts';
import type { Reply } from './test-helpers.ts';
import { TOKEN } from './test-helpers.ts';

const templates = Object.entries((spec as { paths: Record<string, Record<string, unknown>> }).paths).map(([path, ops]) => ({
  path,
  methods: Object.keys(ops),
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

export function specPathOf(method: string, url: string): string | undefined {
  const path = new URL(url, 'http://localhost').pathname;
  return templates.find((t) => t.methods.includes(method.toLowerCase()) && t.pattern.test(path))?.path;
}

export async function specCall(app: Hono, method: 'GET' | 'POST', url: string, init: { json?: unknown; rawBody?: string; authorization?: string | null } = {}): Promise<Reply> {
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
