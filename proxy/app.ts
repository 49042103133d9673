import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { createMiddleware } from 'hono/factory';
import { reuseAnswers } from './answers.ts';
import type { ApiEnv } from './context.ts';
import { errorHandler, errorResponse } from './errors.ts';
import { identifyCustomer, type Identify } from './identify.ts';
import { silentLogger, type Logger } from './log.ts';
import type { Metronome } from './metronome/client.ts';
import { deadlinePassed } from './metronome/errors.ts';
import { UpstreamScope } from './metronome/scope.ts';
import { UPSTREAM_DEFAULTS } from './metronome/upstream.ts';
import { alertsRoutes } from './routes/alerts.ts';
import { balancesRoutes } from './routes/balances.ts';
import { customerRoutes } from './routes/customer.ts';
import { dashboardsRoutes } from './routes/dashboards.ts';
import { devRoutes, type DevSessions } from './routes/dev.ts';
import { healthRoutes, type ReadinessCheck } from './routes/health.ts';
import { invoicesRoutes } from './routes/invoices.ts';
import { spendSummaryRoutes } from './routes/spend-summary.ts';
import { spendRoutes } from './routes/spend.ts';
import { usageSummaryRoutes } from './routes/usage-summary.ts';
import { usageRoutes } from './routes/usage.ts';
import { bearerSession, limitSessionRate, type RateLimiter } from './session.ts';
import { limitBody } from './validation/body.ts';

export interface AppDeps {
  metronome: Metronome;
  /**
   * Who each /api request is for (identify.ts): the Metronome customer id from the host's own session,
   * or null for a 401. When absent, the proxy's bearer session tokens signed with `sessionSecret`.
   */
  identify?: Identify;
  /** HS256 secret that session tokens are signed with: required without `identify`, and for `devSessions`. */
  sessionSecret?: string;
  /** The secret before the last rotation: tokens signed with it are accepted until they expire. */
  previousSessionSecret?: string;
  /** Longest session accepted (`exp − iat`), in seconds; DEFAULT_SESSION_MAX_TTL_SECONDS (a day) when absent. */
  sessionMaxTtlSeconds?: number;
  /**
   * Counts each session's /api requests (`createRateLimiter` in rate-limit.ts, Node only); unlimited
   * when absent. Sessions are what identify names (`sessionKey`), else customers.
   */
  rateLimiter?: RateLimiter;
  now: () => Date;
  /** Origins allowed to call /api from a browser; same-origin only when empty. */
  allowedOrigins?: string[];
  /** How long one browser request may spend on all its Metronome calls before it is answered 504. */
  deadlineMs?: number;
  /** Where upstream failures and 5xx answers are logged; silent when absent. */
  logger?: Logger;
  /**
   * What `/readyz` checks, by name (`metronome`, `redis`): each resolves when its dependency answers,
   * and is given a signal that aborts when the check times out. `/readyz` is always ready without any.
   */
  readiness?: Record<string, ReadinessCheck>;
  /** Only when the proxy runs on the simulator: lets the demo page mint tokens for its demo customers. */
  devSessions?: DevSessions;
}


/**
 * Billing JSON is per customer and per moment: no shared cache may keep it, and no browser may read it
 * as anything but JSON.
 */
const billingHeaders = createMiddleware(async (c, next) => {
  await next();
  c.header('cache-control', 'private, no-store');
  c.header('x-content-type-options', 'nosniff');
});

/**
 * Gives the request its Metronome client, bound to the session's customer and to one deadline across
 * every call the request makes; past it the calls are abandoned and the browser gets a 504.
 */
const upstreamFor = (deps: AppDeps) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const deadlineAt = Date.now() + (deps.deadlineMs ?? UPSTREAM_DEFAULTS.deadlineMs);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const signal = () => {
      const deadline = new AbortController();
      // The reason is what the calls in flight fail with, so the browser gets the 504 whichever call it hit.
      timer = setTimeout(() => deadline.abort(deadlinePassed()), Math.max(0, deadlineAt - Date.now()));
      return AbortSignal.any([c.req.raw.signal, deadline.signal]);
    };
    const scope = new UpstreamScope({ signal, now: deps.now, requestId: c.var.requestId });
    c.set('upstream', scope);
    c.set('metronome', deps.metronome.forCustomer(c.var.customerId, scope));
    try {
      await next();
    } finally {
      clearTimeout(timer);
    }
  });

function required<T>(value: T | undefined, what: string): T {
  if (!value) throw new TypeError(`createApp: ${what} is required`);
  return value;
}

/** The host's identify, or the proxy's own bearer sessions signed with `sessionSecret`. */
function identifyOf(deps: AppDeps): Identify {
  if (deps.identify) return deps.identify;
  const secret = required(deps.sessionSecret, 'identify or sessionSecret');
  return bearerSession({ secret, previousSecret: deps.previousSessionSecret, maxTtlSeconds: deps.sessionMaxTtlSeconds, now: deps.now });
}

/** The proxy as a Hono app: no listen, no environment, no Node APIs, so tests call `app.request()`. */
export function createApp(deps: AppDeps) {
  const app = new Hono<ApiEnv>();
  const logger = deps.logger ?? silentLogger;
  app.onError(errorHandler(logger));
  app.notFound((c) => errorResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));

  // Every answer names its request (X-Request-Id), and so does every log line about it.
  app.use('*', requestId());
  app.route('/', healthRoutes({ readiness: deps.readiness, now: deps.now, logger }));

  app.use('/api/*', billingHeaders);
  if (deps.allowedOrigins?.length) {
    app.use('/api/*', cors({ origin: deps.allowedOrigins, allowHeaders: ['Authorization', 'Content-Type'], exposeHeaders: ['Retry-After', 'X-Request-Id'], maxAge: 600 }));
  }
  app.use('/api/*', limitBody);
  app.use('/api/*', identifyCustomer(identifyOf(deps)));
  if (deps.rateLimiter) app.use('/api/*', limitSessionRate(deps.rateLimiter, deps.logger ?? silentLogger));
  app.use('/api/*', reuseAnswers({ now: deps.now }));
  app.use('/api/*', upstreamFor(deps));
  app.route('/api/customer', customerRoutes(deps));
  app.route('/api/usage/summary', usageSummaryRoutes(deps));
  app.route('/api/usage', usageRoutes(deps));
  app.route('/api/spend/summary', spendSummaryRoutes(deps));
  app.route('/api/spend', spendRoutes());
  app.route('/api/balances', balancesRoutes(deps));
  app.route('/api/invoices', invoicesRoutes(deps));
  app.route('/api/alerts', alertsRoutes(deps));
  app.route('/api/dashboards', dashboardsRoutes());

  if (deps.devSessions) app.route('/dev', devRoutes({ ...deps.devSessions, secret: required(deps.sessionSecret, 'sessionSecret (devSessions mints tokens with it)'), maxTtlSeconds: deps.sessionMaxTtlSeconds, now: deps.now, metronome: deps.metronome }));
  return app;
}
