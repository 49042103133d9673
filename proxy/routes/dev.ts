import { Hono } from 'hono';
import * as v from 'valibot';
import type { Metronome } from '../metronome/client.ts';
import { UpstreamScope } from '../metronome/scope.ts';
import { groupKeysOf } from '../metronome/types.ts';
import { createSessionToken, DEFAULT_SESSION_MAX_TTL_SECONDS } from '../session.ts';
import { queryOf, single } from '../validation/params.ts';
import { valid } from '../validation/validator.ts';

export interface DevCustomer {
  id: string;
  name: string;
}

export interface DevSessions {
  customers: DevCustomer[];
  ttlSeconds: number;
}

/**
 * Mounted only when the proxy runs on the simulator, whose customers are made up: the demo page
 * lists them with their metrics and gets a session token for the one it shows. In production, host
 * backends mint tokens with createSessionToken and no client ever picks a customer.
 */
export function devRoutes(deps: DevSessions & { secret: string; maxTtlSeconds?: number; now: () => Date; metronome: Metronome }) {
  const { customers, secret, maxTtlSeconds = DEFAULT_SESSION_MAX_TTL_SECONDS, now, metronome } = deps;
  // A demo session lasts as long as asked, but never longer than the proxy itself accepts.
  const ttlSeconds = Math.min(deps.ttlSeconds, maxTtlSeconds);
  const ids = customers.map((customer) => customer.id);
  const sessionQuery = queryOf({
    customer_id: v.pipe(single, v.check((id: string) => ids.includes(id), (issue) => `"${issue.input}" is not one of the simulator's demo customers.`)),
  });
  return new Hono()
    .get('/customers', async (c) => {
      const scope = new UpstreamScope({ signal: c.req.raw.signal, now });
      const withMetrics = await Promise.all(
        customers.map(async (customer) => ({
          ...customer,
          billable_metrics: (await metronome.forCustomer(customer.id, scope).listBillableMetrics()).map((m) => ({
            id: m.id,
            name: m.name,
            group_keys: groupKeysOf(m),
          })),
        })),
      );
      return c.json({ customers: withMetrics });
    })
    .post('/session', valid('query', sessionQuery), async (c) => {
      const customerId = c.req.valid('query').customer_id;
      const token = await createSessionToken({ customerId, secret, ttlSeconds, maxTtlSeconds, now });
      return c.json({ token, expires_in: ttlSeconds });
    });
}
