// An invoice as a one-page PDF: customer, period, one row per line (name, quantity, total) and the
// total. Money is shown by the widgets' money rule (formatAmount): USD cents as dollars to the cent,
// custom pricing units by name.
import { findCustomer } from '../catalog.ts';
import { type PdfText, pdfDocument } from '../pdf.ts';
import { type InvoiceModel, keepsLine } from './invoices.ts';
import { formatAmount, formatQuantity } from './money.ts';

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Fits a name into the name column: Helvetica at 9pt averages about 5pt a character. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 3)}...`);

export function invoicePdf(invoice: InvoiceModel): Uint8Array {
  const customer = findCustomer(invoice.customer_id);
  const lines = invoice.lines.filter((line) => keepsLine(line, false));
  const page: PdfText[] = [];
  let y = 60;
  const put = (text: string, x: number, size = 10, bold = false) => page.push({ text, x, y, size, bold });
  put(invoice.status === 'VOID' ? 'Invoice (VOID)' : invoice.status === 'DRAFT' ? 'Invoice (DRAFT)' : 'Invoice', 50, 20, true);
  y += 28;
  put(customer?.name ?? invoice.customer_id, 50, 12, true);
  y += 18;
  put(`Invoice ${invoice.id}`, 50, 9);
  y += 14;
  const period = invoice.type === 'SCHEDULED' ? day(invoice.start) : `${day(invoice.start)} to ${day(invoice.end)}`;
  put(`${invoice.type === 'SCHEDULED' ? 'Date' : 'Period'}: ${period}`, 50, 9);
  y += 14;
  if (invoice.issued_at) put(`Issued: ${day(invoice.issued_at)}`, 50, 9);
  y += 28;

  put('Item', 50, 9, true);
  put('Quantity', 360, 9, true);
  put('Amount', 470, 9, true);
  y += 16;
  // One page per invoice: a long invoice gets tighter rows rather than a second page.
  const rowHeight = Math.max(8, Math.min(14, Math.floor((792 - 80 - y) / Math.max(1, lines.length + 2))));
  const rowSize = Math.min(9, rowHeight - 2);
  for (const line of lines) {
    const group = line.charge?.group ? ` (${Object.values(line.charge.group).map((v) => v ?? 'none').join(', ')})` : '';
    const tier = line.charge?.tier ? ` tier ${line.charge.tier.level}` : '';
    put(clip(`${line.name}${group}${tier}`, 60), 50, rowSize);
    const quantity = line.charge ? formatQuantity(line.charge.quantity) : line.kind === 'scheduled' || line.kind === 'trueup' ? '1' : '';
    if (quantity) put(quantity, 360, rowSize);
    put(formatAmount(line.total, invoice.credit_type), 470, rowSize);
    y += rowHeight;
  }
  y += 10;
  put('Total', 50, 11, true);
  put(formatAmount(invoice.total, invoice.credit_type), 470, 11, true);
  return pdfDocument([page], `Invoice ${invoice.id}`);
}
