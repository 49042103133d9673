// GET /v1/customers/{customer_id}/invoices (listInvoices-v1), …/invoices/{invoice_id} (getInvoice-v1)
// and …/invoices/{invoice_id}/pdf (getInvoicePdf-v1), over the invoices billing/invoices.ts derives.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { findCustomer } from '../catalog.ts';
import { dataClock } from '../data.ts';
import { isDateTime, isUuid } from '../../spec/validate.ts';
import { invoicePdf } from '../billing/invoice-pdf.ts';
import { customerInvoices, type InvoiceModel, invoiceJson } from '../billing/invoices.ts';
import { BadRequest, apiError, decodeCursor, encodeCursor, fingerprint, parseBoolean, parseLimit } from '../http.ts';

export interface ClockOptions {
  readonly now: () => Date;
  readonly seed: number;
}

/** A date-time query parameter (RFC 3339), or undefined when absent. */
export function parseDateTime(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!isDateTime(raw)) throw new BadRequest(`${name} must be an RFC 3339 date-time (got ${JSON.stringify(raw)})`);
  return Date.parse(raw);
}

export function parseEnum<T extends string>(name: string, raw: string | undefined, values: ReadonlyArray<T>): T | undefined {
  if (raw === undefined) return undefined;
  if (!(values as ReadonlyArray<string>).includes(raw)) throw new BadRequest(`${name} must be one of ${values.join(', ')} (got ${JSON.stringify(raw)})`);
  return raw as T;
}

/** The path's customer: 400 when the id is not a uuid; undefined (→ 404) when it is unknown. */
export function pathCustomer(c: Context): string | undefined {
  const customerId = c.req.param('customer_id') ?? '';
  if (!isUuid(customerId)) throw new BadRequest(`customer_id must be a uuid (got ${JSON.stringify(customerId)})`);
  return findCustomer(customerId.toLowerCase())?.id;
}

export const STATUSES = ['DRAFT', 'FINALIZED', 'VOID'] as const;
const TYPES = ['USAGE', 'USAGE_CONSOLIDATED', 'SCHEDULED', 'TRUEUP'] as const;
export const SORTS = ['date_asc', 'date_desc'] as const;

/**
 * Filters of the invoice list. Choices (the spec leaves them open):
 * - status is one of DRAFT, FINALIZED, VOID (anything else is a 400, not an empty page);
 * - starting_on keeps invoices whose period starts at or after it, ending_before those whose period
 *   ends at or before it (an invoice for January is in [Jan 1, Feb 1));
 * - an unknown credit_type_id or contract_id matches nothing.
 */
function listFilter(c: Context): { filter: (invoice: InvoiceModel) => boolean; identity: unknown } {
  const status = parseEnum('status', c.req.query('status'), STATUSES);
  const type = parseEnum('type', c.req.query('type'), TYPES);
  const creditTypeId = c.req.query('credit_type_id')?.toLowerCase();
  const contractId = c.req.query('contract_id');
  if (contractId !== undefined && !isUuid(contractId)) throw new BadRequest(`contract_id must be a uuid (got ${JSON.stringify(contractId)})`);
  const startingOn = parseDateTime('starting_on', c.req.query('starting_on'));
  const endingBefore = parseDateTime('ending_before', c.req.query('ending_before'));
  if (startingOn !== undefined && endingBefore !== undefined && !(startingOn < endingBefore)) {
    throw new BadRequest('starting_on must be before ending_before');
  }
  return {
    identity: [status, type, creditTypeId, contractId?.toLowerCase(), startingOn, endingBefore],
    filter: (invoice) =>
      (status === undefined || invoice.status === status) &&
      (type === undefined || invoice.type === type) &&
      (creditTypeId === undefined || invoice.credit_type.id === creditTypeId) &&
      (contractId === undefined || invoice.contract_id === contractId.toLowerCase()) &&
      (startingOn === undefined || invoice.start.getTime() >= startingOn) &&
      (endingBefore === undefined || invoice.end.getTime() <= endingBefore),
  };
}

export function invoicesRoutes(options: ClockOptions): Hono {
  const app = new Hono();
  const invoicesOf = (customerId: string) => {
    const now = options.now();
    return customerInvoices(customerId, dataClock(options.seed, now), now);
  };

  app.get('/v1/customers/:customer_id/invoices', (c) => {
    const limit = parseLimit(c.req.query('limit'));
    const skipZero = parseBoolean('skip_zero_qty_line_items', c.req.query('skip_zero_qty_line_items')) ?? false;
    const sort = parseEnum('sort', c.req.query('sort'), SORTS) ?? 'date_asc';
    const { filter, identity } = listFilter(c);
    const customerId = pathCustomer(c);
    if (!customerId) return apiError(c, 404, 'Customer not found');
    const invoices = invoicesOf(customerId).filter(filter);
    if (sort === 'date_desc') invoices.reverse();
    const fp = fingerprint(['invoices', customerId, sort, identity]);
    const offset = decodeCursor(c.req.query('next_page'), fp, invoices.length);
    const end = Math.min(offset + limit, invoices.length);
    return c.json({
      data: invoices.slice(offset, end).map((invoice) => invoiceJson(invoice, skipZero)),
      next_page: end < invoices.length ? encodeCursor(end, fp) : null,
    });
  });

  /** The path's invoice; a Response when the customer or invoice is unknown. */
  const pathInvoice = (c: Context): InvoiceModel | Response => {
    const invoiceId = c.req.param('invoice_id') ?? '';
    if (!isUuid(invoiceId)) throw new BadRequest(`invoice_id must be a uuid (got ${JSON.stringify(invoiceId)})`);
    const customerId = pathCustomer(c);
    if (!customerId) return apiError(c, 404, 'Customer not found');
    const invoice = invoicesOf(customerId).find((i) => i.id === invoiceId.toLowerCase());
    return invoice ?? apiError(c, 404, `Invoice not found: ${invoiceId}`);
  };

  app.get('/v1/customers/:customer_id/invoices/:invoice_id', (c, next) => {
    // breakdowns.ts owns this literal path; stepping aside keeps the routes independent of mount order.
    if (c.req.param('invoice_id') === 'breakdowns') return next();
    const skipZero = parseBoolean('skip_zero_qty_line_items', c.req.query('skip_zero_qty_line_items')) ?? false;
    const invoice = pathInvoice(c);
    return invoice instanceof Response ? invoice : c.json({ data: invoiceJson(invoice, skipZero) });
  });

  app.get('/v1/customers/:customer_id/invoices/:invoice_id/pdf', (c) => {
    const invoice = pathInvoice(c);
    if (invoice instanceof Response) return invoice;
    const pdf = invoicePdf(invoice);
    return c.body(pdf.buffer as ArrayBuffer, 200, {
      'content-type': 'application/pdf',
      'content-length': String(pdf.byteLength),
      'content-disposition': `inline; filename="invoice-${invoice.id}.pdf"`,
    });
  });

  return app;
}
