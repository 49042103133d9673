import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../contract/index.ts';

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
 * logged on the server and answered with a message that reveals nothing of it.
 */
export function handleError(err: Error, c: Context) {
  if (err instanceof ProxyError) {
    if (err.retryAfterSeconds !== undefined) c.header('retry-after', String(err.retryAfterSeconds));
    return errorResponse(c, err.status, err.code, err.message);
  }
  console.error('proxy: unexpected error', err);
  return errorResponse(c, 500, 'internal_error', 'The billing proxy hit an unexpected error.');
}
