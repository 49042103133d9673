// Contracts, commits and credits of the billing world (billing/world.ts) as the spec's JSON: ContractV2
// with CommitV2/CreditV2 for /v2/contracts, Commit/Credit for /v1/contracts/customerBalances/list.
// Ledgers and balances come from the contract's books (billing/statements.ts).
import { isoHour } from '../http.ts';
import { fromMicros, type Micros } from '../billing/money.ts';
import type { CommitBooks, ContractBooks, LedgerEntry } from '../billing/statements.ts';
import { type CommitDef, type ContractDef, findProduct } from '../billing/world.ts';

/** Who "created" the simulated contracts; Metronome shows the user or API client here. */
export const CREATED_BY = 'Metronome simulator';

export interface BookOptions {
  /** Add the ledger of each commit and credit. */
  readonly ledger?: boolean;
  /** Add the balance of each commit and credit. */
  readonly balance?: boolean;
}

const iso = (date: Date): string => isoHour(date.getTime());

/** The spec's ledger entry type for an engine entry of a commit of this type. */
function ledgerType(commit: CommitDef, entry: LedgerEntry): string {
  const prefix = commit.type === 'CREDIT' ? 'CREDIT' : `${commit.type}_COMMIT`;
  switch (entry.kind) {
    case 'SEGMENT_START': return `${prefix}_SEGMENT_START`;
    case 'INITIAL_BALANCE': return `${prefix}_INITIAL_BALANCE`;
    case 'DEDUCTION': return `${prefix}_AUTOMATED_INVOICE_DEDUCTION`;
    case 'EXPIRATION': return `${prefix}_EXPIRATION`;
    case 'TRUEUP': return `${prefix}_TRUEUP`;
  }
}

export function ledgerJson(books: CommitBooks): Array<Record<string, unknown>> {
  return books.ledger.map((entry) => ({
    type: ledgerType(books.commit, entry),
    timestamp: iso(entry.timestamp),
    amount: fromMicros(entry.amount),
    // POSTPAID_COMMIT_INITIAL_BALANCE and _TRUEUP are the commit's, not a segment's: the spec gives them no segment_id.
    ...(entry.kind === 'INITIAL_BALANCE' || entry.kind === 'TRUEUP' ? {} : { segment_id: entry.segment_id }),
    ...(entry.invoice_id === undefined ? {} : { invoice_id: entry.invoice_id }),
  }));
}

/**
 * What the commit holds now. `FINALIZED` leaves out deductions of draft invoices (getNetBalance's
 * invoice_inclusion_mode); a segment below zero counts as zero, as Metronome's net balance does.
 */
export function balanceOf(books: CommitBooks, mode: 'FINALIZED' | 'FINALIZED_AND_DRAFT' = 'FINALIZED_AND_DRAFT'): Micros {
  const bySegment = new Map<string, Micros>();
  for (const entry of books.ledger) {
    if (mode === 'FINALIZED' && entry.pending) continue;
    bySegment.set(entry.segment_id, (bySegment.get(entry.segment_id) ?? 0) + entry.amount);
  }
  return [...bySegment.values()].reduce((sum, amount) => sum + Math.max(0, amount), 0);
}

/**
 * A commit or credit. `v1` is the customerBalances shape (Commit/Credit), `v2` the contract's
 * (CommitV2/CreditV2): v1 names the contracts it applies to and gives credits no created_at.
 */
export function commitJson(contract: ContractDef, books: CommitBooks, version: 'v1' | 'v2', options: BookOptions = {}): Record<string, unknown> {
  const commit = books.commit;
  const product = findProduct(commit.product_id)!;
  const creditType = { id: commit.credit_type.id, name: commit.credit_type.name };
  const purchase = commit.purchase;
  return {
    id: commit.id,
    type: commit.type,
    ...(commit.name === undefined ? {} : { name: commit.name }),
    ...(commit.description === undefined ? {} : { description: commit.description }),
    priority: commit.priority,
    product: { id: product.id, name: product.name },
    contract: { id: contract.id },
    rate_type: 'LIST_RATE',
    access_schedule: {
      credit_type: creditType,
      schedule_items: commit.segments.map((s) => ({ id: s.id, amount: s.amount, starting_at: iso(s.starting_at), ending_before: iso(s.ending_before) })),
    },
    ...(purchase && commit.type !== 'CREDIT'
      ? {
          invoice_schedule: {
            credit_type: creditType,
            schedule_items: [{ id: purchase.schedule_item_id, invoice_id: purchase.invoice_id, amount: purchase.amount, unit_price: purchase.amount, quantity: 1, timestamp: iso(purchase.timestamp) }],
            do_not_invoice: false,
          },
          invoice_contract: { id: contract.id },
        }
      : {}),
    ...(commit.applicable_product_ids === undefined ? {} : { applicable_product_ids: [...commit.applicable_product_ids] }),
    ...(version === 'v1' ? { applicable_contract_ids: [contract.id] } : {}),
    ...(options.ledger ? { ledger: ledgerJson(books) } : {}),
    ...(options.balance ? { balance: fromMicros(books.balance) } : {}),
    custom_fields: {},
    ...(version === 'v2' || commit.type !== 'CREDIT' ? { created_at: iso(commit.created_at) } : {}),
  };
}

/** ContractV2. Never edited, so no overrides, scheduled charges, transitions or usage filters. */
export function contractJson(books: ContractBooks, options: BookOptions = {}): Record<string, unknown> {
  const contract = books.contract;
  const json = (type: 'commit' | 'credit') =>
    books.commits.filter((b) => (b.commit.type === 'CREDIT') === (type === 'credit')).map((b) => commitJson(contract, b, 'v2', options));
  return {
    id: contract.id,
    customer_id: contract.customer_id,
    name: contract.name,
    rate_card_id: contract.rate_card_id,
    starting_at: iso(contract.starting_at),
    ending_before: iso(contract.ending_before),
    net_payment_terms_days: contract.net_payment_terms_days,
    commits: json('commit'),
    credits: json('credit'),
    has_more: { commits: false, credits: false },
    overrides: [],
    scheduled_charges: [],
    transitions: [],
    usage_filter: [],
    usage_statement_schedule: { frequency: 'MONTHLY', billing_anchor_date: iso(contract.billing_anchor_date) },
    custom_fields: {},
    created_at: iso(contract.created_at),
    created_by: CREATED_BY,
  };
}
