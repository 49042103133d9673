// POST /v1/usage/groups (operationId getPagedUsage-v1).
import { Hono } from 'hono';
import { findCustomer } from '../catalog.ts';
import { dataClock } from '../data.ts';
import { validateRequestBody } from '../../spec/validate.ts';
import { BadRequest, apiError, decodeCursor, encodeCursor, fingerprint, parseLimit } from '../http.ts';
import type { UsageGroupsPayload } from '../usage-query.ts';
import { planUsageQuery, usageRow } from '../usage-query.ts';

export function usageRoutes(options: { now: () => Date; seed: number }): Hono {
  const app = new Hono();
  app.post('/v1/usage/groups', async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return apiError(c, 400, 'Request body must be valid JSON');
    }
    try {
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
      // current_period needs the customer's billing period, which comes from a contract. Contracts
      // are not simulated yet, so every customer is "uncontracted" and the spec's error applies.
      if (payload.current_period === true) throw new BadRequest('customer is not contracted');

      const plan = planUsageQuery(metric, payload, customer.id);
      const fp = fingerprint(plan.identity);
      const offset = decodeCursor(c.req.query('next_page'), fp, plan.total);
      const end = Math.min(offset + limit, plan.total);
      const clock = dataClock(options.seed, options.now());
      const data = [];
      for (let i = offset; i < end; i++) data.push(usageRow(plan, clock, metric, i));
      return c.json({ data, next_page: end < plan.total ? encodeCursor(end, fp) : null });
    } catch (error) {
      if (error instanceof BadRequest) return apiError(c, 400, error.message);
      throw error;
    }
  });
  return app;
}
