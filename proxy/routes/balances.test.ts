import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID } from '../../simulator/index.ts';
import type { BalanceItem, BalancesResponse, ErrorBody } from '../../contract/index.ts';
import type { BreakdownInvoice, Invoice } from '../metronome/types.ts';
import { toMicros } from '../money.ts';
import { lineKind } from '../shape/lines.ts';
import { authGet, METRONOME_TOKEN, NOW, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';
import { recordingLogger } from '../test/logger.ts';

async function balances(customerId: string, app = testApp()) {
  const response = await authGet(app, '/api/balances', customerId);
  return { status: response.status, body: (await response.json()) as BalancesResponse & ErrorBody };
}

/** Straight from the simulator with the Metronome token, to compare the proxy with. */
async function simulatorGet<T>(path: string): Promise<T> {
  const response = await simulatorFetch()(`https://metronome.test${path}`, { headers: { authorization: `Bearer ${METRONOME_TOKEN}` } });
  return ((await response.json()) as { data: T }).data;
}

const micros = (values: number[]) => values.reduce((sum, v) => sum + toMicros(v), 0);
const byName = (items: BalanceItem[], name: string) => items.find((i) => i.name === name)!;

/** What every item promises: a running ledger, amounts that add up, segments and runway consistent. */
function assertItemAddsUp(item: BalanceItem) {
  let running = 0;
  for (const entry of item.ledger) {
    running += toMicros(entry.amount);
    assert.equal(toMicros(entry.balance_after), running, `${item.name}: balance_after is the running sum`);
  }
  for (let i = 1; i < item.ledger.length; i++) assert.ok(item.ledger[i - 1]!.timestamp <= item.ledger[i]!.timestamp, 'oldest first');
  // The simulator's ledgers hold only starts, deductions and expirations, so they balance exactly.
  assert.equal(toMicros(item.granted), toMicros(item.used) + toMicros(item.remaining) + toMicros(item.expired), `${item.name}: granted = used + remaining + expired`);
  assert.equal(toMicros(item.remaining), running, 'the simulator\'s balance is its ledger\'s sum');
  assert.equal(toMicros(item.granted) + toMicros(item.upcoming), micros(item.segments.map((s) => s.amount)));
}

describe('GET /api/balances over the simulator', () => {
  it('answers 401 without a session', async () => {
    const response = await testApp().request('/api/balances');
    assert.equal(response.status, 401);
  });

  it('answers 502 when Metronome fails, passing nothing of its answer on', async () => {
    const upstream = simulatorFetch();
    const failing: typeof fetch = async (input, init) => {
      const url = new URL(new Request(input, init).url);
      if (url.pathname === '/v1/contracts/customerBalances/list') {
        return Response.json({ message: `internal trace: Bearer ${METRONOME_TOKEN}` }, { status: 500 });
      }
      return upstream(input, init);
    };
    const response = await authGet(testApp({ fetch: failing }), '/api/balances', ACME_ID);
    const text = await response.text();
    assert.equal(response.status, 502);
    assert.equal((JSON.parse(text) as ErrorBody).error.code, 'upstream_error');
    assert.ok(!text.includes(METRONOME_TOKEN) && !text.includes('internal trace'), text);
  });

  it('answers empty items and totals for a customer without commits or credits (Globex)', async () => {
    const { status, body } = await balances(GLOBEX_ID);
    assert.equal(status, 200);
    assert.deepEqual(body, { totals: [], items: [], as_of: NOW.toISOString(), stale: false });
  });

  it('asks for contract balances with ledgers, one daily breakdowns fetch of 30 whole days, and cross-checks the net balance', async () => {
    const logger = recordingLogger();
    const calls: UpstreamCall[] = [];
    await balances(INITECH_ID, testApp({ fetch: simulatorFetch(calls), logger }));
    const list = calls.filter((c) => c.url.pathname === '/v1/contracts/customerBalances/list');
    assert.equal(list.length, 1);
    assert.deepEqual(list[0]!.body, { customer_id: INITECH_ID, include_balance: true, include_ledgers: true, include_contract_balances: true, limit: 25 });
    const breakdowns = calls.filter((c) => c.url.pathname.endsWith('/invoices/breakdowns'));
    assert.equal(breakdowns.length, 1);
    assert.deepEqual(
      ['window_size', 'starting_on', 'ending_before'].map((k) => breakdowns[0]!.url.searchParams.get(k)),
      ['day', '2026-10-26T00:00:00.000Z', '2026-11-25T00:00:00.000Z'],
    );
    const net = calls.filter((c) => c.url.pathname === '/v1/contracts/customerBalances/getNetBalance').map((c) => (c.body as { credit_type_id: string }).credit_type_id);
    assert.equal(net.length, 2, 'one check per credit type');
    assert.deepEqual(logger.lines, [], 'the simulator\'s net balance agrees with the items');
  });

  it('lists Acme\'s $5 reward credit (priority 1) before the $100 prepaid commit (priority 100), and burns it first', async () => {
    const { status, body } = await balances(ACME_ID);
    assert.equal(status, 200);
    assert.deepEqual(body.items.map((i) => [i.name, i.priority]), [
      ['Reward credit', 1],
      ['Storage promotion', 5],
      ['Platform prepaid commit', 100],
    ]);
    const reward = byName(body.items, 'Reward credit');
    const commit = byName(body.items, 'Platform prepaid commit');
    assert.deepEqual([reward.granted, reward.used, reward.remaining], [500, 500, 0]);
    // The first invoice the commit paid for had already used the whole reward credit.
    const firstCommitInvoice = commit.ledger.find((e) => e.invoice_id)!.invoice_id;
    assert.equal(reward.ledger.find((e) => e.invoice_id)!.invoice_id, firstCommitInvoice);
    assert.equal(commit.type, 'PREPAID');
    assert.equal(reward.type, 'CREDIT');
    for (const item of body.items) assertItemAddsUp(item);
  });

  it('names the unnamed storage promotion after its product and tells used from expired', async () => {
    const { body } = await balances(ACME_ID);
    const promotion = byName(body.items, 'Storage promotion');
    assert.deepEqual([promotion.used, promotion.expired, promotion.remaining], [526.907, 1473.093, 0]);
    assert.deepEqual(promotion.ledger.map((e) => e.type), ['CREDIT_SEGMENT_START', 'CREDIT_AUTOMATED_INVOICE_DEDUCTION', 'CREDIT_EXPIRATION']);
    assert.deepEqual(promotion.segments.map((s) => s.status), ['expired']);
    assert.deepEqual(promotion.runway, { burn_per_day: 0, runs_out_at: null, expires_at: null, runs_out_before_expiry: null, top_up: 0 });
  });

  it('derives the runway from the last 30 days of daily application lines', async () => {
    const { body } = await balances(ACME_ID);
    const commit = byName(body.items, 'Platform prepaid commit');
    const windows = await simulatorGet<BreakdownInvoice[]>(`/v1/customers/${ACME_ID}/invoices/breakdowns?window_size=day&starting_on=2026-10-26T00:00:00Z&ending_before=2026-11-25T00:00:00Z&limit=100`);
    const applied = windows.flatMap((w) => w.line_items).filter((l) => lineKind(l) === 'application' && l.commit_id === commit.id);
    const burned = -micros(applied.map((l) => l.total));
    assert.ok(burned > 0);
    assert.equal(toMicros(commit.runway.burn_per_day), Math.round(burned / 30));
    const days = toMicros(commit.remaining) / (burned / 30);
    assert.equal(commit.runway.runs_out_at, new Date(NOW.getTime() + Math.round(days * 86_400_000)).toISOString());
    assert.equal(commit.runway.expires_at, '2027-09-01T00:00:00.000Z');
    assert.equal(commit.runway.runs_out_before_expiry, true);
  });

  it('suggests as top-up what the stated rate draws until the expiry beyond what is left: Acme\'s commit runs out in December, nine months early', async () => {
    const { body } = await balances(ACME_ID);
    const commit = byName(body.items, 'Platform prepaid commit');
    const days = (Date.parse(commit.runway.expires_at!) - NOW.getTime()) / 86_400_000;
    assert.equal(toMicros(commit.runway.top_up), Math.round(toMicros(commit.runway.burn_per_day) * days) - toMicros(commit.remaining));
    assert.ok(commit.runway.top_up > 200 * 90, `about 280 days at $0.90 less $31.85, not ${commit.runway.top_up}`);
    for (const item of body.items.filter((i) => i.runway.burn_per_day === 0)) assert.equal(item.runway.top_up, 0, `${item.name}: no burn, no suggestion`);
  });

  it('counts Initech\'s upcoming segment in upcoming, not remaining, and totals USD then GPU credits exactly', async () => {
    const { body } = await balances(INITECH_ID);
    assert.deepEqual(body.totals.map((t) => t.credit_type.name), ['USD (cents)', 'GPU credits']);
    const gpu = byName(body.items, 'Reserved GPU capacity');
    assert.deepEqual(gpu.segments.map((s) => s.status), ['expired', 'expired', 'expired', 'active', 'upcoming']);
    assert.equal(gpu.upcoming, 43000);
    assert.equal(gpu.granted, 4 * 43000);
    assert.equal(gpu.remaining, 8561.82875);
    assert.ok(gpu.expired > 0, 'past months expired with credits left');
    assert.equal(gpu.runway.expires_at, '2026-12-01T00:00:00.000Z', 'the end of the segment in force, not of the upcoming one, which brings its own');
    assert.equal(gpu.runway.runs_out_before_expiry, false, 'at its rate it would last into Dec 1, after its segment ends');
    assert.equal(gpu.runway.top_up, 0, 'enough for its segment');
    for (const item of body.items) assertItemAddsUp(item);
    for (const total of body.totals) {
      const items = body.items.filter((i) => i.credit_type.id === total.credit_type.id);
      for (const field of ['granted', 'used', 'remaining', 'expired', 'upcoming'] as const) {
        assert.equal(toMicros(total[field]), micros(items.map((i) => i[field])), `${total.credit_type.name} ${field}`);
      }
    }
  });

  it('marks the future-dated deductions of draft invoices pending, and only those', async () => {
    const { body } = await balances(INITECH_ID);
    const drafts = new Set((await simulatorGet<Invoice[]>(`/v1/customers/${INITECH_ID}/invoices?status=DRAFT&limit=100`)).map((i) => i.id));
    const entries = body.items.flatMap((i) => i.ledger);
    const pending = entries.filter((e) => e.pending);
    assert.equal(pending.length, 2, 'this month\'s draft deduction of each commit');
    for (const entry of pending) {
      assert.ok(entry.timestamp > NOW.toISOString());
      assert.ok(drafts.has(entry.invoice_id!));
      assert.ok(entry.amount < 0);
    }
    for (const entry of entries.filter((e) => !e.pending)) assert.ok(entry.timestamp <= NOW.toISOString());
  });

  it('counts as available now only what prepaid commits and credits in force have left: Acme\'s $31.85, none of Initech\'s USD minimum', async () => {
    const acme = (await balances(ACME_ID)).body;
    assert.equal(acme.totals[0]!.available_now, byName(acme.items, 'Platform prepaid commit').remaining, 'the expired credits have nothing left');
    assert.equal(acme.totals[0]!.available_now, 3185.2031);
    const initech = (await balances(INITECH_ID)).body;
    assert.deepEqual(initech.totals.map((t) => [t.credit_type.name, t.available_now]), [
      ['USD (cents)', 0],
      ['GPU credits', 8561.82875],
    ]);
    assert.ok(byName(initech.items, 'Storage annual minimum').remaining > 0, 'Metronome still calls the minimum\'s rest a balance');
  });

  it('reads Initech\'s $60,000 postpaid minimum as consumption toward it, projecting the shortfall at the last 30 days\' storage usage', async () => {
    const { body } = await balances(INITECH_ID);
    const minimum = byName(body.items, 'Storage annual minimum');
    assert.equal(minimum.type, 'POSTPAID');
    const windows = await simulatorGet<BreakdownInvoice[]>(`/v1/customers/${INITECH_ID}/invoices/breakdowns?window_size=day&starting_on=2026-10-26T00:00:00Z&ending_before=2026-11-25T00:00:00Z&limit=100`);
    const storage = windows.flatMap((w) => w.line_items).filter((l) => lineKind(l) === 'usage' && l.credit_type?.name === 'USD (cents)' && /storage/i.test(l.name));
    const perDay = Math.round(micros(storage.map((l) => l.total)) / 30);
    const c = minimum.commitment!;
    assert.equal(c.minimum, 6_000_000);
    assert.equal(c.consumed, minimum.used, 'every deduction so far, the pending one of this month included');
    assert.equal(toMicros(c.consumption_per_day), perDay);
    const left = Date.parse('2027-08-01T00:00:00Z') - NOW.getTime();
    assert.equal(toMicros(c.projected_consumption), toMicros(c.consumed) + Math.round((perDay * left) / 86_400_000));
    assert.equal(toMicros(c.projected_shortfall), toMicros(6_000_000) - toMicros(c.projected_consumption));
    assert.ok(c.projected_shortfall > 0 && c.projected_shortfall < 200_000, `short by $${c.projected_shortfall / 100}`);
    assert.equal(c.ends_at, '2027-08-01T00:00:00.000Z');
    assert.equal(minimum.runway.runs_out_at, null, 'a minimum does not run out');
    for (const item of body.items.filter((i) => i.type !== 'POSTPAID')) assert.equal(item.commitment, null);
  });

  it('projects Hooli\'s four-month minimum, ending with this period, short of $45,000 by less than the true-up so far', async () => {
    const { body } = await balances(HOOLI_ID);
    const minimum = byName(body.items, 'Inference and storage minimum');
    const trueUp = -minimum.ledger.filter((e) => e.type.endsWith('TRUEUP')).reduce((sum, e) => sum + toMicros(e.amount), 0);
    const c = minimum.commitment!;
    assert.equal(toMicros(c.consumed) + trueUp, toMicros(c.minimum), 'the draft true-up is the shortfall so far');
    assert.ok(c.projected_consumption > c.consumed && toMicros(c.projected_shortfall) < trueUp, 'the last days of usage lower it');
  });
});
