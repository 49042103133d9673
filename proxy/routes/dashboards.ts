import { Hono } from 'hono';
import type { DashboardUrlResponse } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { jsonBody, limitBody } from '../validation/body.ts';
import { dashboardRequest } from '../validation/dashboard.ts';
import { valid } from '../validation/validator.ts';

/**
 * `POST /api/dashboards/embeddable-url`: a URL for one of Metronome's hosted dashboards, for the
 * session's customer. The body (proxy/validation/dashboard.ts) is checked before Metronome is called.
 */
export function dashboardsRoutes() {
  return new Hono<ApiEnv>().post('/embeddable-url', limitBody, jsonBody, valid('json', dashboardRequest), async (c) => {
    const body: DashboardUrlResponse = { url: await c.var.metronome.embeddableDashboardUrl(c.req.valid('json')) };
    return answer(c, body);
  });
}
