import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID } from './catalog.ts';
import { call, NOW, simulator } from './test-helpers.ts';

const app = simulator();
const list = (json: Record<string, unknown>) => call(app, 'POST', '/v1/payments/list', { json });
const micros = (n: number) => Math.round(n * 1_000_000);

/** The customer's finalized invoices with an amount due, newest first. */
async function dueInvoices(customer: string): Promise<any[]> {
  const reply = await call(app, 'GET', `/v1/customers/${customer}/invoices?status=FINALIZED&sort=date_desc`);
  assert.equal(reply.status, 200);
  assert.equal(reply.body.next_page, null);
  return reply.body.data.filter((i: any) => i.total > 0);
}

async function paymentsOf(customer: string, invoice: string, extra: Record<string, unknown> = {}): Promise<any[]> {
  const reply = await list({ customer_id: customer, invoice_id: invoice, ...extra });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body.data;
}

test('Hooli\'s newest invoice is unpaid and sent, the one before failed twice, older ones were paid, each as Stripe says', async () => {
  const [newest, previous, ...older] = await dueInvoices(HOOLI_ID);
  assert.ok(older.length > 0);
  assert.deepEqual(await paymentsOf(HOOLI_ID, newest.id), []);
  assert.equal(newest.external_invoice.external_status, 'FINALIZED');
  const failed = await paymentsOf(HOOLI_ID, previous.id);
  assert.deepEqual(failed.map((p) => p.status), ['canceled', 'requires_intervention']);
  for (const p of failed) assert.equal(p.error_message, 'Your card was declined.');
  assert.ok(failed[0].created_at < failed[1].created_at, 'oldest attempt first');
  assert.equal(previous.external_invoice.external_status, 'PAYMENT_FAILED');
  for (const invoice of older) {
    const [payment, ...more] = await paymentsOf(HOOLI_ID, invoice.id);
    assert.deepEqual(more, []);
    assert.equal(payment.status, 'paid');
    assert.equal(micros(payment.amount_paid), micros(invoice.total));
    assert.deepEqual(payment.fiat_credit_type, invoice.credit_type);
    assert.equal(invoice.external_invoice.external_status, 'PAID');
    assert.ok(Date.parse(payment.created_at) >= Date.parse(invoice.issued_at) && Date.parse(payment.updated_at) <= NOW.getTime());
  }
});

test('customers without a billing provider: Globex\'s newest payment is pending and the one before was declined, Initech has not paid, Acme has', async () => {
  const [newest, previous, oldest] = await dueInvoices(GLOBEX_ID);
  assert.deepEqual((await paymentsOf(GLOBEX_ID, newest.id)).map((p) => [p.status, p.amount_paid]), [['pending', 0]]);
  assert.deepEqual((await paymentsOf(GLOBEX_ID, previous.id)).map((p) => p.status), ['canceled', 'requires_intervention']);
  assert.deepEqual((await paymentsOf(GLOBEX_ID, oldest.id)).map((p) => [p.status, p.invoice_id, p.customer_id]), [['paid', oldest.id, GLOBEX_ID]]);
  assert.deepEqual(await paymentsOf(INITECH_ID, (await dueInvoices(INITECH_ID))[0].id), []);
  for (const invoice of await dueInvoices(ACME_ID)) assert.deepEqual((await paymentsOf(ACME_ID, invoice.id)).map((p) => p.status), ['paid']);
});

test('drafts have no payments', async () => {
  const drafts = (await call(app, 'GET', `/v1/customers/${ACME_ID}/invoices?status=DRAFT`)).body.data;
  assert.ok(drafts.length > 0);
  for (const draft of drafts) assert.deepEqual(await paymentsOf(ACME_ID, draft.id), []);
});

test('statuses keeps only payments in those statuses, and a small limit pages with next_page', async () => {
  const failed = (await dueInvoices(HOOLI_ID))[1];
  const kept = await paymentsOf(HOOLI_ID, failed.id, { statuses: ['requires_intervention', 'pending'] });
  assert.deepEqual(kept.map((p) => p.status), ['requires_intervention']);
  const first = await list({ customer_id: HOOLI_ID, invoice_id: failed.id, limit: 1 });
  assert.equal(first.body.data[0].status, 'canceled');
  assert.equal(typeof first.body.next_page, 'string');
  const second = await list({ customer_id: HOOLI_ID, invoice_id: failed.id, limit: 1, next_page: first.body.next_page });
  assert.deepEqual([second.body.data[0].status, second.body.next_page], ['requires_intervention', null]);
  const otherQuery = await list({ customer_id: HOOLI_ID, invoice_id: failed.id, limit: 1, statuses: ['canceled'], next_page: first.body.next_page });
  assert.equal(otherQuery.status, 400, 'a cursor belongs to its query');
});

test('an unknown invoice, another customer\'s invoice and an unknown customer are 404', async () => {
  const hooli = (await dueInvoices(HOOLI_ID))[0].id;
  assert.equal((await list({ customer_id: HOOLI_ID, invoice_id: '00000000-0000-4000-8000-000000000000' })).status, 404);
  assert.equal((await list({ customer_id: ACME_ID, invoice_id: hooli })).status, 404);
  assert.equal((await list({ customer_id: '00000000-0000-4000-8000-000000000000', invoice_id: hooli })).status, 404);
});

test('a body off the spec is a 400 naming the field', async () => {
  const hooli = (await dueInvoices(HOOLI_ID))[0].id;
  for (const [json, field] of [
    [{ customer_id: HOOLI_ID }, 'invoice_id'],
    [{ customer_id: 'not-a-uuid', invoice_id: hooli }, 'customer_id'],
    [{ customer_id: HOOLI_ID, invoice_id: hooli, statuses: [] }, 'statuses'],
    [{ customer_id: HOOLI_ID, invoice_id: hooli, statuses: ['failed'] }, 'statuses'],
    [{ customer_id: HOOLI_ID, invoice_id: hooli, limit: 26 }, 'limit'],
  ] as const) {
    const reply = await list(json);
    assert.equal(reply.status, 400, JSON.stringify(json));
    assert.match(reply.body.message, new RegExp(field));
  }
});
