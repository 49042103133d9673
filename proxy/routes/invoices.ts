import { Hono } from 'hono';
import type { InvoiceExplainResponse, InvoicesResponse } from '../../contract/index.ts';
import { explainInvoice } from './invoice-explain.ts';
import { badRequest, ProxyError } from '../errors.ts';
import { invoiceType, newestFirst, shapeDetail, summarise } from '../invoice-lines.ts';
import type { Invoice, Metronome } from '../metronome.ts';
import type { SessionVariables } from '../session.ts';
import { booleanParam, dateParam, enumParam, uuidParam } from '../validate.ts';

const DAY = 86_400_000;
export const DEFAULT_SINCE_DAYS = 90;

const invoiceNotFound = () => new ProxyError(404, 'not_found', 'No such invoice for this customer.');

/**
 * The path's invoice id, validated, and the session customer's invoice: Metronome answers 404 for an
 * invoice of another customer, which becomes the proxy's own 404 (and so does an answer that names
 * another customer, should Metronome ever send one).
 */
export async function customerInvoice(metronome: Metronome, customerId: string, rawId: string | undefined, signal: AbortSignal): Promise<Invoice> {
  const id = uuidParam({ id: rawId }, 'id');
  const invoice = await notFoundAsInvoice(metronome.getInvoice(customerId, id, signal));
  if (invoice.customer_id && invoice.customer_id.toLowerCase() !== customerId.toLowerCase()) throw invoiceNotFound();
  return invoice;
}

async function notFoundAsInvoice<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ProxyError && err.status === 404) throw invoiceNotFound();
    throw err;
  }
}

/** `GET /api/invoices` and `GET /api/invoices/:id` for the session customer. */
export function invoicesRoutes(metronome: Metronome, now: () => Date) {
  return new Hono<{ Variables: SessionVariables }>()
    .get('/', async (c) => {
      const query = c.req.query();
      const status = enumParam(query, 'status', ['any', 'draft', 'finalized', 'void'] as const, 'any');
      const type = enumParam(query, 'type', ['any', 'usage', 'scheduled'] as const, 'any');
      const contractId = query.contract_id?.trim() ? uuidParam(query, 'contract_id') : undefined;
      const since = query.since?.trim() ? dateParam(query, 'since') : new Date(Date.UTC(...utcDay(now().getTime() - DEFAULT_SINCE_DAYS * DAY)));
      if (since.getTime() > now().getTime()) throw badRequest('since', 'is in the future.');

      const invoices = await metronome.listInvoices(
        c.var.customerId,
        {
          ...(status === 'any' ? {} : { status: status.toUpperCase() as 'DRAFT' | 'FINALIZED' | 'VOID' }),
          ...(contractId ? { contract_id: contractId } : {}),
          starting_on: since.toISOString(),
          sort: 'date_desc',
        },
        c.req.raw.signal,
      );
      // Type is filtered here: `usage` covers Metronome's USAGE and USAGE_CONSOLIDATED.
      const kept = invoices.filter((i) => type === 'any' || invoiceType(i) === type).sort(newestFirst);
      const body: InvoicesResponse = { since: since.toISOString(), invoices: kept.map(summarise) };
      return c.json(body);
    })
    .get('/:id', async (c) => {
      const showZero = booleanParam(c.req.query(), 'show_zero_usage_line_items');
      const invoice = await customerInvoice(metronome, c.var.customerId, c.req.param('id'), c.req.raw.signal);
      return c.json(shapeDetail(invoice, showZero));
    })
    .get('/:id/explain', async (c) => {
      const showZero = booleanParam(c.req.query(), 'show_zero_usage_line_items');
      const signal = c.req.raw.signal;
      const invoice = await customerInvoice(metronome, c.var.customerId, c.req.param('id'), signal);
      const body: InvoiceExplainResponse = await explainInvoice(metronome, c.var.customerId, invoice, showZero, signal);
      return c.json(body);
    })
    .get('/:id/pdf', async (c) => {
      const id = uuidParam({ id: c.req.param('id') }, 'id');
      const pdf = await notFoundAsInvoice(metronome.invoicePdf(c.var.customerId, id, c.req.raw.signal));
      // A fresh response: none of Metronome's headers are passed on, only the PDF bytes as they stream.
      return new Response(pdf, {
        status: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="invoice-${id}.pdf"`,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    });
}

function utcDay(t: number): [number, number, number] {
  const d = new Date(t);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}
