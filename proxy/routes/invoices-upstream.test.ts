import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, InvoiceDetailResponse, InvoicesResponse } from '../../contract/index.ts';
import { bareApplication, fakeFetch, PRODUCT, usageLine, USD } from '../test/fake-metronome.ts';
import { authGet, METRONOME_TOKEN, testApp, type UpstreamCall } from '../test/harness.ts';

/** /api/invoices over hand-made Metronome answers: failures and shapes the simulator does not send. */

const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000001';
const INVOICE = '0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f0';

const invoice = (extra: Record<string, unknown> = {}) => ({
  id: INVOICE,
  customer_id: CUSTOMER,
  type: 'USAGE',
  status: 'FINALIZED',
  credit_type: USD,
  start_timestamp: '2026-10-01T00:00:00Z',
  end_timestamp: '2026-11-01T00:00:00Z',
  issued_at: '2026-11-01T00:00:00Z',
  line_items: [],
  total: 0,
  ...extra,
});

async function get<T>(path: string, routes: Parameters<typeof fakeFetch>[0], calls: UpstreamCall[] = []) {
  const response = await authGet(testApp({ fetch: fakeFetch(routes, calls) }), path, CUSTOMER);
  return { status: response.status, text: await response.clone().text(), body: (await response.json()) as T & ErrorBody };
}

