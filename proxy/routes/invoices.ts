import { Hono } from 'hono';
import type { InvoiceExplainLine, InvoiceExplainResponse, InvoicesResponse, InvoiceSummary } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { DAY, iso, utcDayStart } from '../time.ts';
import { ProxyError } from '../errors.ts';
import type { CustomerMetronome } from '../metronome/client.ts';
import type { Invoice, InvoiceLine } from '../metronome/types.ts';
import { explainLine, linePeriod } from '../shape/explain.ts';
import { contractNames, invoiceType, isZeroUsage, newestFirst, shapeDetail, summarise } from '../shape/invoices.ts';
import { lineKind } from '../shape/lines.ts';
import { fromPayments, needsPayments } from '../shape/payments.ts';
import { type Logger, silentLogger } from '../log.ts';
import { invoiceParam, invoiceQuery, invoicesQuery } from '../validation/queries.ts';
import { valid } from '../validation/validator.ts';

const invoiceNotFound = () => new ProxyError(404, 'not_found', 'No such invoice for this customer.');

/** A 404 from Metronome as the proxy's own "no such invoice"; a 404 for a lookup that may be missing as null. */
async function orNotFound<T>(call: Promise<T>, missing: () => T | never): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ProxyError && err.status === 404) return missing();
    throw err;
  }
}

/**
 * The customer's contract names, for the invoices' `contract_name`: reference data, cached like every
 * contracts list. A name is only a label, so when the list cannot be read the invoices are answered
 * without names rather than not at all.
 */
const namesOf = (metronome: CustomerMetronome) => metronome.listContracts().then(contractNames, () => undefined);

/**
 * The session customer's invoice: Metronome answers 404 for an invoice of another customer, which
 * becomes the proxy's own 404 (and so does an answer that names another customer, should Metronome
 * ever send one).
 */
async function customerInvoice(metronome: CustomerMetronome, customerId: string, id: string): Promise<Invoice> {
  const invoice = await orNotFound(metronome.getInvoice(id), () => {
    throw invoiceNotFound();
  });
  if (invoice.customer_id && invoice.customer_id.toLowerCase() !== customerId.toLowerCase()) throw invoiceNotFound();
  return invoice;
}

/**
 * Every usage line of the invoice explained: its rate (one rate-schedule call per distinct period
 * start, selecting the invoice's products), its product's conversion and rounding (one call per
 * product), and for a draft the metered usage it should come from.
 */
async function explainInvoice(metronome: CustomerMetronome, invoice: Invoice, showZero: boolean, names?: ReadonlyMap<string, string>): Promise<InvoiceExplainResponse> {
  const lines = (invoice.line_items ?? []).filter((l) => lineKind(l) === 'usage' && l.product_id && (showZero || !isZeroUsage(l)));
  const productOf = (l: InvoiceLine) => l.product_id!.toLowerCase();
  const startOf = (l: InvoiceLine) => linePeriod(l, invoice).start;
  const contractId = invoice.contract_id ?? null;
  const starts = [...new Set(lines.map(startOf))];
  const [products, schedules] = await Promise.all([
    Promise.all([...new Set(lines.map(productOf))].map(async (id) => [id, await orNotFound(metronome.getProduct(id), () => null)] as const)),
    Promise.all(
      starts.map(async (at) => {
        const ids = [...new Set(lines.filter((l) => startOf(l) === at).map(productOf))];
        return [at, contractId ? await orNotFound(metronome.rateSchedule(contractId, at, ids), () => null) : null] as const;
      }),
    ),
  ]);
  const productById = new Map(products);
  const scheduleAt = new Map(schedules);
  const isDraft = invoice.status?.toUpperCase() === 'DRAFT';
  const explained = await Promise.all(
    lines.map(
      (line): Promise<InvoiceExplainLine> =>
        explainLine({
          line,
          invoice,
          lines,
          product: productById.get(productOf(line)) ?? null,
          schedule: scheduleAt.get(startOf(line)) ?? null,
          hasContract: contractId !== null,
          meteredUsage: isDraft ? (query) => metronome.usageGroups(query) : null,
        }),
    ),
  );
  return { invoice: summarise(invoice, names), lines: explained };
}

/**
 * Fills in the payment status of the summaries whose invoice has no provider status to go by
 * (finalized, something due) from Metronome's payments for it: one payments/list per such invoice,
 * cached and coalesced like every call and no more at once than the request's share of the upstream.
 * A status is only a label, so when the payments cannot be read the invoice stays `unknown`, the
 * failure is logged, and the answer is not reused. Resolves to whether every status could be read.
 */
