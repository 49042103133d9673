// POST /v1/customer-alerts/list (listCustomerAlerts-v1): a customer's threshold notifications with
// their current statuses, over billing/alerts.ts.
import { Hono } from 'hono';
import { findCustomer } from '../catalog.ts';
import { dataClock } from '../data.ts';
import { apiError, decodeCursor, encodeCursor, fingerprint, isoHour } from '../http.ts';
import { type AlertDef, alertStatuses, alertsOf, type CustomerStatus } from '../billing/alerts.ts';
import { specBody } from './body.ts';

/**
 * Metronome documents no page size for this list; a small one makes every demo customer with more
 * than two alerts answer in several pages, so clients are seen to follow next_page.
 */
export const ALERTS_PAGE_SIZE = 2;

interface ListPayload {
  customer_id: string;
  alert_statuses?: string[];
}

function alertJson(alert: AlertDef, status: CustomerStatus, now: Date) {
  return {
    customer_status: status,
    alert: {
      id: alert.id,
      name: alert.name,
      type: alert.type,
      status: alert.status,
      // Left out, not null, for a threshold that is not money (as for a days-left one).
      ...(alert.credit_type ? { credit_type: { id: alert.credit_type.id, name: alert.credit_type.name } } : {}),
      threshold: alert.threshold,
      updated_at: isoHour(Math.floor((now.getTime() - alert.updated_ms_ago) / 1000) * 1000),
    },
  };
}

export function alertsRoutes(options: { now: () => Date; seed: number }): Hono {
  const app = new Hono();

  /** Only enabled alerts unless alert_statuses says otherwise (any casing); the cursor comes in the query. */
  app.post('/v1/customer-alerts/list', async (c) => {
    const payload = await specBody<ListPayload>(c, '/v1/customer-alerts/list');
    const customerId = payload.customer_id.toLowerCase();
    if (!findCustomer(customerId)) return apiError(c, 404, 'Customer not found');
    const now = options.now();
    const wanted = new Set((payload.alert_statuses ?? ['enabled']).map((s) => s.toLowerCase()));
    const alerts = alertsOf(customerId).filter((alert) => wanted.has(alert.status));
    const statuses = alertStatuses(customerId, dataClock(options.seed, now), now);
    const fp = fingerprint(['customer-alerts', customerId, [...wanted].sort()]);
    const offset = decodeCursor(c.req.query('next_page'), fp, alerts.length);
    const end = Math.min(offset + ALERTS_PAGE_SIZE, alerts.length);
    return c.json({
      data: alerts.slice(offset, end).map((alert) => alertJson(alert, statuses.get(alert.id) ?? null, now)),
      next_page: end < alerts.length ? encodeCursor(end, fp) : null,
    });
  });
  return app;
}
