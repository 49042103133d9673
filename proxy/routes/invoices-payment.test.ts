import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GLOBEX_ID, HOOLI_ID } from '../../simulator/index.ts';
import type { InvoiceDetailResponse, InvoiceExplainResponse, InvoicesResponse } from '../../contract/index.ts';
import { fakeFetch, USD } from '../test/fake-metronome.ts';
import { authGet, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';
import { recordingLogger } from '../test/logger.ts';

/** The invoice list's payment status: from Stripe's status when there is one, else from Metronome's payments. */

const paymentCalls = (calls: UpstreamCall[]) => calls.filter((c) => c.url.pathname === '/v1/payments/list');

describe('/api/invoices payment status over the simulator', () => {
  it('reads Hooli\'s from Stripe\'s status without asking for payments: this month\'s due, last month\'s failed, older ones paid', async () => {
    const calls: UpstreamCall[] = [];
    const response = await authGet(testApp({ fetch: simulatorFetch(calls) }), '/api/invoices?since=2026-08-01', HOOLI_ID);
    const body = (await response.json()) as InvoicesResponse;
    const finalized = body.invoices.filter((i) => i.status === 'finalized');
    assert.deepEqual(finalized.map((i) => [i.type, i.payment?.status, i.payment?.external_status]), [
      ['usage', 'open', 'FINALIZED'],
      ['usage', 'failed', 'PAYMENT_FAILED'],
      ['usage', 'paid', 'PAID'],
      ['scheduled', 'paid', 'PAID'],
    ]);
    for (const invoice of finalized) assert.equal(invoice.payment?.provider, 'stripe');
    assert.deepEqual(paymentCalls(calls), []);
  });

  it('reads Globex\'s from its payments, one call per finalized invoice with an amount due and none for drafts', async () => {
    const calls: UpstreamCall[] = [];
    const response = await authGet(testApp({ fetch: simulatorFetch(calls) }), '/api/invoices?since=2026-08-01', GLOBEX_ID);
    assert.equal(response.status, 200);
    const body = (await response.json()) as InvoicesResponse;
    const finalized = body.invoices.filter((i) => i.status === 'finalized');
    assert.deepEqual(finalized.map((i) => i.payment), [
      { status: 'processing', provider: null, external_status: null, external_invoice_id: null },
      { status: 'failed', provider: null, external_status: null, external_invoice_id: null },
      { status: 'paid', provider: null, external_status: null, external_invoice_id: null },
    ]);
    for (const draft of body.invoices.filter((i) => i.status === 'draft')) assert.equal(draft.payment, null);
    assert.deepEqual(paymentCalls(calls).map((c) => (c.body as { invoice_id: string }).invoice_id).sort(), finalized.map((i) => i.id).sort());
  });

  it('gives an invoice opened alone, or explained, the same status as the list', async () => {
    const list = (await (await authGet(testApp(), '/api/invoices', GLOBEX_ID)).json()) as InvoicesResponse;
    const failed = list.invoices.find((i) => i.payment?.status === 'failed')!;
    const detail = (await (await authGet(testApp(), `/api/invoices/${failed.id}`, GLOBEX_ID)).json()) as InvoiceDetailResponse;
    assert.equal(detail.invoice.payment?.status, 'failed');
    const explained = (await (await authGet(testApp(), `/api/invoices/${failed.id}/explain`, GLOBEX_ID)).json()) as InvoiceExplainResponse;
    assert.equal(explained.invoice.payment?.status, 'failed');
  });
});

const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000001';
const invoice = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  customer_id: CUSTOMER,
  type: 'USAGE',
  status: 'FINALIZED',
  credit_type: USD,
  start_timestamp: '2026-10-01T00:00:00Z',
  end_timestamp: '2026-11-01T00:00:00Z',
  issued_at: '2026-11-01T00:00:00Z',
  line_items: [],
  total: 5000,
  ...extra,
});
const payment = (status: string, extra: Record<string, unknown> = {}) => ({ id: crypto.randomUUID(), status, amount: 5000, amount_paid: status === 'paid' ? 5000 : 0, ...extra });
const A = '0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f0';

