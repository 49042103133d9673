import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { errorResponse, handleError } from './errors.ts';
import type { Metronome } from './metronome.ts';
import { balancesRoutes } from './routes/balances.ts';
import { customerRoutes } from './routes/customer.ts';
import { dashboardsRoutes } from './routes/dashboards.ts';
import { invoicesRoutes } from './routes/invoices.ts';
import { devRoutes, type DevCustomer } from './routes/dev.ts';
import { spendSummaryRoutes } from './routes/spend-summary.ts';
import { spendRoutes } from './routes/spend.ts';
import { usageRoutes } from './routes/usage.ts';
import { requireSession, type SessionVariables } from './session.ts';

export interface AppDeps {
  metronome: Metronome;
  /** HS256 secret that session tokens are signed with. */
  sessionSecret: string;
  now: () => Date;
  /** Origins allowed to call /api from a browser; same-origin only when empty. */
  allowedOrigins?: string[];
  /** Only when the proxy runs on the simulator: lets the demo page mint tokens for its demo customers. */
  devSessions?: { customers: DevCustomer[]; ttlSeconds: number };
}

/** The proxy as a Hono app: no listen, no environment, no Node APIs, so tests call `app.request()`. */
export function createApp(deps: AppDeps) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));

  app.get('/healthz', (c) => c.json({ ok: true }));

  if (deps.allowedOrigins?.length) {
    app.use('/api/*', cors({ origin: deps.allowedOrigins, allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  }
  app.use('/api/*', requireSession(deps.sessionSecret, deps.now));
  app.route('/api/customer', customerRoutes(deps.metronome, deps.now));
  app.route('/api/usage', usageRoutes(deps.metronome, deps.now));
  app.route('/api/spend/summary', spendSummaryRoutes(deps.metronome, deps.now));
  app.route('/api/spend', spendRoutes(deps.metronome));
  app.route('/api/balances', balancesRoutes(deps.metronome, deps.now));
  app.route('/api/invoices', invoicesRoutes(deps.metronome, deps.now));
  app.route('/api/dashboards', dashboardsRoutes(deps.metronome));

  if (deps.devSessions) app.route('/dev', devRoutes({ ...deps.devSessions, secret: deps.sessionSecret, now: deps.now, metronome: deps.metronome }));
  return app;
}

