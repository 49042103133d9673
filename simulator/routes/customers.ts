// GET /v1/customers/{customer_id} (getCustomer-v1) and GET /v1/customers (listCustomers-v1).
import { Hono } from 'hono';
import type { CustomerDef } from '../catalog.ts';
import { CUSTOMERS, findCustomer } from '../catalog.ts';
import { isUuid } from '../../spec/validate.ts';
import { BadRequest, apiError, decodeCursor, encodeCursor, fingerprint, parseBoolean, parseLimit } from '../http.ts';

/** The spec caps both id filters at 100 values. */
const MAX_FILTER_IDS = 100;

/**
 * A catalog customer as CustomerDetail. Choices where the catalog has nothing to say:
 * - external_id is the first ingest alias (the id itself when there is none), as the spec describes it;
 * - updated_at equals created_at: the simulator's customers are never edited;
 * - no Salesforce account (salesforce_account_id null) and no custom fields ({});
 * - archived_at is null: the catalog has no archived customers.
 */
export function customerJson(customer: CustomerDef): Record<string, unknown> {
  return {
    id: customer.id,
    external_id: customer.ingest_aliases[0] ?? customer.id,
    name: customer.name,
    ingest_aliases: [...customer.ingest_aliases],
    customer_config: { salesforce_account_id: null },
    custom_fields: {},
    created_at: customer.created_at,
    updated_at: customer.created_at,
    archived_at: null,
  };
}

/**
 * A repeatable id filter. SDKs send arrays either as repeated parameters (`?customer_ids=a&customer_ids=b`)
 * or comma-joined (`?customer_ids=a,b`); both are accepted, since neither form is ambiguous for ids.
 */
function idList(name: string, raw: string[] | undefined, uuids: boolean): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = raw.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (ids.length > MAX_FILTER_IDS) throw new BadRequest(`${name} accepts at most ${MAX_FILTER_IDS} ids (got ${ids.length})`);
  for (const id of ids) {
    if (id === '') throw new BadRequest(`${name} must not contain empty ids`);
    if (uuids && !isUuid(id)) throw new BadRequest(`${name} must contain uuids (got ${JSON.stringify(id)})`);
  }
  return uuids ? ids.map((id) => id.toLowerCase()) : ids;
}

export function customersRoutes(): Hono {
  const app = new Hono();

  app.get('/v1/customers/:customer_id', (c) => {
    const customerId = c.req.param('customer_id');
    if (!isUuid(customerId)) return apiError(c, 400, `customer_id must be a uuid (got ${JSON.stringify(customerId)})`);
    const customer = findCustomer(customerId.toLowerCase());
    if (!customer) return apiError(c, 404, 'Customer not found');
    return c.json({ data: customerJson(customer) });
  });

  // Customers are listed in catalog order; filters combine with AND. Unknown ids in customer_ids
  // simply match nothing (a filter, not a lookup), as an empty page rather than a 404.
  app.get('/v1/customers', (c) => {
    const limit = parseLimit(c.req.query('limit'));
    const ingestAlias = c.req.query('ingest_alias');
    const ids = idList('customer_ids', c.req.queries('customer_ids'), true);
    const salesforceIds = idList('salesforce_account_ids', c.req.queries('salesforce_account_ids'), false);
    const onlyArchived = parseBoolean('only_archived', c.req.query('only_archived')) ?? false;
    const customers = CUSTOMERS.filter((customer) => {
      // No simulated customer is archived or linked to Salesforce, so those filters match nothing.
      if (onlyArchived || salesforceIds !== undefined) return false;
      if (ids !== undefined && !ids.includes(customer.id)) return false;
      return ingestAlias === undefined || customer.ingest_aliases.includes(ingestAlias);
    });
    const fp = fingerprint(['customers', ingestAlias ?? null, ids ?? null, salesforceIds ?? null, onlyArchived]);
    const offset = decodeCursor(c.req.query('next_page'), fp, customers.length);
    const end = Math.min(offset + limit, customers.length);
    return c.json({
      data: customers.slice(offset, end).map(customerJson),
      next_page: end < customers.length ? encodeCursor(end, fp) : null,
    });
  });

  return app;
}