async function list(invoices: unknown[], payments: ((body: any) => unknown) | undefined, calls: UpstreamCall[] = []) {
  const logger = recordingLogger();
  const routes = { '/v1/customers/{id}/invoices': () => ({ data: invoices, next_page: null }), ...(payments ? { '/v1/payments/list': (_: URL, body: unknown) => payments(body) } : {}) };
  const response = await authGet(testApp({ fetch: fakeFetch(routes, calls), logger }), '/api/invoices', CUSTOMER);
  return { status: response.status, body: (await response.json()) as InvoicesResponse, logger };
}

describe('/api/invoices payment status over hand-made Metronome answers', () => {
  it('follows every page of payments: paid attempts on the second page settle a declined first attempt', async () => {
    const calls: UpstreamCall[] = [];
    const pages: Record<string, unknown> = {
      '': { data: [payment('canceled', { error_message: 'Declined', created_at: '2026-11-02T00:00:00Z' })], next_page: 'p2' },
      p2: { data: [payment('paid', { amount_paid: 2000, created_at: '2026-11-03T00:00:00Z' })], next_page: 'p3' },
      p3: { data: [payment('paid', { amount_paid: 3000, created_at: '2026-11-04T00:00:00Z' })], next_page: null },
    };
    const { body } = await list([invoice(A)], (b) => pages[b.next_page ?? ''], calls);
    assert.equal(body.invoices[0]!.payment?.status, 'paid');
    assert.deepEqual(paymentCalls(calls).map((c) => (c.body as { next_page?: string }).next_page), [undefined, 'p2', 'p3']);
  });

  it('is open while paid attempts fall short of the amount due, and failed when the latest attempt needs the customer', async () => {
    const partly = await list([invoice(A)], () => ({ data: [payment('paid', { amount_paid: 4999.99 })], next_page: null }));
    assert.equal(partly.body.invoices[0]!.payment?.status, 'open');
    const failed = await list([invoice(A)], () => ({
      data: [payment('canceled', { created_at: '2026-11-02T00:00:00Z' }), payment('requires_intervention', { created_at: '2026-11-05T00:00:00Z' })],
      next_page: null,
    }));
    assert.equal(failed.body.invoices[0]!.payment?.status, 'failed');
  });

  it('says unknown for a payment status Metronome adds later, and for a provider status it does not know, keeping that status', async () => {
    const newPayment = await list([invoice(A)], () => ({ data: [payment('disputed')], next_page: null }));
    assert.equal(newPayment.body.invoices[0]!.payment?.status, 'unknown');
    const newExternal = await list([invoice(A, { external_invoice: { billing_provider_type: 'netsuite', external_status: 'ON_HOLD' } })], undefined);
    assert.deepEqual(newExternal.body.invoices[0]!.payment, { status: 'unknown', provider: 'netsuite', external_status: 'ON_HOLD', external_invoice_id: null });
  });

  it('reads the provider\'s UNCOLLECTIBLE as uncollectible and PARTIALLY_PAID as open', async () => {
    const external = (external_status: string) => ({ external_invoice: { billing_provider_type: 'stripe', invoice_id: 'in_1', external_status } });
    const { body } = await list([invoice(A, external('UNCOLLECTIBLE')), invoice('0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f1', external('PARTIALLY_PAID'))], undefined);
    assert.deepEqual(body.invoices.map((i) => i.payment?.status).sort(), ['open', 'uncollectible']);
  });

  it('still answers the list when payments cannot be read: that invoice\'s status is unknown, and the server log says why', async () => {
    const { status, body, logger } = await list([invoice(A)], undefined);
    assert.equal(status, 200);
    assert.equal(body.invoices[0]!.payment?.status, 'unknown');
    const line = logger.lines.find((l) => l.fields['invoice_id'] === A);
    assert.equal(line?.level, 'warn');
    assert.match(line!.message, /payments could not be read/);
  });

  it('asks for no payments for drafts, void invoices and invoices with nothing due, which have no payment status', async () => {
    const calls: UpstreamCall[] = [];
    const { body } = await list(
      [invoice(A, { status: 'DRAFT', issued_at: undefined }), invoice('0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f1', { status: 'VOID' }), invoice('0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f2', { total: 0 })],
      () => assert.fail('no payments asked for'),
      calls,
    );
    assert.deepEqual(body.invoices.map((i) => i.payment), [null, null, null]);
    assert.deepEqual(paymentCalls(calls), []);
  });
});
