// Hooli AI, the demo's default customer: an AI-infrastructure company whose books must read as real
// ones. Every answer goes through `call`, so it is also checked against the spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOOLI_ID, METRIC_IDS } from './catalog.ts';
import { dataClock } from './data.ts';
import { customerInvoices } from './billing/invoices.ts';
import { contractBooks } from './billing/statements.ts';
import { contractsOf, PRODUCT_IDS, USD_CENTS } from './billing/world.ts';
import { allUsage, call, NOW, simulator } from './test-helpers.ts';

const app = simulator();
const micros = (n: number) => Math.round(n * 1_000_000);
const sumTotals = (lines: any[]) => lines.reduce((s, l) => s + micros(l.total), 0);
const base = `/v1/customers/${HOOLI_ID}/invoices`;
const HOOLI_CONTRACT = '3c5ea9ab-f547-49b8-8599-029f1747448a';
const MINIMUM = 'a7e2cbac-d149-45d1-8363-44fe7f140f78';
/** Gross usage a month, in cents: what the demo promises of this customer. */
const MONTHLY = { least: 1_000_000, most: 5_000_000 };

async function everyInvoice(query = ''): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '?';
    const reply = await call(app, 'GET', `${base}${query}${cursor ? `${sep}next_page=${cursor}` : ''}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    out.push(...reply.body.data);
    cursor = reply.body.next_page;
  } while (cursor !== null);
  return out;
}

async function ledgers(): Promise<any[]> {
  const reply = await call(app, 'POST', '/v2/contracts/get', { json: { customer_id: HOOLI_ID, contract_id: HOOLI_CONTRACT, include_ledgers: true, include_balance: true } });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return [...reply.body.data.commits, ...reply.body.data.credits];
}

const usageLines = (invoice: any) => invoice.line_items.filter((l: any) => l.quantity !== undefined && l.type === 'usage');
const paidBy = (invoice: any) => invoice.line_items.filter((l: any) => micros(l.total) < 0);

test('Hooli AI spends $10,000 to $50,000 a month and owes money on every finished month', async () => {
  const usage = await everyInvoice('?type=USAGE');
  const finalized = usage.filter((i) => i.status === 'FINALIZED');
  assert.equal(finalized.length, 3, 'three finished months and this one');
  assert.equal(usage.filter((i) => i.status === 'DRAFT').length, 1);
  for (const invoice of finalized) {
    const gross = sumTotals(usageLines(invoice));
    assert.ok(gross >= micros(MONTHLY.least) && gross <= micros(MONTHLY.most), `gross ${gross / 1e8} dollars`);
    assert.ok(micros(invoice.total) > 0, 'commits and credits do not cover everything');
    assert.equal(sumTotals(invoice.line_items), micros(invoice.total), 'total = sum of lines');
    for (const line of invoice.line_items) assert.equal(line.credit_type.id, USD_CENTS.id, 'dollars only: no custom pricing unit to convert');
  }
});

test('the month the GPU commit ran out bills GPU overage, and the commit paid for GPU hours only', async () => {
  const [first, second, last] = await everyInvoice('?type=USAGE&status=FINALIZED');
  const gpu = (invoice: any) => invoice.line_items.filter((l: any) => l.product_id === PRODUCT_IDS.hooliGpuHours);
  const gpuCharged = (invoice: any) => sumTotals(gpu(invoice).filter((l: any) => l.quantity !== undefined));
  const gpuPaid = (invoice: any) => -sumTotals(gpu(invoice).filter((l: any) => micros(l.total) < 0));
  assert.equal(gpuPaid(first), gpuCharged(first), 'the first quarter\'s release covers the first month');
  assert.equal(gpuPaid(second), gpuCharged(second));
  assert.ok(gpuPaid(last) > 0 && gpuPaid(last) < gpuCharged(last), 'the release ran out during the last finished month');
  for (const invoice of [first, second, last]) {
    for (const line of paidBy(invoice)) assert.notEqual(line.commit_type, 'PostpaidCommit', 'a postpaid minimum is paid in arrears, never on the invoice');
  }
});

test('finalized invoices went to Stripe, which collected all but the newest two; drafts have not been sent', async () => {
  const invoices = await everyInvoice();
  const finalized = invoices.filter((i) => i.status === 'FINALIZED');
  assert.ok(finalized.some((i) => i.type === 'SCHEDULED'), 'the commit purchase');
  // Issue order: this month's invoice is still to be paid (net 30), last month's card payment failed.
  assert.deepEqual(finalized.map((i) => i.external_invoice.external_status).slice(-3), ['PAID', 'PAYMENT_FAILED', 'FINALIZED']);
  for (const invoice of finalized.slice(0, -2)) assert.equal(invoice.external_invoice.external_status, 'PAID');
  for (const invoice of finalized) {
    assert.equal(invoice.external_invoice.billing_provider_type, 'stripe');
    assert.match(invoice.external_invoice.invoice_id, /^in_[0-9a-f]{24}$/);
    assert.equal(invoice.external_invoice.issued_at_timestamp, invoice.issued_at);
  }
  assert.equal(new Set(finalized.map((i) => i.external_invoice.invoice_id)).size, finalized.length, 'one Stripe invoice each');
  for (const invoice of invoices.filter((i) => i.status === 'DRAFT')) assert.equal(invoice.external_invoice, undefined);
  const overage = finalized.filter((i) => i.type === 'USAGE').at(-1);
  assert.ok(micros(overage.total) > micros(10_000_00), 'the overage invoice Stripe is collecting is over $10,000');
});

test('this month\'s draft true-up bills what usage has left of the four-month minimum, and the ledger agrees', async () => {
  const [trueup] = await everyInvoice('?type=TRUEUP');
  assert.equal(trueup.status, 'DRAFT', 'the minimum ends with the current billing period');
  const current = (await everyInvoice('?type=USAGE&status=DRAFT'))[0];
  assert.deepEqual([trueup.start_timestamp, trueup.end_timestamp], [current.end_timestamp, current.end_timestamp], 'dated at the minimum\'s end');
  assert.deepEqual(
    trueup.line_items.map((l: any) => [l.type, l.name, l.product_id, l.commit_id, l.postpaid_commit?.id, l.quantity]),
    [['postpaid_trueup', 'Inference and storage minimum true-up', PRODUCT_IDS.hooliMinimum, MINIMUM, MINIMUM, 1]],
  );
  const finalized = await everyInvoice('?type=USAGE&status=FINALIZED');
  assert.equal(trueup.line_items[0].starting_at, finalized[0].start_timestamp, 'the line covers the four months');
  assert.equal(sumTotals(trueup.line_items), micros(trueup.total));

  const minimum = (await ledgers()).find((c) => c.id === MINIMUM);
  const amount = micros(minimum.access_schedule.schedule_items[0].amount);
  const deductions = minimum.ledger.filter((e: any) => e.type === 'POSTPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION');
  assert.equal(deductions.length, 4, 'one a month, this month\'s draft included');
  const drawn = -sumTotals(deductions.map((e: any) => ({ total: e.amount })));
  assert.equal(micros(trueup.total), amount - drawn, 'the shortfall so far');
  assert.ok(micros(trueup.total) > 0);
  const entry = minimum.ledger.find((e: any) => e.type === 'POSTPAID_COMMIT_TRUEUP');
  assert.deepEqual([entry.invoice_id, micros(entry.amount), entry.timestamp], [trueup.id, -micros(trueup.total), trueup.end_timestamp]);
  assert.equal(minimum.balance, 0, 'the true-up settles the commitment');
});

test('each postpaid deduction is the inference and storage usage of its invoice, billed in full', async () => {
  const minimum = (await ledgers()).find((c) => c.id === MINIMUM);
  const invoices = await everyInvoice('?type=USAGE');
  for (const entry of minimum.ledger.filter((e: any) => e.type === 'POSTPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION')) {
    const invoice = invoices.find((i) => i.id === entry.invoice_id);
    const covered = invoice.line_items.filter((l: any) => [PRODUCT_IDS.hooliTokens, PRODUCT_IDS.hooliStorage].includes(l.product_id));
    // The launch credit pays for tokens first; the minimum counts what is left.
    assert.equal(-micros(entry.amount), sumTotals(covered), invoice.start_timestamp);
  }
});

test('every ledger adds up to its balance; the launch credit is used up and this quarter\'s GPU release is in use', async () => {
  const items = await ledgers();
  assert.deepEqual(items.map((c) => [c.name, c.type, c.access_schedule.credit_type.id]), [
    ['GPU prepaid commit', 'PREPAID', USD_CENTS.id],
    ['Inference and storage minimum', 'POSTPAID', USD_CENTS.id],
    ['Launch promotion', 'CREDIT', USD_CENTS.id],
  ]);
  for (const item of items) assert.equal(sumTotals(item.ledger.map((e: any) => ({ total: e.amount }))), micros(item.balance), item.name);
  const byName = (name: string) => items.find((c) => c.name === name);
  assert.equal(byName('Launch promotion').balance, 0);
  const commit = byName('GPU prepaid commit');
  assert.ok(commit.balance > 0 && commit.balance < 55_000_00, 'part of this quarter\'s $55,000');
  assert.equal(commit.invoice_schedule.schedule_items[0].amount, 220_000_00, 'bought for the year on one invoice');
});

test('every invoice holds a zero-usage line (fine-tuning, on the contract but unused) unless asked to skip them', async () => {
  const invoices = await everyInvoice('?type=USAGE');
  for (const invoice of invoices) {
    const zero = invoice.line_items.filter((l: any) => l.quantity === 0);
    assert.deepEqual(zero.map((l: any) => [l.name, l.total]), [['Fine-tuning GPU hours', 0]]);
  }
  const skipped = await everyInvoice('?type=USAGE&skip_zero_qty_line_items=true');
  for (const [i, invoice] of skipped.entries()) {
    assert.equal(invoice.line_items.length, invoices[i].line_items.length - 1);
    assert.equal(invoice.total, invoices[i].total);
  }
});

test('GPU lines are priced by GPU and shown by GPU and region, in GPU hours as metered', async () => {
  const [invoice] = await everyInvoice('?type=USAGE&status=FINALIZED');
  const lines = usageLines(invoice).filter((l: any) => l.product_id === PRODUCT_IDS.hooliGpuHours);
  const prices = { H100: 249, A100: 129, L40S: 79 } as Record<string, number>;
  assert.equal(lines.length, 6);
  for (const line of lines) {
    assert.equal(line.name, 'GPU hours');
    assert.deepEqual(line.pricing_group_values, { gpu: line.presentation_group_values.gpu });
    assert.equal(line.unit_price, prices[line.presentation_group_values.gpu]);
    assert.equal(micros(line.total), Math.round(line.quantity * line.unit_price * 1_000_000));
  }
  const range = { starting_on: invoice.start_timestamp, ending_before: invoice.end_timestamp, window_size: 'none' };
  const metered = (await allUsage(app, { customer_id: HOOLI_ID, billable_metric_id: METRIC_IDS.gpuHours, group_key: ['gpu', 'region'], ...range })).rows;
  for (const line of lines) {
    const row = metered.find((r) => r.group?.['gpu'] === line.presentation_group_values.gpu && r.group?.['region'] === line.presentation_group_values.region);
    assert.equal(line.quantity, row?.value, 'no conversion: billed as metered');
  }
});

test('the rate schedule lists a rate per pricing group value, and selectors pick them by value', async () => {
  const rates = (json: Record<string, unknown>) =>
    call(app, 'POST', '/v1/contracts/getContractRateSchedule', { json: { customer_id: HOOLI_ID, contract_id: HOOLI_CONTRACT, at: NOW.toISOString(), ...json } });
  const all = (await rates({})).body.data as any[];
  assert.deepEqual(
    all.filter((r) => r.product_id === PRODUCT_IDS.hooliGpuHours).map((r) => [r.pricing_group_values, r.list_rate.price]),
    [[{ gpu: 'H100' }, 249], [{ gpu: 'A100' }, 129], [{ gpu: 'L40S' }, 79]],
  );
  const exact = (await rates({ selectors: [{ pricing_group_values: { model: 'orion-8b', direction: 'output' } }] })).body.data;
  assert.deepEqual(exact.map((r: any) => r.list_rate.price), [30]);
  assert.deepEqual((await rates({ selectors: [{ pricing_group_values: { model: 'orion-8b' } }] })).body.data, [], 'exact: a rate with more values is not it');
  const partial = (await rates({ selectors: [{ partial_pricing_group_values: { model: 'orion-8b' } }] })).body.data;
  assert.deepEqual(partial.map((r: any) => r.pricing_group_values.direction), ['input', 'output']);
  const product = (await call(app, 'POST', '/v1/contract-pricing/products/get', { json: { id: PRODUCT_IDS.hooliTokens } })).body.data;
  assert.deepEqual([product.current.pricing_group_key, product.current.presentation_group_key], [['model', 'direction'], ['model', 'direction']]);
});

test('daily breakdowns add up to each usage invoice, and spend by any key to its charges', async () => {
  const invoices = await everyInvoice('?type=USAGE');
  const from = invoices[0].start_timestamp;
  const to = invoices.at(-1).end_timestamp;
  const windows: any[] = [];
  let cursor: string | null = null;
  do {
    const reply = await call(app, 'GET', `${base}/breakdowns?starting_on=${from}&ending_before=${to}${cursor ? `&next_page=${cursor}` : ''}`);
    windows.push(...reply.body.data);
    cursor = reply.body.next_page;
  } while (cursor !== null);
  for (const invoice of invoices.filter((i) => i.status === 'FINALIZED')) {
    const own = windows.filter((w) => w.id === invoice.id);
    assert.equal(own.reduce((s, w) => s + micros(w.total), 0), micros(invoice.total), invoice.start_timestamp);
  }
  for (const key of ['region', 'gpu', 'tier', 'direction']) {
    const spend: any[] = [];
    let next: string | undefined;
    do {
      const reply = await call(app, 'POST', `${base}/spend-breakdowns`, { json: { starting_on: from, ending_before: to, window_size: 'none', group_keys: [key], ...(next ? { next_page: next } : {}) } });
      spend.push(...reply.body.data);
      next = reply.body.next_page ?? undefined;
    } while (next !== undefined);
    for (const invoice of invoices.filter((i) => i.status === 'FINALIZED')) {
      const own = spend.filter((w) => w.id === invoice.id).flatMap((w) => w.line_items);
      assert.equal(sumTotals(own), sumTotals(usageLines(invoice)), `${key}: ${invoice.start_timestamp}`);
    }
  }
});

test('whatever the day, the books hold a draft true-up, overage being collected and $10,000 to $50,000 of usage a month', () => {
  // The first of a month, mid-month and the last hour of a month, through a year.
  for (let month = 0; month < 12; month++) {
    for (const day of [1, 15, 31]) {
      const now = new Date(Date.UTC(2026, month, day, day === 31 ? 23 : 0, 30));
      if (now.getUTCMonth() !== month) continue;
      const clock = dataClock(1, now);
      const invoices = customerInvoices(HOOLI_ID, clock, now);
      const at = now.toISOString();
      const usage = invoices.filter((i) => i.type === 'USAGE' && i.status === 'FINALIZED');
      assert.equal(usage.length, 3, at);
      for (const invoice of usage) {
        const gross = invoice.lines.filter((l) => l.kind === 'charge').reduce((s, l) => s + l.total, 0);
        // The first month may start a day before the simulator's 120 days of data.
        assert.ok(gross >= MONTHLY.least * 1e6 && gross <= MONTHLY.most * 1e6, `${at}: ${gross / 1e8}`);
        assert.ok(invoice.total > 0, at);
      }
      // The newest is sent and unpaid, the one before failed, the oldest was paid.
      assert.deepEqual(usage.map((i) => i.external?.external_status), ['PAID', 'PAYMENT_FAILED', 'FINALIZED'], at);
      const trueups = invoices.filter((i) => i.type === 'TRUEUP');
      assert.deepEqual(trueups.map((i) => i.status), ['DRAFT'], at);
      assert.ok(trueups[0]!.total > 0);
      const books = contractBooks(contractsOf(HOOLI_ID, now)[0]!, clock, now);
      const commit = books.commits.find((c) => c.commit.name === 'GPU prepaid commit')!;
      assert.ok(commit.balance > 0, `${at}: this quarter's GPU release is not spent yet`);
      for (const c of books.commits) assert.equal(c.ledger.reduce((s, e) => s + e.amount, 0), c.balance);
    }
  }
});
