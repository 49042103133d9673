// POST /v1/usage/groups (operationId getPagedUsage-v1) and POST /v1/usage (getUsageBatch-v1).
// Both evaluate the same plans (usage-query.ts) over the same data, so their numbers agree.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { CustomerDef, MetricDef } from '../catalog.ts';
import { CUSTOMERS, findCustomer } from '../catalog.ts';
import type { DataClock } from '../data.ts';
import { dataClock, hourIndex, sumUsage } from '../data.ts';
import { currentPeriod } from '../billing/statements.ts';
import { contractsOf } from '../billing/world.ts';
import { validateRequestBody } from '../../spec/validate.ts';
import { BadRequest, apiError, decodeCursor, encodeCursor, fingerprint, isoHour, parseLimit } from '../http.ts';
import type { UsageGroupsPayload, UsagePlan } from '../usage-query.ts';
import { normalizeWindowSize, planUsageQuery, resolveRange, usageRow } from '../usage-query.ts';

/** POST /v1/usage has no `limit` parameter in the spec: every page but the last has this many rows. */
export const BATCH_PAGE_SIZE = 100;
/** "all available values will be returned, up to a maximum of 200" (UsageBatchQueryPayload). */
const MAX_GROUP_VALUES = 200;

interface UsageBatchPayload {
  window_size: string;
  starting_on: string;
  ending_before: string;
  customer_ids?: string[];
  billable_metrics?: Array<{ id: string; group_by?: { key: string; values?: string[] } }>;
}

/** One (customer, metric) pair of a batch query; it contributes one row per window. */
interface BatchBlock {
  readonly customer: CustomerDef;
  readonly metric: MetricDef;
  readonly plan: UsagePlan;
  /** Entries of `groups` in output order; null series = a requested value no event carries. */
  readonly groups: ReadonlyArray<readonly [string, number[] | null]> | undefined;
}

async function readJson(c: Context): Promise<{ body: unknown } | undefined> {
  try {
    return { body: JSON.parse(await c.req.text()) };
  } catch {
    return undefined;
  }
}

/**
 * The (customer, metric) pairs of a batch query, in catalog order. Choices (the spec leaves them open):
 * - customer_ids absent = every customer; an id the simulator does not know is a 404 naming it.
 * - billable_metrics absent = every non-archived metric of each customer; listed metrics may be
 *   archived. An id that belongs to none of the selected customers is a 404 naming it.
 * - group_by.key must be a single-key group key of the metric (400 otherwise), as for /v1/usage/groups.
 * - `groups` holds one entry per requested value (null when no event ever carries it), or every
 *   value seen in events when `values` is omitted; events without the property are in `value` only.
 */
function planBatch(payload: UsageBatchPayload): BatchBlock[] | { notFound: string } {
  // Checked up front so that a query selecting nothing still gets its range validated.
  resolveRange({ ...payload, customer_id: '', billable_metric_id: '' }, normalizeWindowSize(payload.window_size));
  const customerIds = payload.customer_ids?.map((id) => id.toLowerCase());
  for (const id of customerIds ?? []) if (!findCustomer(id)) return { notFound: `Customer not found: ${id}` };
  const customers = CUSTOMERS.filter((customer) => customerIds === undefined || customerIds.includes(customer.id));
  const wanted = payload.billable_metrics?.map((m) => ({ ...m, id: m.id.toLowerCase() }));
  if (wanted && new Set(wanted.map((m) => m.id)).size !== wanted.length) throw new BadRequest('billable_metrics must not list a metric twice');
  for (const { id } of wanted ?? []) {
    if (!customers.some((customer) => customer.metrics.some((m) => m.id === id))) return { notFound: `Billable metric not found: ${id}` };
  }
  const blocks: BatchBlock[] = [];
  for (const customer of customers) {
    for (const metric of customer.metrics) {
      const request = wanted ? wanted.find((m) => m.id === metric.id) : metric.archived_at === undefined ? { id: metric.id } : undefined;
      if (!request) continue;
      const groupBy = request.group_by;
      if (groupBy && !metric.group_keys.some((keys) => keys.length === 1 && keys[0] === groupBy.key)) {
        throw new BadRequest(`group_by key "${groupBy.key}" is not a single-key group key of billable metric "${metric.name}"`);
      }
      const plan = planUsageQuery(metric, { ...payload, customer_id: customer.id, billable_metric_id: metric.id, ...(groupBy ? { group_by: groupBy } : {}) }, customer.id);
      let groups: BatchBlock['groups'];
      if (groupBy) {
        const byValue = new Map<string, number[]>();
        for (const g of plan.groups) {
          const value = g.group[groupBy.key];
          if (value != null) byValue.set(value, g.seriesIndexes);
        }
        const values = groupBy.values ?? [...byValue.keys()].slice(0, MAX_GROUP_VALUES);
        groups = values.map((v) => [v, byValue.get(v) ?? null] as const);
      }
      blocks.push({ customer, metric, plan, groups });
    }
  }
  return blocks;
}

