import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../contract/index.ts';
import type { Logger } from './log.ts';

/** An error the proxy answers with on purpose: its message is safe to show to the browser. */
export class ProxyError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Sent as `Retry-After` (seconds): when trying again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ProxyError';
  }
}

export const badRequest = (parameter: string, problem: string) =>
  new ProxyError(400, 'invalid_parameter', `${parameter}: ${problem}`);

export const unauthorized = (message: string) => new ProxyError(401, 'unauthorized', message);

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  const body: ErrorBody = { error: { code, message } };
  return c.json(body, status);
}

/**
 * The app's one `onError`: known errors keep their status and message; anything else is a bug,
 * answered with a message that reveals nothing of it. Every 5xx is logged here, once, with the
 * request id the browser got in X-Request-Id: known ones (Metronome failing) as warnings with their
 * code, bugs as errors with their message and stack. Nothing from the request's headers is logged.
 */
export function errorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    const where = { request_id: c.get('requestId') as string | undefined, method: c.req.method, route: c.req.routePath, path: c.req.path };
    if (err instanceof ProxyError) {
      if (err.status >= 500) logger.warn({ ...where, status: err.status, code: err.code }, err.message);
      if (err.retryAfterSeconds !== undefined) c.header('retry-after', String(err.retryAfterSeconds));
      return errorResponse(c, err.status, err.code, err.message);
    }
    // Hono's own refusals of a request (a malformed one, say) keep their 4xx, in the proxy's shape.
    if (err instanceof HTTPException && err.status < 500) return errorResponse(c, err.status, 'bad_request', 'The request could not be read.');
    // The browser went away (a page closed, a newer request replaced this one): its calls were
    // abandoned, which is no bug. Nobody reads the answer; 499 marks it for access logs.
    if (c.req.raw.signal.aborted) {
      logger.info({ ...where, status: 499 }, 'the browser went away before the answer');
      return new Response(null, { status: 499 });
    }
    logger.error({ ...where, status: 500, code: 'internal_error', err: { type: err?.name, message: err?.message, stack: err?.stack } }, 'unexpected error');
    return errorResponse(c, 500, 'internal_error', 'The billing proxy hit an unexpected error.');
  };
}
