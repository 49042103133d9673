import { LRUCache } from 'lru-cache';

/**
 * Where Metronome's answers are kept between requests, keyed by the upstream request (which names the
 * customer). In memory by default; in Redis (redis-cache.ts) when several proxy instances share one.
 */

export interface CachedAnswer {
  /** The parsed JSON body. Never mutated by readers: the memory store freezes it. */
  value: unknown;
  /** Epoch ms when Metronome sent it. */
  fetchedAt: number;
}

export interface CacheStore {
  get(key: string): Promise<CachedAnswer | undefined>;
  /** `size` is the answer's length in bytes as received, for memory accounting; `keepMs` how long it may be served at all. */
  set(key: string, answer: CachedAnswer, size: number, keepMs: number): Promise<void>;
  /**
   * Claims the one fetch of `key` across every instance sharing the store for `ttlMs`: true for the
   * caller that should fetch. A store of one instance always says true (in-process coalescing is enough).
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back early, once the answer is stored (or the fetch failed). */
  release(key: string): Promise<void>;
  /** Whether another instance holds the claim on `key`. */
  isClaimed(key: string): Promise<boolean>;
}

/** Readers share one object: freezing it turns an accidental in-place sort into a loud error. */
function deepFreeze(value: unknown): unknown {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export interface MemoryCacheOptions {
  /** Most answers kept (default 20,000). */
  maxEntries?: number;
  /** Most bytes of answers kept, as received (default 128 MB). */
  maxBytes?: number;
}

/** An in-process LRU: the least recently used answers go first when either bound is reached. */
export function createMemoryCache(options: MemoryCacheOptions = {}): CacheStore {
  const lru = new LRUCache<string, CachedAnswer>({
    max: options.maxEntries ?? 20_000,
    maxSize: options.maxBytes ?? 128 * 1024 * 1024,
  });
  return {
    async get(key) {
      return lru.get(key);
    },
    async set(key, answer, size, keepMs) {
      lru.set(key, { value: deepFreeze(answer.value), fetchedAt: answer.fetchedAt }, { ttl: keepMs, size: Math.max(1, size) });
    },
    async claim() {
      return true;
    },
    async release() {},
    async isClaimed() {
      return false;
    },
  };
}
