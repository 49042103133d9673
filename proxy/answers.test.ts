import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CustomerResponse, Freshness, UsageResponse } from '../contract/index.ts';
import { authGet, NOW, testApp } from './test/harness.ts';
import { fakeFetch } from './test/fake-metronome.ts';

/**
 * Answers given again as they are: never after the Metronome answers behind them are due for a
 * refresh, never to another customer, never when served stale, and never past the moment the route
 * said its answer moves with the clock.
 */

const ALICE = '0a1b2c3d-0000-4000-8000-00000000000a';
const BOB = '0a1b2c3d-0000-4000-8000-00000000000b';
const METRIC = '5c0ffee0-0000-4000-8000-000000000001';
const USAGE = `/api/usage?billable_metric_id=${METRIC}&starting_on=2026-11-01&ending_before=2026-11-02`;

/** A Metronome whose usage grows by one with every call, so a new computation shows as a new total. */
function growingMetronome() {
  let usageCalls = 0;
  let contractsDown = false;
  const fetch = fakeFetch({
    '/v1/customers/{id}/billable-metrics': () => ({ data: [{ id: METRIC, name: 'CPU hours' }], next_page: null }),
    '/v1/usage/groups': () => ({ data: [{ starting_on: '2026-11-01T00:00:00Z', ending_before: '2026-11-02T00:00:00Z', value: ++usageCalls }], next_page: null }),
    '/v1/customers/{id}': (url) => ({ data: { id: url.pathname.split('/')[3], name: 'Customer' } }),
    '/v2/contracts/list': () => {
      if (contractsDown) throw new Error('unreachable');
      // Weekly periods, the current one ending a minute after the tests' NOW (2026-11-25T10:30:00Z).
      return { data: [{ id: 'k', starting_at: '2026-01-01T00:00:00Z', usage_statement_schedule: { frequency: 'WEEKLY', billing_anchor_date: '2026-11-18T10:31:00Z' } }] };
    },
  });
  return { fetch, usageCalls: () => usageCalls, takeContractsDown: () => (contractsDown = true) };
}

function setup() {
  let t = NOW.getTime();
  const now = () => new Date(t);
  const metronome = growingMetronome();
  const app = testApp({ fetch: metronome.fetch, now, upstream: { now } });
  const get = async <T>(path: string, customer = ALICE) => (await (await authGet(app, path, customer)).json()) as T & Freshness;
  return { ...metronome, get, advance: (seconds: number) => (t += seconds * 1000) };
}

describe('answers given again as they are', () => {
  it('gives the same answer while the Metronome answers behind it are fresh, and a new one after', async () => {
    const { get, advance } = setup();
    const first = await get<UsageResponse>(USAGE);
    assert.equal(first.total, 1);
    advance(20);
    assert.deepEqual(await get<UsageResponse>(USAGE), first, 'the same bytes, as_of included');
    advance(70); // past the usage's 30 s and its refresh window
    const later = await get<UsageResponse>(USAGE);
    assert.equal(later.total, 2);
  });

  it('keeps one customer\'s answer from another asking the same URL', async () => {
    const { get } = setup();
    await get(USAGE, ALICE);
    assert.equal((await get<UsageResponse>(USAGE, BOB)).total, 2, 'computed for Bob from his own usage');
  });

  it('does not keep an answer given while its figures were being refreshed', async () => {
    const { get, advance, usageCalls } = setup();
    await get(USAGE);
    advance(45); // within the refresh window: the old figures, refreshed behind them
    assert.equal((await get<UsageResponse>(USAGE)).total, 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(usageCalls(), 2);
    assert.equal((await get<UsageResponse>(USAGE)).total, 2, 'the refreshed figures, not the remembered answer');
  });

  it('gives a new billing period as soon as the old one ends, though the contracts are still cached', async () => {
    const { get, advance, takeContractsDown } = setup();
    const before = await get<CustomerResponse>('/api/customer');
    assert.equal(before.current_billing_period?.ending_before, '2026-11-25T10:31:00.000Z');
    takeContractsDown(); // a new call for contracts would fail: the answer below is from the cache
    advance(61);
    const after = await get<CustomerResponse>('/api/customer');
    assert.equal(after.current_billing_period?.starting_on, '2026-11-25T10:31:00.000Z');
  });
});
