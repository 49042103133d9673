import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { badRequest, ProxyError } from '../errors.ts';

/** Request bodies: how large they may be, and how a JSON one is read. */

/** The largest body any /api request may carry; the embeddable-url body, the only one read, is a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () => new ProxyError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);

const bodyAtMostMax = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

/** The parts of a Node IncomingMessage (`c.env.incoming` under @hono/node-server) that tell whether its body was read already. */
interface NodeIncoming {
  body?: unknown;
  rawBody?: unknown;
  readableDidRead?: boolean;
  readableEnded?: boolean;
}

type ReadBefore = { parsed: unknown } | { text: string } | undefined;

/** What readBefore found per request, seen before the proxy opens the stream itself (which marks it read). */
const seen = new WeakMap<object, ReadBefore>();

/**
 * A body a middleware before the proxy already read off the Node request: Express's `express.json()`
 * (an object), `express.text()` (a string) or `express.raw()` (a Buffer) on `req.body`. The proxy,
 * mounted after it through @hono/node-server, would find the request's stream empty. Undefined when
 * the stream is unread, or when the reader kept the bytes as `rawBody` (which @hono/node-server reads).
 */
function readBefore(c: Context): ReadBefore {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  if (!incoming || typeof incoming !== 'object') return undefined;
  if (seen.has(incoming)) return seen.get(incoming);
  let found: ReadBefore;
  if ((incoming.readableDidRead || incoming.readableEnded) && !(incoming.rawBody instanceof Uint8Array)) {
    const { body } = incoming;
    if (typeof body === 'string') found = { text: body };
    else if (body instanceof Uint8Array) found = { text: new TextDecoder().decode(body) };
    else if (body !== undefined && body !== null) found = { parsed: body };
    else throw new Error('The request body was read by a middleware before the proxy, which kept neither req.body nor req.rawBody: mount the proxy before that middleware.');
  }
  seen.set(incoming, found);
  return found;
}

/**
 * 413 for a body over MAX_BODY_BYTES: at once when Content-Length says so, otherwise as soon as the
 * bytes read pass it, so a large body is never read whole. A GET or HEAD that announces no body is
 * let through untouched: Hono's bodyLimit asks for the body stream, which on Node builds a whole web
 * Request, a cost every GET would pay for nothing (on Node a body always comes with one of the two).
 * A body read before the proxy (readBefore) is measured as read, and given to `c.req.json()`.
 */
export const limitBody = createMiddleware(async (c, next) => {
  const bodiless = (c.req.method === 'GET' || c.req.method === 'HEAD') && c.req.header('content-length') === undefined && c.req.header('transfer-encoding') === undefined;
  if (bodiless) return next();
  const before = readBefore(c);
  if (!before) return bodyAtMostMax(c, next);
  const text = 'text' in before ? before.text : JSON.stringify(before.parsed);
  if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES || new TextEncoder().encode(text).length > MAX_BODY_BYTES) throw tooLarge();
  if ('parsed' in before) c.req.bodyCache.json = Promise.resolve(before.parsed);
  else c.req.bodyCache.text = Promise.resolve(text) as unknown as string;
  return next();
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
