// A customer's invoices, derived from the contract books: one USAGE invoice per statement, a VOID
// copy for each reissued period, a SCHEDULED invoice per prepaid commit purchase and a TRUEUP invoice
// per postpaid shortfall. Amounts stay in micros until invoiceJson serialises them, so "total = sum
// of lines" holds exactly.
import type { DataClock } from '../data.ts';
import { isoHour } from '../http.ts';
import { derivedUuid } from './ids.ts';
import { fromMicros, type Micros } from './money.ts';
import { externalStatusOf, type PaymentOutcome, paymentOutcomes } from './payments.ts';
import type { Application, ChargeLine } from './rating.ts';
import { billingPeriods, contractBooks, rateOf, type Statement, type TrueUp } from './statements.ts';
import { type CommitDef, type ContractDef, contractsOf, type CreditTypeDef, findProduct, type RateDef } from './world.ts';

export type InvoiceStatus = 'DRAFT' | 'FINALIZED' | 'VOID';

export interface InvoiceLine {
  readonly kind: 'charge' | 'application' | 'scheduled' | 'trueup';
  readonly name: string;
  readonly product_id: string;
  readonly credit_type: CreditTypeDef;
  readonly starting_at: Date;
  readonly ending_before: Date;
  readonly total: Micros;
  readonly charge?: ChargeLine;
  readonly application?: Application;
  /** Scheduled lines: the commit being bought, at quantity 1; true-up lines: the postpaid commit short of its amount. */
  readonly commit?: CommitDef;
  readonly rate?: RateDef;
}

export interface InvoiceModel {
  readonly id: string;
  readonly customer_id: string;
  readonly contract_id: string;
  readonly net_payment_terms_days: number;
  readonly type: 'USAGE' | 'SCHEDULED' | 'TRUEUP';
  readonly status: InvoiceStatus;
  readonly credit_type: CreditTypeDef;
  readonly start: Date;
  readonly end: Date;
  readonly issued_at?: Date;
  readonly lines: ReadonlyArray<InvoiceLine>;
  readonly total: Micros;
  /** USAGE invoices: the statement they show (breakdowns split it into windows). */
  readonly statement?: Statement;
  /** The copy in the contract's billing provider, for an invoice that has been issued. */
  readonly external?: ExternalInvoice;
}

/** The spec's ExternalInvoice, for the one provider simulated. */
export interface ExternalInvoice {
  readonly billing_provider_type: 'stripe';
  readonly invoice_id: string;
  readonly issued_at: Date;
  readonly external_status: 'PAID' | 'FINALIZED' | 'PAYMENT_FAILED' | 'VOID';
}

/** Commits may be unnamed; Metronome's UI and the widgets then show the commit's product name. */
export const commitName = (commit: CommitDef): string => commit.name ?? findProduct(commit.product_id)?.name ?? 'Commit';

export function chargeLine(statement: Statement, charge: ChargeLine, start: Date, end: Date): InvoiceLine {
  return {
    kind: 'charge',
    name: findProduct(charge.product_id)?.name ?? charge.product_id,
    product_id: charge.product_id,
    credit_type: statement.credit_type,
    starting_at: start,
    ending_before: end,
    total: charge.total,
    charge,
    rate: rateOf(statement.contract, charge),
  };
}

/** An application pays for usage, so the line is negative and carries the usage product's id. */
export function applicationLine(statement: Statement, application: Application, start: Date, end: Date): InvoiceLine {
  return {
    kind: 'application',
    name: commitName(application.commit),
    product_id: application.product_id,
    credit_type: statement.credit_type,
    starting_at: start,
    ending_before: end,
    total: -application.amount,
    application,
  };
}

const sumLines = (lines: ReadonlyArray<InvoiceLine>): Micros => lines.reduce((sum, line) => sum + line.total, 0);

function usageInvoice(statement: Statement, id: string, status: InvoiceStatus): InvoiceModel {
  const { start, end } = statement.period;
  const lines = [
    ...statement.charges.map((charge) => chargeLine(statement, charge, start, end)),
    ...statement.applications.map((application) => applicationLine(statement, application, start, end)),
  ];
  return {
    id,
    customer_id: statement.contract.customer_id,
    contract_id: statement.contract.id,
    net_payment_terms_days: statement.contract.net_payment_terms_days,
    type: 'USAGE',
    status,
    credit_type: statement.credit_type,
    start,
    end,
    ...(status === 'DRAFT' ? {} : { issued_at: end }),
    lines,
    total: sumLines(lines),
    statement,
  };
}

