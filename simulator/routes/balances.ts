// POST /v1/contracts/customerBalances/list (listCustomerBalances-v1) and
// POST /v1/contracts/customerBalances/getNetBalance (getNetBalance-v1).
import { Hono } from 'hono';
import { findCustomer } from '../catalog.ts';
import { dataClock } from '../data.ts';
import { BadRequest, apiError, decodeCursor, encodeCursor, fingerprint } from '../http.ts';
import { fromMicros } from '../billing/money.ts';
import { type CommitBooks, contractBooks } from '../billing/statements.ts';
import { CREDIT_TYPES, contractsOf, USD_CENTS } from '../billing/world.ts';
import { dateOf, specBody } from './body.ts';
import { balanceOf, commitJson } from './contract-json.ts';

/** The spec's default (and maximum) page size for balances. */
const DEFAULT_BALANCE_LIMIT = 25;

interface ListPayload {
  customer_id: string;
  id?: string;
  covering_date?: string;
  starting_at?: string;
  effective_before?: string;
  include_contract_balances?: boolean;
  include_archived?: boolean;
  include_ledgers?: boolean;
  include_balance?: boolean;
  exclude_zero_balances?: boolean;
  next_page?: string;
  limit?: number;
}

interface BalanceFilter {
  balance_types?: Array<'PREPAID_COMMIT' | 'POSTPAID_COMMIT' | 'CREDIT'>;
  ids?: string[];
  custom_fields?: Record<string, string>;
}

interface NetPayload {
  customer_id: string;
  credit_type_id?: string;
  filters?: BalanceFilter[];
  invoice_inclusion_mode?: 'FINALIZED' | 'FINALIZED_AND_DRAFT';
}

/** Burn order (priority, then id), so that a list reads in the order the balances are drawn down. */
const byPriority = (a: CommitBooks, b: CommitBooks) => a.commit.priority - b.commit.priority || a.commit.id.localeCompare(b.commit.id);

const balanceType = (books: CommitBooks) => (books.commit.type === 'CREDIT' ? 'CREDIT' : `${books.commit.type}_COMMIT` as const);

function matchesFilter(books: CommitBooks, filter: BalanceFilter): boolean {
  if (filter.balance_types && !filter.balance_types.includes(balanceType(books))) return false;
  if (filter.ids && !filter.ids.some((id) => id.toLowerCase() === books.commit.id)) return false;
  // Simulated commits and credits carry no custom fields, so any custom field condition fails.
  return !filter.custom_fields || Object.keys(filter.custom_fields).length === 0;
}

export function balancesRoutes(options: { now: () => Date; seed: number }): Hono {
  const app = new Hono();
  const commitsOf = (customerId: string): CommitBooks[] => {
    const now = options.now();
    return contractsOf(customerId, now).flatMap((contract) => contractBooks(contract, dataClock(options.seed, now), now).commits);
  };

  /**
   * Every simulated commit and credit belongs to a contract, and Metronome lists contract-level
   * balances only with include_contract_balances: true, so without it the list is empty. Filters on
   * dates look at the access schedule's segments; nothing is archived, so include_archived changes nothing.
   */
  app.post('/v1/contracts/customerBalances/list', async (c) => {
    const payload = await specBody<ListPayload>(c, '/v1/contracts/customerBalances/list');
    if (!findCustomer(payload.customer_id.toLowerCase())) return apiError(c, 404, 'Customer not found');
    const covering = dateOf(payload.covering_date);
    const startingAt = dateOf(payload.starting_at);
    const before = dateOf(payload.effective_before);
    const items = (payload.include_contract_balances === true ? commitsOf(payload.customer_id) : [])
      .filter((b) => payload.id === undefined || b.commit.id === payload.id.toLowerCase())
      .filter(({ commit }) => !covering || commit.segments.some((s) => s.starting_at <= covering && covering < s.ending_before))
      .filter(({ commit }) => !startingAt || commit.segments.some((s) => s.ending_before > startingAt))
      .filter(({ commit }) => !before || commit.segments.some((s) => s.starting_at < before))
      .filter((b) => payload.exclude_zero_balances !== true || b.balance !== 0)
      .sort(byPriority);
    const { next_page: cursor, limit = DEFAULT_BALANCE_LIMIT, ...query } = payload;
    // Bound to every filter but the page size, so a client may change limit between pages.
    const normalised = { ...query, customer_id: query.customer_id.toLowerCase(), id: query.id?.toLowerCase() };
    const fp = fingerprint(['customer-balances', Object.entries(normalised).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))]);
    const offset = decodeCursor(cursor, fp, items.length);
    const end = Math.min(offset + limit, items.length);
    const bookOptions = { ledger: payload.include_ledgers, balance: payload.include_balance };
    return c.json({
      data: items.slice(offset, end).map((b) => commitJson(b.contract, b, 'v1', bookOptions)),
      next_page: end < items.length ? encodeCursor(end, fp) : null,
    });
  });

  // The net balance is the sum of the matching balances the list shows (contract-level ones included).
  app.post('/v1/contracts/customerBalances/getNetBalance', async (c) => {
    const payload = await specBody<NetPayload>(c, '/v1/contracts/customerBalances/getNetBalance');
    const creditTypeId = payload.credit_type_id?.toLowerCase() ?? USD_CENTS.id;
    if (!CREDIT_TYPES.some((t) => t.id === creditTypeId)) throw new BadRequest(`credit_type_id ${creditTypeId} is not a credit type`);
    if (!findCustomer(payload.customer_id.toLowerCase())) return apiError(c, 404, 'Customer not found');
    const filters = payload.filters ?? [];
    const balance = commitsOf(payload.customer_id)
      .filter((b) => b.commit.credit_type.id === creditTypeId)
      .filter((b) => filters.length === 0 || filters.some((f) => matchesFilter(b, f)))
      .reduce((sum, b) => sum + balanceOf(b, payload.invoice_inclusion_mode), 0);
    return c.json({ data: { balance: fromMicros(balance), credit_type_id: creditTypeId } });
  });
  return app;
}
