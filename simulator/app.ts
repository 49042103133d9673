// A local Metronome: a Hono app speaking the subset of https://api.metronome.com described in
// spec/metronome-openapi.json, over deterministic seeded data anchored to an injectable clock.
// No listening, no environment, no node:* imports — callers mount or serve it.
import { Hono } from 'hono';
import type { FaultOptions } from './faults.ts';
import { faultsMiddleware } from './faults.ts';
import { apiError, BadRequest } from './http.ts';
import { alertsRoutes } from './routes/alerts.ts';
import { balancesRoutes } from './routes/balances.ts';
import { billableMetricsRoutes } from './routes/billable-metrics.ts';
import { breakdownsRoutes } from './routes/breakdowns.ts';
import { contractsRoutes } from './routes/contracts.ts';
import { customersRoutes } from './routes/customers.ts';
import { dashboardPageRoutes, dashboardsRoutes } from './routes/dashboards.ts';
import { invoicesRoutes } from './routes/invoices.ts';
import { paymentsRoutes } from './routes/payments.ts';
import { pricingRoutes } from './routes/pricing.ts';
import { usageRoutes } from './routes/usage.ts';

export interface SimulatorOptions {
  /** Token expected in `Authorization: Bearer <apiToken>` on every request. */
  apiToken: string;
  /** Clock that anchors the data (default: real time). */
  now?: () => Date;
  /** Seed of the usage data (default 1). */
  seed?: number;
  /** Faults injected into every request (see faults.ts); the x-simulator-fault header overrides them. */
  faults?: FaultOptions;
}

export const DEFAULT_SEED = 1;

export function createSimulator(options: SimulatorOptions): Hono {
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? DEFAULT_SEED;
  const expected = `Bearer ${options.apiToken}`;
  const app = new Hono();

  // First, so that injected faults hit every request, authorised or not, as a gateway's would.
  app.use('*', faultsMiddleware({ faults: options.faults, seed }));
  // Embeddable dashboard pages are opened in iframes without a bearer: their signed URL is the key.
  const dashboards = { now, seed, apiToken: options.apiToken };
  app.route('/', dashboardPageRoutes(dashboards));
  app.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^bearer\s+(.+)$/i.exec(header.trim());
    if (!options.apiToken || !match || `Bearer ${match[1]}` !== expected) return apiError(c, 401, 'Unauthorized');
    await next();
  });

  app.route('/', usageRoutes({ now, seed }));
  app.route('/', billableMetricsRoutes());
  app.route('/', customersRoutes());
  app.route('/', contractsRoutes({ now, seed }));
  app.route('/', balancesRoutes({ now, seed }));
  app.route('/', alertsRoutes({ now, seed }));
  app.route('/', pricingRoutes({ now }));
  // Breakdowns first: …/invoices/breakdowns would otherwise read as an invoice id.
  app.route('/', breakdownsRoutes({ now, seed }));
  app.route('/', invoicesRoutes({ now, seed }));
  app.route('/', paymentsRoutes({ now, seed }));
  app.route('/', dashboardsRoutes(dashboards));

  app.notFound((c) => apiError(c, 404, `Not found: ${c.req.method} ${c.req.path}`));
  // Routes throw BadRequest for anything the spec or Metronome's rules reject; it becomes the usual {message}.
  app.onError((error, c) => (error instanceof BadRequest ? apiError(c, 400, error.message) : apiError(c, 500, `Internal simulator error: ${error.message}`)));
  return app;
}
