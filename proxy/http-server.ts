/**
 * The proxy's Node HTTP server (Node-only; the app itself stays browser-loadable): @hono/node-server
 * with timeouts for slow clients, connection handling that survives answers sent before a request
 * body was read (a 413), and a graceful close.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';

export interface ServerTimeouts {
  /** Longest a client may take to send a request's headers (Node's `headersTimeout`). */
  headersMs: number;
  /** Longest a client may take to send a whole request, body included (`requestTimeout`). */
  requestMs: number;
  /** How long an idle keep-alive connection is kept (`keepAliveTimeout`). */
  keepAliveMs: number;
}

/**
 * Headers within 10 s; a whole request within the Metronome deadline plus 5 s (so a client is never
 * cut off by this timer while the proxy still works on its answer); idle connections kept 65 s,
 * longer than the 60 s idle timeout of common load balancers, so that the balancer, not the proxy,
 * closes them and never sends a request on a connection the proxy is closing.
 */
export function serverTimeouts(deadlineMs: number): ServerTimeouts {
  const requestMs = deadlineMs + 5_000;
  // Node refuses a headers timeout longer than the request timeout.
  return { headersMs: Math.min(10_000, requestMs), requestMs, keepAliveMs: 65_000 };
}

export interface DrainLimits {
  /** The most of an unread body the server reads (and discards) to keep the connection. */
  maxBytes: number;
  /** The longest it waits for it. */
  maxMs: number;
}

/** 1 MiB in 5 s: far above the 64 KB bodies the proxy takes, far below what would tie a connection up. */
export const DRAIN_LIMITS: DrainLimits = { maxBytes: 1024 * 1024, maxMs: 5_000 };

export type Fetch = (request: Request, env: HttpBindings) => Response | Promise<Response>;

export interface HttpServer {
  server: Server;
  port: number;
  /**
   * Stops accepting connections, lets the requests in flight finish (their answers say
   * `Connection: close`), closes idle connections at once and whatever is left after `graceMs`.
   * Resolves when every connection is closed, with how many had to be cut.
   */
  close(graceMs: number): Promise<{ cut: number }>;
}

export function listen(options: { fetch: Fetch; port: number; hostname: string; timeouts: ServerTimeouts; drain?: DrainLimits }): Promise<HttpServer> {
  const drain = options.drain ?? DRAIN_LIMITS;
  let closing = false;

  const fetch = async (request: Request, env: HttpBindings): Promise<Response> => {
    const response = await options.fetch(request, env);
    const { incoming, outgoing } = env;
    if (closing) outgoing.setHeader('connection', 'close');
    if (bodyLeftUnread(incoming)) keepConnectionUsable(incoming, outgoing, drain);
    return response;
  };

  const server = serve({
    // HTTP/1.1 only (no createServer option), so `env` is always HttpBindings.
    fetch: fetch as (request: Request, env: unknown) => Promise<Response>,
    port: options.port,
    hostname: options.hostname,
    // Unread bodies are handled below: @hono/node-server's own clean-up cannot read a body whose web
    // stream has been opened (the stream pauses the request again) and resets the connection instead.
    autoCleanupIncoming: false,
    serverOptions: {
      headersTimeout: options.timeouts.headersMs,
      requestTimeout: options.timeouts.requestMs,
      keepAliveTimeout: options.timeouts.keepAliveMs,
      // How often Node looks for requests past the two timeouts above (default every 30 s).
      connectionsCheckingInterval: Math.min(1_000, options.timeouts.headersMs),
    },
  }) as Server;

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close(graceMs) {
          closing = true;
          return new Promise((done) => {
            let cut = 0;
            const timer = setTimeout(() => {
              cut = sockets.size;
              server.closeAllConnections();
            }, graceMs);
            // Keep-alive connections that fall idle while the server closes are closed as they do.
            const sweep = setInterval(() => server.closeIdleConnections(), 100);
            server.close(() => {
              clearTimeout(timer);
              clearInterval(sweep);
              done({ cut });
            });
          });
        },
      });
    });
  });
}

/** A request body the app answered without reading to its end (a 413, or a route that takes none). */
function bodyLeftUnread(incoming: IncomingMessage): boolean {
  return incoming.method !== 'GET' && incoming.method !== 'HEAD' && !incoming.readableEnded && !incoming.destroyed;
}

/**
 * The next request on this connection starts after this body, so the body must be read off the wire
 * first. When it is declared (Content-Length) and small enough, it is read and discarded once the
 * answer is sent, and the connection stays open. Otherwise the answer says `Connection: close`, and
 * the server still reads what comes for a moment before closing, so that the client reads the answer
 * rather than a reset (closing a socket with unread data sends a TCP RST).
 */
function keepConnectionUsable(incoming: IncomingMessage, outgoing: ServerResponse, limits: DrainLimits) {
  const declared = incoming.headers['transfer-encoding'] ? undefined : Number(incoming.headers['content-length'] ?? 0);
  const keep = declared !== undefined && Number.isSafeInteger(declared) && declared <= limits.maxBytes;
  const socket = incoming.socket;
  if (!keep) {
    outgoing.setHeader('connection', 'close');
    // Node ends and destroys the socket as soon as the answer is out; end it (FIN) but read on.
    socket.destroySoon = () => socket.end();
  }
  const close = () => socket.destroy();
  outgoing.once('finish', () => discard(incoming, limits, keep ? () => undefined : close, close));
}

/** Reads and throws away the rest of `incoming`: `ended` at its end, `exceeded` past the limits. */
function discard(incoming: IncomingMessage, limits: DrainLimits, ended: () => void, exceeded: () => void) {
  let bytes = 0;
  const stop = (then: () => void) => {
    clearTimeout(timer);
    incoming.off('data', count);
    incoming.off('end', onEnd);
    then();
  };
  const onEnd = () => stop(ended);
  const count = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) stop(exceeded);
  };
  const timer = setTimeout(() => stop(exceeded), limits.maxMs);
  timer.unref();
  // A web stream opened on the body (to read or measure it) pauses the request whenever its own
  // queue is full; with nobody reading that stream any more, its listener must go for data to flow.
  incoming.removeAllListeners('data');
  incoming.on('data', count);
  incoming.once('end', onEnd);
  incoming.resume();
}