describe('/api/invoices over hand-made Metronome answers', () => {
  it('passes on the external billing provider\'s payment status, and reads USAGE_CONSOLIDATED as usage', async () => {
    const { body } = await get<InvoicesResponse>('/api/invoices', {
      '/v1/customers/{id}/invoices': () => ({
        data: [
          invoice({ type: 'USAGE_CONSOLIDATED', total: 1234.5, external_invoice: { billing_provider_type: 'stripe', invoice_id: 'in_123', external_status: 'PAID' } }),
        ],
        next_page: null,
      }),
    });
    assert.deepEqual(body.invoices[0]!.payment, { status: 'paid', provider: 'stripe', external_status: 'PAID', external_invoice_id: 'in_123' });
    assert.equal(body.invoices[0]!.type, 'usage');
    assert.equal(body.invoices[0]!.total, 1234.5);
  });

  it('names each invoice\'s contract from the contracts list, and answers without names when that list cannot be read', async () => {
    const CONTRACT = 'c0ffee00-0000-4000-8000-000000000001';
    const list = () => ({ data: [invoice({ contract_id: CONTRACT }), invoice({ id: '00000000-0000-4000-8000-000000000003', contract_id: 'c0ffee00-0000-4000-8000-000000000002' })], next_page: null });
    const named = await get<InvoicesResponse>('/api/invoices', {
      '/v1/customers/{id}/invoices': list,
      '/v2/contracts/list': () => ({ data: [{ id: CONTRACT.toUpperCase(), name: ' Enterprise 2026 ' }, { id: 'c0ffee00-0000-4000-8000-000000000002' }] }),
    });
    assert.deepEqual(Object.fromEntries(named.body.invoices.map((i) => [i.contract_id, i.contract_name])), { [CONTRACT]: 'Enterprise 2026', 'c0ffee00-0000-4000-8000-000000000002': null });
    const unnamed = await get<InvoicesResponse>('/api/invoices', { '/v1/customers/{id}/invoices': list });
    assert.equal(unnamed.status, 200);
    assert.deepEqual(unnamed.body.invoices.map((i) => i.contract_name), [null, null]);
  });

  it('splits the total into charges and what commits and credits applied, exactly', async () => {
    const lines = [usageLine('Tokens', 100.25), usageLine('Storage', 0.000001), bareApplication(-60.1)];
    const { body } = await get<InvoicesResponse>('/api/invoices', {
      '/v1/customers/{id}/invoices': () => ({ data: [invoice({ line_items: lines, total: 40.150001 })], next_page: null }),
    });
    const { charges, applied, total } = body.invoices[0]!;
    assert.deepEqual({ charges, applied, total }, { charges: 100.250001, applied: -60.1, total: 40.150001 });
  });

  it('reads TRUEUP as a true-up, and gives an invoice dated at one moment the span its lines cover, or that day', async () => {
    const trueup = invoice({
      type: 'TRUEUP',
      start_timestamp: '2026-07-01T00:00:00Z',
      end_timestamp: '2026-07-01T00:00:00Z',
      line_items: [{ name: 'Minimum true-up', type: 'postpaid_trueup', credit_type: USD, total: 12, starting_at: '2026-03-01T00:00:00Z', ending_before: '2026-07-01T00:00:00Z' }],
      total: 12,
    });
    const purchase = invoice({
      id: '00000000-0000-4000-8000-000000000004',
      type: 'SCHEDULED',
      start_timestamp: '2026-09-01T00:00:00Z',
      end_timestamp: '2026-09-01T00:00:00Z',
      line_items: [{ name: 'Prepaid commit', type: 'scheduled', credit_type: USD, total: 500, starting_at: '2026-09-01T00:00:00Z', ending_before: '2026-09-01T00:00:00Z' }],
      total: 500,
    });
    const { body } = await get<InvoicesResponse>('/api/invoices', { '/v1/customers/{id}/invoices': () => ({ data: [trueup, purchase], next_page: null }) });
    const byType = Object.fromEntries(body.invoices.map((i) => [i.type, i]));
    assert.deepEqual(byType.trueup!.period, { starting_on: '2026-03-01T00:00:00.000Z', ending_before: '2026-07-01T00:00:00.000Z' });
    assert.deepEqual(byType.scheduled!.period, { starting_on: '2026-09-01T00:00:00.000Z', ending_before: '2026-09-01T00:00:00.000Z' });
    assert.equal(byType.scheduled!.charges, 500);
    const filtered = await get<InvoicesResponse>('/api/invoices?type=trueup', { '/v1/customers/{id}/invoices': () => ({ data: [trueup, purchase], next_page: null }) });
    assert.deepEqual(filtered.body.invoices.map((i) => i.type), ['trueup']);
  });

  it('follows the cursor and sorts newest first whatever order Metronome pages in', async () => {
    const older = invoice({ id: '00000000-0000-4000-8000-000000000001', issued_at: '2026-09-01T00:00:00Z' });
    const draft = invoice({ id: '00000000-0000-4000-8000-000000000002', status: 'DRAFT', issued_at: undefined });
    const { body } = await get<InvoicesResponse>('/api/invoices', {
      '/v1/customers/{id}/invoices': (url) => (url.searchParams.get('next_page') ? { data: [draft], next_page: null } : { data: [older, invoice()], next_page: 'p2' }),
    });
    assert.deepEqual(body.invoices.map((i) => i.id), [draft.id, INVOICE, older.id]);
  });

  it('answers 502 with a plain message when Metronome fails, never its body or the token', async () => {
    const failing = async () => new Response(`boom ${METRONOME_TOKEN}`, { status: 500 });
    for (const path of ['/api/invoices', `/api/invoices/${INVOICE}`]) {
      const response = await authGet(testApp({ fetch: failing }), path, CUSTOMER);
      assert.equal(response.status, 502);
      const text = await response.text();
      assert.ok(!text.includes(METRONOME_TOKEN) && !text.includes('boom'));
      assert.equal((JSON.parse(text) as ErrorBody).error.message, 'Metronome answered with an error (HTTP 500).');
    }
  });

  it('drops zero-quantity usage lines unless asked, never applications or scheduled lines', async () => {
    const lines = [
      usageLine('Tokens', 0, { quantity: 0, unit_price: 20, tier: { level: 1, starting_at: '0', size: '1000' } }),
      usageLine('Tokens', 50),
      bareApplication(-50),
      { name: 'Setup fee', type: 'scheduled', credit_type: USD, product_type: 'FixedProductListItem', quantity: 1, unit_price: 0, total: 0 },
    ];
    const routes = { '/v1/customers/{id}/invoices/{invoice_id}': () => ({ data: invoice({ line_items: lines }) }) };
    const hidden = await get<InvoiceDetailResponse>(`/api/invoices/${INVOICE}`, routes);
    assert.deepEqual(hidden.body.products.flatMap((p) => p.lines.map((l) => [l.kind, l.total])), [['usage', 50], ['application', -50], ['other', 0]]);
    assert.equal(hidden.body.products[0]!.product_id, PRODUCT);
    assert.equal(hidden.body.products[0]!.total, 0);
    const shown = await get<InvoiceDetailResponse>(`/api/invoices/${INVOICE}?show_zero_usage_line_items=true`, routes);
    assert.deepEqual(shown.body.products[0]!.lines[0]!.tier, { level: 1, starting_at: 0, size: 1000 });
    assert.equal(shown.body.products[0]!.lines.length, 3);
  });

  it('answers 404 when Metronome does, and when its invoice names another customer', async () => {
    const missing = await get<InvoiceDetailResponse>(`/api/invoices/${INVOICE}`, {});
    assert.equal(missing.status, 404);
    const foreign = await get<InvoiceDetailResponse>(`/api/invoices/${INVOICE}`, {
      '/v1/customers/{id}/invoices/{invoice_id}': () => ({ data: invoice({ customer_id: '99999999-0000-4000-8000-000000000000' }) }),
    });
    assert.equal(foreign.status, 404);
  });

  it('pdf: answers 502 when Metronome fails or sends something other than a PDF, and streams without buffering the headers through', async () => {
    const failing = async () => new Response(`boom ${METRONOME_TOKEN}`, { status: 503 });
    const failed = await authGet(testApp({ fetch: failing }), `/api/invoices/${INVOICE}/pdf`, CUSTOMER);
    assert.equal(failed.status, 502);
    assert.ok(!(await failed.text()).includes(METRONOME_TOKEN));
    const html = async () => new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } });
    const wrong = await authGet(testApp({ fetch: html }), `/api/invoices/${INVOICE}/pdf`, CUSTOMER);
    assert.equal(wrong.status, 502);
    const pdf = async () => new Response('%PDF-1.4 fake', { headers: { 'content-type': 'application/pdf', 'content-length': '13', 'set-cookie': 'secret=1', 'x-upstream': METRONOME_TOKEN } });
    const ok = await authGet(testApp({ fetch: pdf }), `/api/invoices/${INVOICE}/pdf`, CUSTOMER);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('set-cookie'), null);
    assert.equal(ok.headers.get('x-upstream'), null);
    assert.equal(await ok.text(), '%PDF-1.4 fake');
    assert.equal(ok.headers.get('content-length'), '13', 'the length, for the download\'s progress');
    const gzipped = async () => new Response('%PDF-1.4 fake', { headers: { 'content-type': 'application/pdf', 'content-encoding': 'gzip', 'content-length': '9' } });
    const encoded = await authGet(testApp({ fetch: gzipped }), `/api/invoices/${INVOICE}/pdf`, CUSTOMER);
    assert.equal(encoded.headers.get('content-length'), null, 'an encoded length is not the body\'s');
  });
});
