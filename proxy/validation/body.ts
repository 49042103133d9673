import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { badRequest, ProxyError } from '../errors.ts';

/** Request bodies: how large they may be, and how a JSON one is read. */

/** The largest body any /api request may carry; the embeddable-url body, the only one read, is a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;

const bodyAtMostMax = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ProxyError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
  },
});

/**
 * 413 for a body over MAX_BODY_BYTES: at once when Content-Length says so, otherwise as soon as the
 * bytes read pass it, so a large body is never read whole. A GET or HEAD that announces no body is
 * let through untouched: Hono's bodyLimit asks for the body stream, which on Node builds a whole web
 * Request, a cost every GET would pay for nothing (on Node a body always comes with one of the two).
 */
export const limitBody = createMiddleware(async (c, next) => {
  const bodiless = (c.req.method === 'GET' || c.req.method === 'HEAD') && c.req.header('content-length') === undefined && c.req.header('transfer-encoding') === undefined;
  return bodiless ? next() : bodyAtMostMax(c, next);
});

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * A JSON body, parsed once before the validator reads it (Hono keeps the parsed body): sent as JSON,
 * or it would be read as empty, and valid JSON, or a 400 naming `body` rather than Hono's own error.
 */
export const jsonBody = createMiddleware(async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!JSON_TYPE.test(mediaType)) throw badRequest('content-type', `${mediaType ? `"${mediaType}"` : 'missing'} is not application/json.`);
  try {
    await c.req.json();
  } catch {
    throw badRequest('body', 'is not valid JSON.');
  }
  await next();
});
