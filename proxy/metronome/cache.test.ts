import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryCache } from './cache.ts';

describe('the in-memory cache', () => {
  it('keeps at most maxEntries answers, dropping the least recently used', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('a', { value: 1, fetchedAt: 0 }, 10, 60_000);
    await cache.set('b', { value: 2, fetchedAt: 0 }, 10, 60_000);
    await cache.get('a');
    await cache.set('c', { value: 3, fetchedAt: 0 }, 10, 60_000);
    assert.deepEqual([await cache.get('a'), await cache.get('b'), await cache.get('c')].map((entry) => entry?.value), [1, undefined, 3]);
  });

  it('keeps at most maxBytes of answers', async () => {
    const cache = createMemoryCache({ maxBytes: 100 });
    await cache.set('a', { value: 'x', fetchedAt: 0 }, 60, 60_000);
    await cache.set('b', { value: 'y', fetchedAt: 0 }, 60, 60_000);
    assert.equal(await cache.get('a'), undefined);
    assert.equal((await cache.get('b'))?.value, 'y');
  });

  it('hands every reader the same frozen answer, so one cannot change what another reads', async () => {
    const cache = createMemoryCache();
    await cache.set('k', { value: { data: [{ total: 2 }, { total: 1 }] }, fetchedAt: 0 }, 10, 60_000);
    const { value } = (await cache.get('k'))! as { value: { data: Array<{ total: number }> } };
    assert.throws(() => value.data.sort());
    assert.throws(() => (value.data[0]!.total = 2));
  });
});
