import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, METRIC_IDS } from '../../simulator/index.ts';
import type { ErrorBody, SpendResponse, UsageResponse } from '../../contract/index.ts';
import { authGet, sessionFor, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';

/**
 * Names that are properties of every plain object. Wherever a client's string becomes a key (a
 * parameter name, a group key or value, a dashboard option, a colour, a body field), these are
 * ordinary unknown names: 400 naming the field, or the 200 any unknown name would get, never a 500.
 */
const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

const cpu = (query: string) => `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-11-01&ending_before=2026-11-03&${query}`;

async function get<T>(path: string) {
  const response = await authGet(testApp(), path, ACME_ID);
  return { status: response.status, body: (await response.json()) as T & ErrorBody };
}

async function post(body: unknown, calls: UpstreamCall[] = []) {
  const response = await testApp({ fetch: simulatorFetch(calls) }).request('/api/dashboards/embeddable-url', {
    method: 'POST',
    headers: { authorization: `Bearer ${await sessionFor(ACME_ID)}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

function assertRefused({ status, body }: { status: number; body: ErrorBody }, field: RegExp) {
  assert.equal(status, 400, JSON.stringify(body));
  assert.match(body.error.message, field);
}

describe('prototype names from the client', () => {
  for (const name of NAMES) {
    describe(`"${name}"`, () => {
      it('is an ignored parameter name on every GET route', async () => {
        for (const path of [cpu(`${name}=1`), `/api/spend?starting_on=2026-11-01&ending_before=2026-11-02&${name}=1`, `/api/invoices?${name}=1&${name}=2`, `/api/balances?${name}=x`, `/api/customer?${name}=x`]) {
          assert.equal((await get(path)).status, 200, path);
        }
      });

      it('is an unknown group key, filter key or window size of /api/usage', async () => {
        assertRefused(await get(cpu(`group_key=${name}`)), /^group_key: ".*" is not a group key of CPU hours/);
        assertRefused(await get(cpu(`group_key=region&group_filter=${name}:x`)), /^group_filter: ".*" is not one of the grouped keys/);
        assertRefused(await get(cpu(`window_size=${name}`)), /^window_size: /);
        assertRefused(await get(cpu(`compare=${name}`)), /^compare: /);
        assertRefused(await get(cpu(`current_period=${name}`)), /^current_period: /);
      });

      it('is a group value like any other in a usage filter: nothing matches it', async () => {
        const { status, body } = await get<UsageResponse>(cpu(`group_key=region&group_filter=region:${name},us-east-1`));
        assert.equal(status, 200);
        assert.deepEqual(body.groups, ['us-east-1']);
      });

      it('is a presentation key the customer does not have in /api/spend, and a plain group where there is no usage', async () => {
        assertRefused(await get(`/api/spend?starting_on=2026-11-01&ending_before=2026-11-02&group_by=${name}`), /^group_by: ".*" is not a presentation group key of this customer's products/);
        const empty = await get<SpendResponse>(`/api/spend?starting_on=2027-01-01&ending_before=2027-01-02&group_by=${name}`);
        assert.equal(empty.status, 200);
        assert.equal(empty.body.credit_types[0]!.group_by, name);
      });

      it('is an unknown status, type or flag of the invoice routes', async () => {
        assertRefused(await get(`/api/invoices?status=${name}`), /^status: /);
        assertRefused(await get(`/api/invoices?type=${name}`), /^type: /);
        assertRefused(await get(`/api/invoices/${name}`), /^id: /);
        assertRefused(await get(`/api/invoices/a33284aa-f80f-4fd2-9e52-41b35b17955f?show_zero_usage_line_items=${name}`), /^show_zero_usage_line_items: /);
      });

      it('is an unknown field, option, option value or colour of the embeddable-url body', async () => {
        assertRefused(await post(`{"dashboard": "usage", "${name}": {"dashboard": "invoices"}}`), new RegExp(`^${name}: is not a field this request takes`));
        assertRefused(await post(`{"dashboard": "invoices", "dashboard_options": [{"key": "show_zero_usage_line_items", "value": "true", "${name}": 1}]}`), new RegExp(`^dashboard_options\\[0\\]\\.${name}: is not a field`));
        assertRefused(await post({ dashboard: 'invoices', dashboard_options: [{ key: name, value: 'true' }] }), /^dashboard_options\[0\]\.key: ".*" is not an option of the invoices dashboard/);
        assertRefused(await post({ dashboard: 'invoices', dashboard_options: [{ key: 'show_zero_usage_line_items', value: name }] }), /^dashboard_options\[0\]\.value: ".*" is not one of true, false/);
        assertRefused(await post({ dashboard: name }), /^dashboard: ".*" is not one of invoices, usage, commits_and_credits/);
        assertRefused(await post({ dashboard: 'usage', color_overrides: [{ name, value: '#000000' }] }), /^color_overrides\[0\]\.name: ".*" is not one of Metronome's colour names/);
      });

      it('is a group key name and a value display name like any other, passed to Metronome as sent', async () => {
        const calls: UpstreamCall[] = [];
        const text = `{"dashboard": "usage", "bm_group_key_overrides": [{"group_key_name": "${name}", "display_name": "${name}", "value_display_names": {"${name}": "${name}", "us-east-1": "Virginia"}}]}`;
        const { status } = await post(text, calls);
        assert.equal(status, 200);
        assert.deepEqual(calls[0]!.body, { ...JSON.parse(text), customer_id: ACME_ID });
      });
    });
  }
});
