// Small HTTP helpers shared by the simulator's routes: Metronome-style errors, query parameter
// parsing and opaque pagination cursors.
import type { Context } from 'hono';
import { hashString } from './data.ts';

/** Every Metronome error body is `{message}` (components/schemas/Error). */
export function apiError(c: Context, status: 400 | 401 | 404 | 500, message: string): Response {
  return c.json({ message }, status);
}

export class BadRequest extends Error {}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 100;

/** `limit` query parameter (PageLimit: integer 1..100). Missing → DEFAULT_LIMIT. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new BadRequest(`limit must be an integer between 1 and ${MAX_LIMIT} (got ${JSON.stringify(raw)})`);
  }
  return n;
}

export function parseBoolean(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new BadRequest(`${name} must be true or false (got ${JSON.stringify(raw)})`);
}

/** Stable fingerprint binding a cursor to the query that produced it. */
export function fingerprint(query: unknown): string {
  return hashString(JSON.stringify(query)).toString(16).padStart(8, '0');
}

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Opaque cursor for "continue at row `offset` of the query with fingerprint `fp`". */
export function encodeCursor(offset: number, fp: string): string {
  return toBase64Url(`v1:${offset}:${fp}`);
}

/**
 * Decodes a `next_page` cursor; undefined → 0. A cursor that is malformed, was issued for another
 * query, or points past the end of the result is a 400.
 */
export function decodeCursor(raw: string | undefined, fp: string, total: number): number {
  if (raw === undefined) return 0;
  let decoded = '';
  try {
    decoded = /^[A-Za-z0-9_-]+$/.test(raw) ? atob(raw.replace(/-/g, '+').replace(/_/g, '/')) : '';
  } catch {
    decoded = '';
  }
  const m = /^v1:(\d{1,15}):([0-9a-f]{8})$/.exec(decoded);
  const offset = m ? Number(m[1]) : NaN;
  if (!m || m[2] !== fp || !(offset > 0 && offset < total)) {
    throw new BadRequest('Invalid next_page: the cursor is malformed or does not belong to this query');
  }
  return offset;
}

/** ISO 8601 UTC without milliseconds, the way Metronome prints timestamps. */
export function isoHour(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
