// POST /v2/contracts/list (listContracts-v2) and POST /v2/contracts/get (getContract-v2).
import { Hono } from 'hono';
import type { Context } from 'hono';
import { findCustomer } from '../catalog.ts';
import { dataClock } from '../data.ts';
import { BadRequest } from '../http.ts';
import { contractBooks } from '../billing/statements.ts';
import { contractsOf } from '../billing/world.ts';
import { dateOf, specBody } from './body.ts';
import { contractJson } from './contract-json.ts';

interface ListPayload {
  customer_id: string;
  include_ledgers?: boolean;
  include_archived?: boolean;
  include_balance?: boolean;
  starting_at?: string;
  covering_date?: string;
}

interface GetPayload {
  customer_id: string;
  contract_id: string;
  include_ledgers?: boolean;
  include_balance?: boolean;
  as_of_date?: string;
}

/**
 * These two operations declare their not-found errors as 400 `{code, message}` with code
 * CustomerNotFound or ContractNotFound, so the simulator answers them that way (not 404).
 */
const notFound = (c: Context, code: 'CustomerNotFound' | 'ContractNotFound', message: string) => c.json({ code, message }, 400);

export function contractsRoutes(options: { now: () => Date; seed: number }): Hono {
  const app = new Hono();
  const booksOf = (customerId: string, now: Date) => contractsOf(customerId, now).map((contract) => contractBooks(contract, dataClock(options.seed, now), now));

  // Chronological by starting_at, as the spec says. No simulated contract is archived, so
  // include_archived changes nothing.
  app.post('/v2/contracts/list', async (c) => {
    const payload = await specBody<ListPayload>(c, '/v2/contracts/list');
    if (payload.starting_at !== undefined && payload.covering_date !== undefined) {
      throw new BadRequest('starting_at cannot be provided together with covering_date');
    }
    if (!findCustomer(payload.customer_id.toLowerCase())) return notFound(c, 'CustomerNotFound', 'Customer not found');
    const now = options.now();
    const covering = dateOf(payload.covering_date);
    const startingAt = dateOf(payload.starting_at);
    const data = booksOf(payload.customer_id, now)
      .filter(({ contract }) => !covering || (contract.starting_at <= covering && covering < contract.ending_before))
      .filter(({ contract }) => !startingAt || contract.starting_at >= startingAt)
      .sort((a, b) => a.contract.starting_at.getTime() - b.contract.starting_at.getTime())
      .map((books) => contractJson(books, { ledger: payload.include_ledgers, balance: payload.include_balance }));
    return c.json({ data });
  });

  // as_of_date: simulated contracts are never edited, so every date shows the same terms (balances
  // and ledgers are always as of now). It still cannot be combined with include_ledgers.
  app.post('/v2/contracts/get', async (c) => {
    const payload = await specBody<GetPayload>(c, '/v2/contracts/get');
    if (payload.as_of_date !== undefined && payload.include_ledgers === true) {
      throw new BadRequest('as_of_date cannot be used together with include_ledgers');
    }
    if (!findCustomer(payload.customer_id.toLowerCase())) return notFound(c, 'CustomerNotFound', 'Customer not found');
    const books = booksOf(payload.customer_id, options.now()).find((b) => b.contract.id === payload.contract_id.toLowerCase());
    if (!books) return notFound(c, 'ContractNotFound', 'Contract not found');
    return c.json({ data: contractJson(books, { ledger: payload.include_ledgers, balance: payload.include_balance }) });
  });
  return app;
}
