import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, GLOBEX_ID } from '../../simulator/index.ts';
import type { ErrorBody, InvoiceDetailResponse, InvoicesResponse } from '../../contract/index.ts';
import type { Invoice } from '../metronome/types.ts';
import { toMicros } from '../money.ts';
import { contractsOf } from '../../simulator/billing/world.ts';
import { authGet, METRONOME_TOKEN, NOW, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';

async function get<T>(path: string, customerId = ACME_ID, app = testApp()) {
  const response = await authGet(app, path, customerId);
  return { status: response.status, body: (await response.json()) as T & ErrorBody };
}

/** The simulator's own invoices, read straight from it with the Metronome token. */
async function upstreamInvoices(customerId: string): Promise<Invoice[]> {
  const url = `https://metronome.test/v1/customers/${customerId}/invoices?limit=100`;
  const response = await simulatorFetch()(url, { headers: { authorization: `Bearer ${METRONOME_TOKEN}` } });
  return ((await response.json()) as { data: Invoice[] }).data;
}

const micros = (values: number[]) => values.reduce((sum, v) => sum + toMicros(v), 0);

describe('GET /api/invoices over the simulator', () => {
  it('lists drafts, finalized and void invoices of the last 90 days, newest first', async () => {
    const calls: UpstreamCall[] = [];
    const { status, body } = await get<InvoicesResponse>('/api/invoices', ACME_ID, testApp({ fetch: simulatorFetch(calls) }));
    assert.equal(status, 200);
    assert.equal(body.since, '2026-08-27T00:00:00.000Z');
    assert.equal(calls[0]!.url.searchParams.get('starting_on'), '2026-08-27T00:00:00.000Z');
    assert.deepEqual(body.invoices.map((i) => i.status), ['draft', 'finalized', 'void', 'finalized', 'finalized']);
    assert.deepEqual(body.invoices.map((i) => i.type), ['usage', 'usage', 'usage', 'usage', 'scheduled']);
    const draft = body.invoices[0]!;
    assert.equal(draft.issued_at, null);
    assert.deepEqual(draft.period, { starting_on: '2026-11-01T00:00:00.000Z', ending_before: '2026-12-01T00:00:00.000Z' });
    assert.equal(draft.credit_type.name, 'USD (cents)');
    assert.equal(draft.payment, null);
    const upstream = await upstreamInvoices(ACME_ID);
    for (const item of body.invoices) assert.equal(toMicros(item.total), toMicros(upstream.find((u) => u.id === item.id)!.total));
    assert.equal(body.invoices.find((i) => i.type === 'scheduled')!.total, 10000);
  });

  it('names each invoice\'s contract, splits its total into charges and what commits and credits paid, and dates a commit purchase by its day', async () => {
    const { body } = await get<InvoicesResponse>('/api/invoices?since=2026-01-01');
    const names = new Map(contractsOf(ACME_ID, NOW).map((c) => [c.id, c.name]));
    for (const item of body.invoices) {
      assert.equal(item.contract_name, names.get(item.contract_id!), item.id);
      assert.ok(item.applied <= 0 && item.charges >= 0);
      assert.equal(toMicros(item.charges) + toMicros(item.applied), toMicros(item.total), 'charges + applied = the amount due');
    }
    assert.ok(body.invoices.some((i) => i.applied < 0), 'commits paid for something');
    const purchase = body.invoices.find((i) => i.type === 'scheduled')!;
    assert.equal(purchase.period.starting_on, purchase.period.ending_before, 'a day, not a period that ends before it starts');
  });

  it('filters by status, type, contract and since', async () => {
    const voids = await get<InvoicesResponse>('/api/invoices?status=void');
    assert.deepEqual(voids.body.invoices.map((i) => i.status), ['void']);
    const scheduled = await get<InvoicesResponse>('/api/invoices?type=scheduled');
    assert.deepEqual(scheduled.body.invoices.map((i) => i.type), ['scheduled']);
    const contract = voids.body.invoices[0]!.contract_id!;
    assert.equal((await get<InvoicesResponse>(`/api/invoices?contract_id=${contract}`)).body.invoices.length, 5);
    assert.equal((await get<InvoicesResponse>('/api/invoices?contract_id=00000000-0000-4000-8000-000000000000')).body.invoices.length, 0);
    const recent = await get<InvoicesResponse>('/api/invoices?since=2026-10-01');
    assert.deepEqual(recent.body.invoices.map((i) => i.period.starting_on), ['2026-11-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z']);
  });

  it('answers 400 naming the parameter', async () => {
    for (const [query, name] of [
      ['status=paid', 'status'],
      ['type=USAGE_CONSOLIDATED', 'type'],
      ['contract_id=abc', 'contract_id'],
      ['since=2026-13-01', 'since'],
      ['since=2027-01-01', 'since'],
      ['since=2023-11-01', 'since'],
      ['since=0001-01-01', 'since'],
    ] as const) {
      const { status, body } = await get<InvoicesResponse>(`/api/invoices?${query}`);
      assert.equal(status, 400, query);
      assert.ok(body.error.message.startsWith(`${name}:`), body.error.message);
    }
  });

  it('goes back at most 1096 days, before calling Metronome', async () => {
    const calls: UpstreamCall[] = [];
    const far = await get<InvoicesResponse>('/api/invoices?since=2023-11-24', ACME_ID, testApp({ fetch: simulatorFetch(calls) }));
    assert.equal(far.status, 400);
    assert.equal(far.body.error.message, 'since: is more than 1096 days ago; invoices are listed at most 1096 days back.');
    assert.equal(calls.length, 0);
    assert.equal((await get<InvoicesResponse>('/api/invoices?since=2023-11-25')).status, 200);
  });

  it('answers 401 without a session', async () => {
    const response = await testApp().request('/api/invoices');
    assert.equal(response.status, 401);
  });
});

describe('GET /api/invoices/:id over the simulator', () => {
  it('groups lines by product with applications as their own lines, totals adding up to the invoice', async () => {
    const list = await get<InvoicesResponse>('/api/invoices?status=finalized&type=usage&since=2026-10-01');
    const id = list.body.invoices[0]!.id;
    const { status, body } = await get<InvoiceDetailResponse>(`/api/invoices/${id}`);
    assert.equal(status, 200);
    assert.equal(body.invoice.id, id);
    const cpu = body.products.find((p) => p.name === 'CPU hours')!;
    assert.ok(cpu.lines.some((l) => l.kind === 'usage' && l.presentation_group_values?.region === 'us-east-1'));
    assert.ok(cpu.lines.some((l) => l.kind === 'application' && l.total < 0 && l.commit_id));
    for (const p of body.products) assert.equal(toMicros(p.total), micros(p.lines.map((l) => l.total)));
    assert.equal(micros(body.products.map((p) => p.total)), toMicros(body.invoice.total));
    for (const l of cpu.lines.filter((x) => x.kind === 'usage')) assert.equal(toMicros(l.total), Math.round(l.quantity! * l.unit_price! * 1e6));
  });

  it('shows a void invoice and a tiered line with its tier', async () => {
    const voids = await get<InvoicesResponse>('/api/invoices?status=void');
    const { body } = await get<InvoiceDetailResponse>(`/api/invoices/${voids.body.invoices[0]!.id}`);
    assert.equal(body.invoice.status, 'void');
    const globex = await get<InvoicesResponse>('/api/invoices?status=finalized', GLOBEX_ID);
    const detail = await get<InvoiceDetailResponse>(`/api/invoices/${globex.body.invoices[0]!.id}`, GLOBEX_ID);
    const tokens = detail.body.products.find((p) => p.name === 'Model tokens (millions)')!;
    assert.deepEqual(tokens.lines.map((l) => l.tier?.level), [1, 2, 3]);
    assert.deepEqual(tokens.lines[0]!.tier, { level: 1, starting_at: 0, size: 1000 });
    assert.equal(tokens.lines[2]!.tier!.size, null);
  });

  it('answers 404 for another customer\'s invoice and 400 for an id that is not a UUID', async () => {
    const acme = await get<InvoicesResponse>('/api/invoices');
    const other = await get<InvoiceDetailResponse>(`/api/invoices/${acme.body.invoices[0]!.id}`, GLOBEX_ID);
    assert.equal(other.status, 404);
    assert.equal(other.body.error.message, 'No such invoice for this customer.');
    const bad = await get<InvoiceDetailResponse>('/api/invoices/not-a-uuid');
    assert.equal(bad.status, 400);
    assert.ok(bad.body.error.message.startsWith('id:'));
    const flag = await get<InvoiceDetailResponse>(`/api/invoices/${acme.body.invoices[0]!.id}?show_zero_usage_line_items=yes`);
    assert.equal(flag.status, 400);
    assert.ok(flag.body.error.message.startsWith('show_zero_usage_line_items:'));
  });
});

describe('GET /api/invoices/:id/pdf over the simulator', () => {
  it('streams Metronome\'s PDF with a filename, and 404s another customer\'s invoice', async () => {
    const acme = await get<InvoicesResponse>('/api/invoices');
    const id = acme.body.invoices[1]!.id;
    const response = await authGet(testApp(), `/api/invoices/${id}/pdf`, ACME_ID);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(response.headers.get('content-disposition'), `attachment; filename="invoice-${id}.pdf"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(response.headers.get('content-length'), String(bytes.length), 'its length, for the download\'s progress');
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(!bytes.toString('latin1').includes(METRONOME_TOKEN));
    const other = await authGet(testApp(), `/api/invoices/${id}/pdf`, GLOBEX_ID);
    assert.equal(other.status, 404);
    assert.equal(((await other.json()) as ErrorBody).error.message, 'No such invoice for this customer.');
    assert.equal((await authGet(testApp(), '/api/invoices/123/pdf', ACME_ID)).status, 400);
    assert.equal((await testApp().request(`/api/invoices/${id}/pdf`)).status, 401);
  });
});
