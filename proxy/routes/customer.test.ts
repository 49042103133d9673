import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, GLOBEX_ID, INITECH_ID, METRIC_IDS } from '../../simulator/index.ts';
import type { CustomerResponse, ErrorBody } from '../../contract/index.ts';
import { currentBillingPeriod } from '../shape/billing-period.ts';
import type { Contract } from '../metronome/types.ts';
import { authGet, testApp } from '../test/harness.ts';

async function customer(id: string, app = testApp()) {
  const response = await authGet(app, '/api/customer', id);
  return { status: response.status, body: (await response.json()) as CustomerResponse & ErrorBody };
}

describe('GET /api/customer', () => {
  it('names the customer, its current billing period and the metrics it can chart', async () => {
    const { status, body } = await customer(ACME_ID);
    assert.equal(status, 200);
    assert.equal(body.customer.name, 'Acme Robotics');
    // The harness clock is 2026-11-25 and Acme bills monthly from the 1st.
    assert.deepEqual(body.current_billing_period, { starting_on: '2026-11-01T00:00:00.000Z', ending_before: '2026-12-01T00:00:00.000Z' });
    assert.deepEqual(
      body.billable_metrics.map((m) => [m.id, m.name, m.group_keys]),
      [
        [METRIC_IDS.cpuHours, 'CPU hours', [['region']]],
        [METRIC_IDS.apiRequests, 'API requests', [['endpoint']]],
        [METRIC_IDS.storageGbHours, 'Storage GB-hours', [['tier']]],
      ],
    );
  });

  it('follows each contract\'s own billing anchor and lists compound keys', async () => {
    const { body } = await customer(GLOBEX_ID);
    assert.deepEqual(body.current_billing_period, { starting_on: '2026-11-15T00:00:00.000Z', ending_before: '2026-12-15T00:00:00.000Z' });
    assert.deepEqual(body.billable_metrics[0]!.group_keys, [['model', 'region'], ['model']]);
    assert.equal((await customer(INITECH_ID)).body.billable_metrics[0]!.name, 'GPU seconds');
  });

  it('answers 502 with a plain message when Metronome fails', async () => {
    const failing: typeof fetch = async () => new Response('{"message":"boom"}', { status: 503 });
    const { status, body } = await customer(ACME_ID, testApp({ fetch: failing }));
    assert.equal(status, 502);
    assert.doesNotMatch(body.error.message, /boom/);
  });
});

describe('the current billing period of a contract', () => {
  // Only the fields the period is computed from; Metronome's frequencies come in any case.
  const contract = (frequency: string, anchor: string, ending_before: string | null = null) =>
    ({ id: 'c', starting_at: '2025-01-31T00:00:00Z', ending_before, usage_statement_schedule: { frequency, billing_anchor_date: anchor } }) as unknown as Contract;

  it('steps months from the anchor, keeping month-end anchors inside short months', () => {
    assert.deepEqual(currentBillingPeriod([contract('MONTHLY', '2025-01-31T00:00:00Z')], new Date('2025-03-01T12:00:00Z')), {
      start: new Date('2025-02-28T00:00:00Z'),
      end: new Date('2025-03-31T00:00:00Z'),
    });
  });

  it('handles quarterly, annual and weekly schedules and ignores contracts not in force', () => {
    const now = new Date('2025-08-10T00:00:00Z');
    assert.equal(currentBillingPeriod([contract('quarterly', '2025-01-31T00:00:00Z')], now)!.start.toISOString(), '2025-07-31T00:00:00.000Z');
    assert.equal(currentBillingPeriod([contract('ANNUAL', '2025-01-31T00:00:00Z')], now)!.end.toISOString(), '2026-01-31T00:00:00.000Z');
    assert.equal(currentBillingPeriod([contract('WEEKLY', '2025-08-04T00:00:00Z')], now)!.start.toISOString(), '2025-08-04T00:00:00.000Z');
    assert.equal(currentBillingPeriod([contract('MONTHLY', '2025-01-31T00:00:00Z', '2025-06-01T00:00:00Z')], now), null);
  });

  it('ends the last period at the contract\'s end', () => {
    const period = currentBillingPeriod([contract('MONTHLY', '2025-01-31T00:00:00Z', '2025-08-15T00:00:00Z')], new Date('2025-08-10T00:00:00Z'));
    assert.equal(period!.end.toISOString(), '2025-08-15T00:00:00.000Z');
  });
});