/** Window `w` of a block as UsageBatchAggregate; `value` is the whole metric, grouped or not. */
function batchRow(block: BatchBlock, clock: DataClock, w: number): Record<string, unknown> {
  const { customer, metric, plan } = block;
  const start = plan.startMs + w * plan.windowMs;
  const [from, to] = [hourIndex(start), hourIndex(start + plan.windowMs)];
  const sum = (series: number[]): number => sumUsage(clock, metric, series, from, to);
  return {
    customer_id: customer.id,
    billable_metric_id: metric.id,
    billable_metric_name: metric.name,
    start_timestamp: isoHour(start),
    end_timestamp: isoHour(start + plan.windowMs),
    value: sum(metric.series.map((_, i) => i)),
    ...(block.groups ? { groups: Object.fromEntries(block.groups.map(([v, series]) => [v, series && sum(series)])) } : {}),
  };
}

export function usageRoutes(options: { now: () => Date; seed: number }): Hono {
  const app = new Hono();
  app.post('/v1/usage/groups', async (c) => {
    const parsed = await readJson(c);
    if (!parsed) return apiError(c, 400, 'Request body must be valid JSON');
    const body = parsed.body;
    const limit = parseLimit(c.req.query('limit'));
    const errors = validateRequestBody('post', '/v1/usage/groups', body);
    if (errors.length > 0) throw new BadRequest(errors.join('; '));
    const payload = body as UsageGroupsPayload;
    if (payload.current_period === true && (payload.starting_on !== undefined || payload.ending_before !== undefined)) {
      throw new BadRequest('starting_on and ending_before cannot be specified when current_period is true');
    }
    const customer = findCustomer(payload.customer_id.toLowerCase());
    if (!customer) return apiError(c, 404, 'Customer not found');
    const metric = customer.metrics.find((m) => m.id === payload.billable_metric_id.toLowerCase());
    if (!metric) return apiError(c, 404, 'Billable metric not found');
    // current_period is the billing period of the customer's contract that contains now; the
    // spec's "uncontracted" error applies when no contract is running.
    let query = payload;
    if (payload.current_period === true) {
      const now = options.now();
      const period = contractsOf(customer.id, now).map((contract) => currentPeriod(contract, now)).find((p) => p !== null);
      if (!period) throw new BadRequest('customer is not contracted');
      query = { ...payload, starting_on: isoHour(period.start.getTime()), ending_before: isoHour(period.end.getTime()) };
    }

    const plan = planUsageQuery(metric, query, customer.id);
    const fp = fingerprint(plan.identity);
    const offset = decodeCursor(c.req.query('next_page'), fp, plan.total);
    const end = Math.min(offset + limit, plan.total);
    const clock = dataClock(options.seed, options.now());
    const data = [];
    for (let i = offset; i < end; i++) data.push(usageRow(plan, clock, metric, i));
    return c.json({ data, next_page: end < plan.total ? encodeCursor(end, fp) : null });
  });

  // Rows are customer by customer, metric by metric, windows ascending within each metric.
  app.post('/v1/usage', async (c) => {
    const parsed = await readJson(c);
    if (!parsed) return apiError(c, 400, 'Request body must be valid JSON');
    const errors = validateRequestBody('post', '/v1/usage', parsed.body);
    if (errors.length > 0) throw new BadRequest(errors.join('; '));
    const blocks = planBatch(parsed.body as UsageBatchPayload);
    if ('notFound' in blocks) return apiError(c, 404, blocks.notFound);
    const windows = blocks[0]?.plan.windowCount ?? 0;
    const total = blocks.length * windows;
    const fp = fingerprint(['usage-batch', blocks.map((b) => [b.plan.identity, b.groups?.map(([v]) => v) ?? null])]);
    const offset = decodeCursor(c.req.query('next_page'), fp, total);
    const end = Math.min(offset + BATCH_PAGE_SIZE, total);
    const clock = dataClock(options.seed, options.now());
    const data = [];
    for (let i = offset; i < end; i++) data.push(batchRow(blocks[Math.floor(i / windows)] as BatchBlock, clock, i % windows));
    return c.json({ data, next_page: end < total ? encodeCursor(end, fp) : null });
  });
  return app;
}