/** Every invoice of a customer at `now`, in issue order (see compareInvoices). */
export function customerInvoices(customerId: string, clock: DataClock, now: Date): InvoiceModel[] {
  const invoices: Array<{ contract: ContractDef; invoice: InvoiceModel }> = [];
  for (const contract of contractsOf(customerId, now)) {
    const own: InvoiceModel[] = [];
    const books = contractBooks(contract, clock, now);
    for (const statement of books.statements) own.push(usageInvoice(statement, statement.id, statement.status));
    // A reissued period's first invoice was voided; a draft cannot have been reissued yet.
    const periods = billingPeriods(contract, now);
    for (const index of contract.reissued_periods) {
      const period = periods[index];
      for (const statement of books.statements) {
        if (period && statement.status === 'FINALIZED' && statement.period.start.getTime() === period.start.getTime()) {
          own.push(usageInvoice(statement, derivedUuid('void-invoice', statement.id), 'VOID'));
        }
      }
    }
    for (const commit of contract.commits) {
      const purchase = commit.purchase;
      if (!purchase) continue;
      const amount = purchase.amount * 1_000_000;
      const line: InvoiceLine = {
        kind: 'scheduled',
        name: commitName(commit),
        product_id: commit.product_id,
        credit_type: commit.credit_type,
        starting_at: purchase.timestamp,
        ending_before: purchase.timestamp,
        total: amount,
        commit,
      };
      const finalized = purchase.timestamp.getTime() <= now.getTime();
      own.push({
        id: purchase.invoice_id,
        customer_id: contract.customer_id,
        contract_id: contract.id,
        net_payment_terms_days: contract.net_payment_terms_days,
        type: 'SCHEDULED',
        status: finalized ? 'FINALIZED' : 'DRAFT',
        credit_type: commit.credit_type,
        start: purchase.timestamp,
        end: purchase.timestamp,
        ...(finalized ? { issued_at: purchase.timestamp } : {}),
        lines: [line],
        total: amount,
      });
    }
    for (const { commit, trueups } of books.commits) for (const trueup of trueups) own.push(trueUpInvoice(contract, commit, trueup));
    invoices.push(...own.map((invoice) => ({ contract, invoice })));
  }
  const outcomes = paymentOutcomes(invoices.map((i) => i.invoice));
  return invoices.map(({ contract, invoice }) => withExternal(contract, invoice, outcomes.get(invoice.id))).sort(compareInvoices);
}

/**
 * A postpaid segment's shortfall: an invoice dated at the segment's end (as SCHEDULED invoices are
 * dated at their charge), with one line for the commit's product over the segment's term.
 */
function trueUpInvoice(contract: ContractDef, commit: CommitDef, trueup: TrueUp): InvoiceModel {
  const { starting_at: start, ending_before: end } = trueup.segment;
  return {
    id: trueup.invoice_id,
    customer_id: contract.customer_id,
    contract_id: contract.id,
    net_payment_terms_days: contract.net_payment_terms_days,
    type: 'TRUEUP',
    status: trueup.status,
    credit_type: commit.credit_type,
    start: end,
    end,
    ...(trueup.status === 'FINALIZED' ? { issued_at: end } : {}),
    lines: [{ kind: 'trueup', name: `${commitName(commit)} true-up`, product_id: commit.product_id, credit_type: commit.credit_type, starting_at: start, ending_before: end, total: trueup.amount, commit }],
    total: trueup.amount,
  };
}

/**
 * With a billing provider, an issued invoice is also the provider's invoice, whose status follows
 * what became of its payment (billing/payments.ts): PAID, FINALIZED while unpaid, PAYMENT_FAILED; a
 * void one is VOID. Drafts are not sent yet.
 */
function withExternal(contract: ContractDef, invoice: InvoiceModel, outcome: PaymentOutcome | undefined): InvoiceModel {
  const provider = contract.billing_provider;
  if (!provider || invoice.status === 'DRAFT' || !invoice.issued_at) return invoice;
  const invoiceId = `in_${derivedUuid('stripe-invoice', invoice.id).replace(/-/g, '').slice(0, 24)}`;
  const external_status = invoice.status === 'VOID' ? 'VOID' : externalStatusOf(outcome);
  return { ...invoice, external: { billing_provider_type: provider, invoice_id: invoiceId, issued_at: invoice.issued_at, external_status } };
}

/**
 * Issue order: by issued_at, drafts (not issued yet) by the end of their period; ties by period
 * start, then a voided invoice before the one that replaced it, then id, so paging is stable.
 */
export function compareInvoices(a: InvoiceModel, b: InvoiceModel): number {
  const issued = (i: InvoiceModel) => (i.issued_at ?? i.end).getTime();
  return (
    issued(a) - issued(b) ||
    a.start.getTime() - b.start.getTime() ||
    Number(b.status === 'VOID') - Number(a.status === 'VOID') ||
    a.id.localeCompare(b.id)
  );
}

/** Metronome's tier metadata prints numbers as strings; the last tier has no size. */
function tierJson(tier: NonNullable<ChargeLine['tier']>): Record<string, unknown> {
  return { level: tier.level, starting_at: String(tier.starting_at), size: tier.size === undefined ? null : String(tier.size) };
}

