import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID } from '../../simulator/index.ts';
import { authGet, simulatorFetch, testApp } from '../test/harness.ts';

describe('the transport', () => {
  it('calls fetch with globalThis as `this`, as the global fetch of Workers and browsers requires', async () => {
    const simulator = simulatorFetch();
    // Workers' and browsers' own fetch throw when called as a method of anything but globalThis.
    const strictFetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if (this !== globalThis) throw new TypeError('Illegal invocation: function called with incorrect `this` reference.');
      return simulator(input, init);
    } as typeof fetch;
    const response = await authGet(testApp({ fetch: strictFetch }), '/api/customer', ACME_ID);
    assert.equal(response.status, 200, await response.clone().text());
  });
});
