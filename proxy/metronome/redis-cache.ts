import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import type { CacheStore, CachedAnswer } from './cache.ts';

/**
 * The cache and the fetch claims in Redis (or Valkey), shared by every proxy instance: N instances
 * behind a load balancer make the Metronome calls of one. Answers are stored as JSON with Redis's own
 * expiry; a claim is `SET NX PX` on a key of its own, so it lapses by itself if its holder dies.
 *
 * Redis failing must not take billing pages down with it: a read or write that fails is logged and
 * treated as a miss (the proxy then calls Metronome itself, as a single instance would), and /readyz
 * reports Redis as down.
 */
export function createRedisCache(redis: Redis, options: { logger: Logger; prefix?: string }): CacheStore {
  const prefix = options.prefix ?? 'metronome-widgets:';
  const answerKey = (key: string) => `${prefix}answer:${key}`;
  const claimKey = (key: string) => `${prefix}claim:${key}`;
  const failed = (operation: string) => (err: unknown) => {
    options.logger.warn({ operation, err: (err as Error).message }, 'Redis cache unavailable; calling Metronome directly');
    return undefined;
  };

  return {
    async get(key) {
      const text = await redis.get(answerKey(key)).catch(failed('get'));
      if (!text) return undefined;
      try {
        return JSON.parse(text) as CachedAnswer;
      } catch {
        return undefined;
      }
    },
    async set(key, answer, _size, keepMs) {
      await redis.set(answerKey(key), JSON.stringify(answer), 'PX', Math.max(1, Math.round(keepMs))).catch(failed('set'));
    },
    async claim(key, ttlMs) {
      const answer = await redis.set(claimKey(key), '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX').catch(failed('claim'));
      // Redis down: every instance fetches for itself rather than wait on a claim nobody can see.
      return answer === 'OK' || answer === undefined;
    },
    async release(key) {
      await redis.del(claimKey(key)).catch(failed('release'));
    },
    async isClaimed(key) {
      return (await redis.exists(claimKey(key)).catch(failed('isClaimed'))) === 1;
    },
  };
}
