import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { LRUCache } from 'lru-cache';
import type { Freshness } from '../contract/index.ts';
import type { ApiEnv } from './context.ts';

/**
 * The JSON answers of /api routes, and the ones that can be given again as they are.
 *
 * A GET whose answer is a pure function of its query and of Metronome answers the cache still holds
 * unchanged gets the same bytes until the first of those answers is due for a refresh: shaping and
 * serialising them again would only cost time. The memory is per customer and per URL, holds only
 * answers served fresh (never stale or revalidating ones), and a route opts in by saying until when its
 * answer does not depend on the clock (`reusableUntil`); routes whose answer moves with the clock
 * (days left, runways) do not.
 */

const JSON_HEADERS = { 'content-type': 'application/json' };

/** A route's JSON answer with the `as_of` and `stale` of the Metronome figures behind it. */
export function answer<T extends object>(c: Context<ApiEnv>, body: T, options: { reusableUntil?: number } = {}) {
  const withFreshness: T & Freshness = { ...body, ...c.var.upstream.freshness() };
  const text = JSON.stringify(withFreshness);
  if (options.reusableUntil !== undefined) c.set('reusable', { text, until: Math.min(options.reusableUntil, c.var.upstream.freshUntil) });
  return c.body(text, 200, JSON_HEADERS);
}

/** Gives a GET the answer it got before while that answer is still good; remembers the ones that can be. */
export function reuseAnswers(options: { now: () => Date; maxBytes?: number }) {
  const remembered = new LRUCache<string, { text: string; until: number }>({
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (entry) => entry.text.length + 64,
  });
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const key = `${c.var.customerId} ${c.req.url}`;
    const known = remembered.get(key);
    if (known && options.now().getTime() < known.until) return c.body(known.text, 200, JSON_HEADERS);
    await next();
    const reusable = c.var.reusable;
    if (reusable && c.res.status === 200 && reusable.until > options.now().getTime()) remembered.set(key, reusable);
  });
}
