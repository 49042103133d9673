import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, INITECH_ID } from './catalog.ts';
import { formatAmount } from './billing/money.ts';
import { GPU_CREDITS, USD_CENTS } from './billing/world.ts';
import { call, simulator, TOKEN } from './test-helpers.ts';

const app = simulator();

async function pdfOf(customer: string, invoiceId: string): Promise<{ res: Response; text: string }> {
  const res = await app.request(`/v1/customers/${customer}/invoices/${invoiceId}/pdf`, { headers: { authorization: `Bearer ${TOKEN}` } });
  // Latin-1: one character per byte, so string offsets are byte offsets.
  const text = String.fromCharCode(...new Uint8Array(await res.arrayBuffer()));
  return { res, text };
}

const invoicesOf = async (customer: string, query = '') => (await call(app, 'GET', `/v1/customers/${customer}/invoices${query}`)).body.data as any[];

test('an invoice PDF is a well-formed PDF 1.4 file whose xref points at every object', async () => {
  const [invoice] = await invoicesOf(ACME_ID, '?type=USAGE&status=FINALIZED');
  const { res, text } = await pdfOf(ACME_ID, invoice.id);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.ok(text.startsWith('%PDF-1.4\n'));
  assert.ok(text.trimEnd().endsWith('%%EOF'));
  const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(text)![1]);
  assert.ok(text.startsWith('xref\n', startxref), 'startxref points at the xref table');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number) as [number, number, number];
  assert.equal(first, 0);
  const entries = text.slice(startxref).split('\n').slice(2, 2 + count);
  assert.equal(entries[0], '0000000000 65535 f ');
  entries.slice(1).forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    assert.ok(text.startsWith(`${i + 1} 0 obj`, offset), `object ${i + 1} is at ${offset}`);
  });
  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = m.index! + m[0].length;
    assert.ok(text.startsWith('\nendstream', start + Number(m[1])), 'stream lengths are exact');
  }
  assert.match(text, /\/Count 1 /, 'one page per invoice');
});

test('the PDF shows the customer, the period, every line and the total in dollars', async () => {
  const invoices = await invoicesOf(ACME_ID, '?type=USAGE&status=FINALIZED');
  const invoice = invoices.at(-1);
  const { text } = await pdfOf(ACME_ID, invoice.id);
  assert.ok(text.includes('(Acme Robotics)'));
  assert.ok(text.includes(`(Period: ${invoice.start_timestamp.slice(0, 10)} to ${invoice.end_timestamp.slice(0, 10)})`));
  assert.ok(text.includes('(CPU hours \\(us-east-1\\))'), 'group values in escaped parentheses');
  assert.ok(text.includes('(Reward credit)') || text.includes('(Platform prepaid commit)'));
  const total = formatAmount(Math.round(invoice.total * 1e6), USD_CENTS);
  assert.match(total, /^-?\$[\d,]+\.\d\d$/);
  assert.ok(text.includes(`(Total) Tj`) && text.includes(`(${total}) Tj`), total);
  const rows = [...text.matchAll(/\) Tj ET/g)].length;
  assert.ok(rows > invoice.line_items.length);
});

test('custom pricing units are shown by name, and a scheduled invoice by its date', async () => {
  const [gpu] = await invoicesOf(INITECH_ID, `?credit_type_id=${GPU_CREDITS.id}&status=FINALIZED`);
  const { text } = await pdfOf(INITECH_ID, gpu.id);
  assert.ok(text.includes(`(${formatAmount(Math.round(gpu.total * 1e6), GPU_CREDITS)}) Tj`));
  assert.match(text, /GPU credits\) Tj/);
  const [scheduled] = await invoicesOf(ACME_ID, '?type=SCHEDULED');
  const purchase = await pdfOf(ACME_ID, scheduled.id);
  assert.ok(purchase.text.includes('($100.00) Tj') && purchase.text.includes(`(Date: ${scheduled.start_timestamp.slice(0, 10)})`));
});

test('amounts are formatted by the widgets\' money rule: cents as dollars, fractions of a cent rounded half away from zero', () => {
  assert.equal(formatAmount(123_456_789_000, USD_CENTS), '$1,234.57');
  assert.equal(formatAmount(-500_000_000, USD_CENTS), '-$5.00');
  assert.equal(formatAmount(2_837_500_000, USD_CENTS), '$28.38');
  assert.equal(formatAmount(-2_837_500_000, USD_CENTS), '-$28.38');
  assert.equal(formatAmount(1_454_647_500, GPU_CREDITS), '1,454.65 GPU credits');
  assert.equal(formatAmount(688_625_000, GPU_CREDITS), '688.63 GPU credits');
});

test('a PDF of an unknown invoice is a JSON 404', async () => {
  const reply = await call(app, 'GET', `/v1/customers/${ACME_ID}/invoices/00000000-0000-4000-8000-000000000000/pdf`);
  assert.equal(reply.status, 404);
  assert.equal((await call(app, 'GET', `/v1/customers/00000000-0000-4000-8000-000000000000/invoices/00000000-0000-4000-8000-000000000000/pdf`)).status, 404);
});
