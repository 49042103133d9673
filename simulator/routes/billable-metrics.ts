// GET /v1/customers/{customer_id}/billable-metrics (operationId listBillableMetrics-v1).
import { Hono } from 'hono';
import type { MetricDef } from '../catalog.ts';
import { findCustomer } from '../catalog.ts';
import { isUuid } from '../../spec/validate.ts';
import { BadRequest, apiError, decodeCursor, encodeCursor, fingerprint, parseBoolean, parseLimit } from '../http.ts';

/** A catalog metric as BillableMetricWithDeprecatedFields. */
export function billableMetricJson(metric: MetricDef): Record<string, unknown> {
  const keys = [...new Set(metric.group_keys.flat())];
  const aggregationKey = metric.aggregation_key;
  return {
    id: metric.id,
    name: metric.name,
    aggregation_type: metric.aggregation_type,
    ...(aggregationKey === undefined ? {} : { aggregation_key: aggregationKey }),
    event_type_filter: { in_values: [metric.event_type] },
    property_filters: aggregationKey === undefined ? [] : [{ name: aggregationKey, exists: true }],
    group_keys: metric.group_keys.map((k) => [...k]),
    // Deprecated fields, still returned by the API.
    group_by: keys,
    aggregate: metric.aggregation_type.toLowerCase(),
    aggregate_keys: aggregationKey === undefined ? [] : [aggregationKey],
    ...(metric.archived_at === undefined ? {} : { archived_at: metric.archived_at }),
  };
}

export function billableMetricsRoutes(): Hono {
  const app = new Hono();
  app.get('/v1/customers/:customer_id/billable-metrics', (c) => {
    const customerId = c.req.param('customer_id');
    if (!isUuid(customerId)) throw new BadRequest(`customer_id must be a uuid (got ${JSON.stringify(customerId)})`);
    const limit = parseLimit(c.req.query('limit'));
    const includeArchived = parseBoolean('include_archived', c.req.query('include_archived')) ?? false;
    // Plans/contracts are not simulated yet: every non-archived metric counts as "on the current
    // plan", so on_current_plan is validated but does not narrow the list.
    parseBoolean('on_current_plan', c.req.query('on_current_plan'));
    const customer = findCustomer(customerId.toLowerCase());
    if (!customer) return apiError(c, 404, 'Customer not found');
    const metrics = customer.metrics.filter((m) => includeArchived || m.archived_at === undefined);
    const fp = fingerprint(['billable-metrics', customer.id, includeArchived]);
    const offset = decodeCursor(c.req.query('next_page'), fp, metrics.length);
    const end = Math.min(offset + limit, metrics.length);
    return c.json({
      data: metrics.slice(offset, end).map(billableMetricJson),
      next_page: end < metrics.length ? encodeCursor(end, fp) : null,
    });
  });
  return app;
}
