import { Redis } from 'ioredis';
import type { Logger } from './log.ts';

/**
 * The Redis (or Valkey) client N proxy instances share (Node only). While Redis is unreachable a
 * command fails after one reconnection attempt or a second, whichever is first, rather than queueing
 * until it is back, so the cache falls back to calling Metronome; the client keeps reconnecting.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000, retryStrategy: (times) => Math.min(times * 100, 2_000) });
  let reported = false;
  redis.on('error', (err: Error) => {
    if (!reported) logger.warn({ err: err.message }, 'Redis unreachable; retrying in the background');
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  return redis;
}