async function withPaymentStatus(metronome: CustomerMetronome, pairs: ReadonlyArray<[Invoice, InvoiceSummary]>, logger: Logger, where: Record<string, string>): Promise<boolean> {
  const read = await Promise.all(
    pairs.map(async ([invoice, summary]) => {
      if (!needsPayments(invoice) || !summary.payment) return true;
      try {
        summary.payment.status = fromPayments(await metronome.listPayments(invoice.id), invoice.total);
        return true;
      } catch (err) {
        logger.warn({ ...where, invoice_id: invoice.id, err: { message: (err as Error).message } }, '/api/invoices: payments could not be read; payment status unknown');
        return false;
      }
    }),
  );
  return read.every(Boolean);
}

/** `GET /api/invoices`, `/:id`, `/:id/explain` and `/:id/pdf` for the session customer. */
export function invoicesRoutes(deps: { now: () => Date; logger?: Logger }) {
  const logger = deps.logger ?? silentLogger;
  return new Hono<ApiEnv>()
    .get('/', valid('query', invoicesQuery(deps.now)), async (c) => {
      const { status, type, contract_id: contractId, since } = c.req.valid('query');
      const [invoices, names] = await Promise.all([
        c.var.metronome.listInvoices({
          ...(status === 'any' ? {} : { status: status.toUpperCase() as 'DRAFT' | 'FINALIZED' | 'VOID' }),
          ...(contractId ? { contract_id: contractId } : {}),
          starting_on: iso(since),
          sort: 'date_desc',
        }),
        namesOf(c.var.metronome),
      ]);
      // Type is filtered here: `usage` covers Metronome's USAGE and USAGE_CONSOLIDATED.
      const kept = invoices.filter((i) => type === 'any' || invoiceType(i) === type).sort(newestFirst);
      const body: InvoicesResponse = { since: iso(since), invoices: kept.map((i) => summarise(i, names)) };
      const where = { request_id: c.var.requestId, customer_id: c.var.customerId };
      const complete = await withPaymentStatus(c.var.metronome, kept.map((invoice, n) => [invoice, body.invoices[n]!]), logger, where);
      // The default `since` moves with the UTC day.
      return answer(c, body, complete ? { reusableUntil: utcDayStart(deps.now().getTime()) + DAY } : {});
    })
    .get('/:id', valid('param', invoiceParam), valid('query', invoiceQuery), async (c) => {
      const [invoice, names] = await Promise.all([customerInvoice(c.var.metronome, c.var.customerId, c.req.valid('param').id), namesOf(c.var.metronome)]);
      const body = shapeDetail(invoice, c.req.valid('query').show_zero_usage_line_items, names);
      const complete = await withPaymentStatus(c.var.metronome, [[invoice, body.invoice]], logger, { request_id: c.var.requestId, customer_id: c.var.customerId });
      // A payment status changes when the customer pays: reused for as long as the payments read are fresh.
      return answer(c, body, complete ? { reusableUntil: Infinity } : {});
    })
    .get('/:id/explain', valid('param', invoiceParam), valid('query', invoiceQuery), async (c) => {
      const [invoice, names] = await Promise.all([customerInvoice(c.var.metronome, c.var.customerId, c.req.valid('param').id), namesOf(c.var.metronome)]);
      const body = await explainInvoice(c.var.metronome, invoice, c.req.valid('query').show_zero_usage_line_items, names);
      const complete = await withPaymentStatus(c.var.metronome, [[invoice, body.invoice]], logger, { request_id: c.var.requestId, customer_id: c.var.customerId });
      return answer(c, body, complete ? { reusableUntil: Infinity } : {});
    })
    .get('/:id/pdf', valid('param', invoiceParam), async (c) => {
      const { id } = c.req.valid('param');
      const pdf = await orNotFound(c.var.metronome.invoicePdf(id), () => {
        throw invoiceNotFound();
      });
      // A fresh response: none of Metronome's headers are passed on, only the PDF bytes as they stream
      // and their length when Metronome gave it, for the widget's progress.
      return new Response(pdf.body, {
        status: 200,
        headers: {
          ...(pdf.length === null ? {} : { 'content-length': String(pdf.length) }),
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="invoice-${id}.pdf"`,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    });
}