function rateJson(rate: RateDef): Record<string, unknown> {
  const credit_type = { id: rate.credit_type.id, name: rate.credit_type.name };
  return rate.rate_type === 'FLAT'
    ? { rate_type: 'FLAT', price: rate.price, credit_type }
    : { rate_type: 'TIERED', tiers: rate.tiers.map((t) => ({ ...(t.size === undefined ? {} : { size: t.size }), price: t.price })), credit_type };
}

/** The spec's line item types (Metronome's names) for the simulator's kinds of line. */
const LINE_TYPES: Record<InvoiceLine['kind'], string> = { charge: 'usage', application: 'usage', scheduled: 'scheduled', trueup: 'postpaid_trueup' };

export interface LineJsonOptions {
  readonly includeListPrices?: boolean;
}

/** One line as InvoiceLineItem. Quantities, prices and totals leave micros only here. */
export function lineJson(line: InvoiceLine, options: LineJsonOptions = {}): Record<string, unknown> {
  const base = {
    name: line.name,
    type: LINE_TYPES[line.kind],
    product_id: line.product_id,
    credit_type: { id: line.credit_type.id, name: line.credit_type.name },
    starting_at: isoHour(line.starting_at.getTime()),
    ending_before: isoHour(line.ending_before.getTime()),
  };
  if (line.charge) {
    const { charge } = line;
    const product = findProduct(charge.product_id);
    return {
      ...base,
      product_type: 'UsageProductListItem',
      product_tags: [...(product?.tags ?? [])],
      quantity: fromMicros(charge.quantity),
      unit_price: fromMicros(charge.unit_price),
      total: fromMicros(line.total),
      ...(charge.group ? { presentation_group_values: { ...charge.group } } : {}),
      ...(charge.pricing ? { pricing_group_values: { ...charge.pricing } } : {}),
      ...(charge.tier ? { tier: tierJson(charge.tier) } : {}),
      ...(options.includeListPrices && line.rate ? { list_price: rateJson(line.rate) } : {}),
    };
  }
  if (line.application) {
    const { commit, segment } = line.application;
    return {
      ...base,
      total: fromMicros(line.total),
      commit_id: commit.id,
      commit_segment_id: segment.id,
      commit_type: commit.type === 'POSTPAID' ? 'PostpaidCommit' : 'PrepaidCommit',
      // Real Metronome data sometimes lacks this object on credits; the simulator omits it there
      // so that consumers are exercised on both shapes.
      ...(commit.type === 'CREDIT' ? {} : { applied_commit_or_credit: { id: commit.id, type: commit.type } }),
    };
  }
  const total = fromMicros(line.total);
  // A true-up pays for its postpaid commit: the spec's postpaid_commit marks it.
  const trueup = line.kind === 'trueup' && line.commit ? { commit_type: 'PostpaidCommit', postpaid_commit: { id: line.commit.id } } : {};
  return { ...base, product_type: 'FixedProductListItem', commit_id: line.commit?.id, ...trueup, quantity: 1, unit_price: total, total };
}

/** Lines a skip_zero_qty_line_items request keeps: only lines with a quantity of exactly 0 go. */
export const keepsLine = (line: InvoiceLine, skipZeroQuantity: boolean): boolean =>
  !skipZeroQuantity || !line.charge || line.charge.quantity !== 0;

/** The invoice fields shared by Invoice, BreakdownInvoice and SpendBreakdownInvoice. */
export function invoiceHeaderJson(invoice: InvoiceModel): Record<string, unknown> {
  return {
    id: invoice.id,
    customer_id: invoice.customer_id,
    contract_id: invoice.contract_id,
    type: invoice.type,
    status: invoice.status,
    credit_type: { id: invoice.credit_type.id, name: invoice.credit_type.name },
    start_timestamp: isoHour(invoice.start.getTime()),
    end_timestamp: isoHour(invoice.end.getTime()),
    ...(invoice.issued_at ? { issued_at: isoHour(invoice.issued_at.getTime()) } : {}),
  };
}

export function invoiceJson(invoice: InvoiceModel, skipZeroQuantity = false): Record<string, unknown> {
  const lines = invoice.lines.filter((line) => keepsLine(line, skipZeroQuantity));
  return {
    ...invoiceHeaderJson(invoice),
    net_payment_terms_days: invoice.net_payment_terms_days,
    customer_custom_fields: {},
    contract_custom_fields: {},
    line_items: lines.map((line) => lineJson(line)),
    // Zero-quantity lines have a zero total, so skipping them leaves the total as it is.
    total: fromMicros(invoice.total),
    ...(invoice.external ? { external_invoice: externalJson(invoice.external) } : {}),
  };
}

function externalJson(external: ExternalInvoice): Record<string, unknown> {
  return {
    billing_provider_type: external.billing_provider_type,
    invoice_id: external.invoice_id,
    issued_at_timestamp: isoHour(external.issued_at.getTime()),
    external_status: external.external_status,
  };
}
