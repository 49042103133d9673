import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOOLI_ID } from '../../simulator/index.ts';
import type { BalancesResponse, ErrorBody, InvoiceExplainResponse, InvoicesResponse, SpendResponse, SpendSummaryResponse } from '../../contract/index.ts';
import { toMicros } from '../money.ts';
import { authGet, testApp } from '../test/harness.ts';

/**
 * The demo's default customer through the proxy: a payment status from Stripe, a true-up invoice,
 * rates that differ by group value, and a postpaid minimum drawn without paying for usage.
 */
async function get<T>(path: string) {
  const response = await authGet(testApp(), path, HOOLI_ID);
  return { status: response.status, body: (await response.json()) as T & ErrorBody };
}

describe('the demo customer, Hooli AI, over the proxy', () => {
  it('lists its invoices with Stripe\'s payment status on every finalized one (this month\'s due, last month\'s failed) and the draft true-up', async () => {
    const { status, body } = await get<InvoicesResponse>('/api/invoices?since=2026-08-01');
    assert.equal(status, 200);
    const finalized = body.invoices.filter((i) => i.status === 'finalized');
    assert.deepEqual(finalized.map((i) => i.type), ['usage', 'usage', 'usage', 'scheduled'], 'three months and the commit purchase');
    assert.deepEqual(finalized.map((i) => [i.payment?.provider, i.payment?.status]), [['stripe', 'open'], ['stripe', 'failed'], ['stripe', 'paid'], ['stripe', 'paid']]);
    for (const invoice of body.invoices.filter((i) => i.status === 'draft')) assert.equal(invoice.payment, null);
    // Metronome dates the true-up at the minimum's end; it reads as the span its lines cover, the postpaid segment.
    const drafts = body.invoices.filter((i) => i.status === 'draft');
    assert.deepEqual(drafts.map((i) => i.type), ['trueup', 'usage']);
    assert.deepEqual(drafts.map((i) => [i.period.starting_on, i.period.ending_before]), [
      ['2026-08-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
      ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ]);
    assert.ok(drafts[0]!.total > 0);
  });

  it('explains each GPU line at its GPU\'s rate, quantity × price = total', async () => {
    const invoices = (await get<InvoicesResponse>('/api/invoices?type=usage&status=finalized')).body.invoices;
    const { status, body } = await get<InvoiceExplainResponse>(`/api/invoices/${invoices[0]!.id}/explain`);
    assert.equal(status, 200);
    const gpu = body.lines.filter((l) => l.name === 'GPU hours');
    assert.equal(gpu.length, 6);
    const prices = { H100: 249, A100: 129, L40S: 79 } as Record<string, number>;
    for (const line of gpu) {
      assert.equal(line.rate?.price, prices[line.presentation_group_values!['gpu']!]);
      assert.ok(line.computed?.matches, JSON.stringify(line.presentation_group_values));
    }
    for (const line of body.lines) assert.deepEqual(line.problems, [], `${line.name} ${JSON.stringify(line.presentation_group_values)}`);
  });

  it('counts the postpaid minimum\'s draws and true-up as used, and only the credit and commit as paying', async () => {
    const { status, body } = await get<BalancesResponse>('/api/balances');
    assert.equal(status, 200);
    const minimum = body.items.find((i) => i.type === 'POSTPAID')!;
    assert.equal(minimum.name, 'Inference and storage minimum');
    assert.equal(toMicros(minimum.used), toMicros(minimum.granted), 'draws plus the true-up make the whole minimum');
    assert.ok(minimum.ledger.some((e) => e.type === 'POSTPAID_COMMIT_TRUEUP' && e.pending));
    // October: the month the GPU commit ran out. Net spend is what its invoice asks for.
    const spend = await get<SpendResponse>('/api/spend?starting_on=2026-10-01&ending_before=2026-11-01&window_size=day');
    assert.equal(spend.status, 200);
    const usd = spend.body.credit_types[0]!;
    const october = (await get<InvoicesResponse>('/api/invoices?type=usage&status=finalized')).body.invoices.find((i) => i.period.starting_on === '2026-10-01T00:00:00.000Z')!;
    assert.equal(toMicros(usd.net), toMicros(october.total));
    assert.ok(usd.net > 10_000_00 && usd.net < usd.total, 'overage owed, part of it paid by the commit');
    const summary = await get<SpendSummaryResponse>('/api/spend/summary');
    const now = summary.body.credit_types[0]!;
    assert.ok(now.spend_to_date > 10_000_00 && now.net > 0 && now.net < now.spend_to_date, 'this month: GPU paid by the commit, the rest owed');
  });
});
