import type { UpstreamCall } from './harness.ts';

/**
 * A hand-made Metronome for tests of shapes the simulator never sends: answers by path from a table
 * of handlers (each sees the query), 404 for anything else, and records every call.
 */
export type FakeHandler = (url: URL, body: unknown) => unknown;

export function fakeFetch(routes: Record<string, FakeHandler>, calls: UpstreamCall[] = []): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const body = text ? JSON.parse(text) : undefined;
    calls.push({ method: request.method, url, body });
    const route = Object.keys(routes).find((pattern) => new RegExp(`^${pattern.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(url.pathname));
    if (!route) return Response.json({ message: 'not found' }, { status: 404 });
    return Response.json(routes[route]!(url, body));
  };
}

export const USD = { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' };
export const GPU = { id: '5ae401dc-a648-4b49-9ac3-391bb5bc4d7b', name: 'GPU credits' };
export const PRODUCT = '8f2c6a1e-3b7d-4e95-a0c4-1d9e7b3f5a62';
export const COMMIT = '11111111-2222-4333-8444-555555555555';
export const SEGMENT = '66666666-7777-4888-9999-000000000000';

/** A usage line as Metronome sends it. */
export const usageLine = (name: string, total: number, extra: Record<string, unknown> = {}, credit_type = USD) => ({
  name,
  type: 'usage',
  product_id: PRODUCT,
  credit_type,
  quantity: 1,
  unit_price: total,
  total,
  ...extra,
});

/** An application line at its barest: negative, no type object, quantity, price or group values. */
export const bareApplication = (total: number, credit_type = USD) => ({
  name: 'Prepaid commit',
  type: 'usage',
  product_id: PRODUCT,
  credit_type,
  total,
  commit_id: COMMIT,
  commit_segment_id: SEGMENT,
  commit_type: 'PrepaidCommit',
});

/** One breakdown item: an invoice's lines in one window. */
export function breakdown(day: string, lines: unknown[], extra: Record<string, unknown> = {}, credit_type = USD) {
  const start = new Date(`${day}T00:00:00Z`);
  const end = new Date(start.getTime() + 86_400_000);
  return {
    id: '0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f0',
    customer_id: 'c',
    type: 'USAGE',
    status: 'DRAFT',
    credit_type,
    start_timestamp: '2026-11-01T00:00:00Z',
    end_timestamp: '2026-12-01T00:00:00Z',
    breakdown_start_timestamp: start.toISOString(),
    breakdown_end_timestamp: end.toISOString(),
    line_items: lines,
    total: 0,
    ...extra,
  };
}
