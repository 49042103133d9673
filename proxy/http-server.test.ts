import assert from 'node:assert/strict';
import http from 'node:http';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { ACME_ID } from '../simulator/index.ts';
import { listen, serverTimeouts, type Fetch, type HttpServer } from './http-server.ts';
import { sessionFor, testApp } from './test/harness.ts';

interface Answer {
  status: number;
  connection: string | undefined;
  port: number;
  body: string;
  /** An error after the answer (the client was still sending a body the server stopped reading). */
  lateError?: string;
}

/** One request through `agent`, reporting which local port (connection) carried it. */
function send(server: HttpServer, agent: http.Agent, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string; chunked?: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answer: Answer | undefined;
    const { body = '', chunked = false } = options;
    const headers = { ...options.headers, ...(options.body !== undefined && !chunked ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
    const request = http.request({ host: '127.0.0.1', port: server.port, path: options.path ?? '/', method: options.method ?? 'GET', agent, headers }, (response) => {
      const port = response.socket.localPort!;
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => {
        answer = { status: response.statusCode!, connection: response.headers.connection, port, body: text };
        // Give a write error of the same request a moment to show.
        setTimeout(() => resolve(answer!), 20);
      });
    });
    request.on('error', (err) => (answer ? (answer.lateError = err.message) : reject(err)));
    if (chunked) {
      for (let at = 0; at < body.length; at += 16_384) request.write(body.slice(at, at + 16_384));
      request.end();
    } else request.end(body);
  });
}

describe('the proxy\'s HTTP server', () => {
  describe('after a 413', () => {
    const path = '/api/dashboards/embeddable-url';
    const small = JSON.stringify({ dashboard: 'invoices' });
    const large = (bytes: number) => JSON.stringify({ dashboard: 'invoices', padding: 'x'.repeat(bytes) });

    async function proxy() {
      const token = await sessionFor(ACME_ID);
      const server = await listen({ fetch: testApp().fetch as Fetch, port: 0, hostname: '127.0.0.1', timeouts: serverTimeouts(15_000) });
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const post = (body: string, chunked = false) =>
        send(server, agent, { method: 'POST', path, body, chunked, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
      return { server, agent, post };
    }

    it('keeps the connection for a declared body of up to 1 MiB: the next request on it is answered', async () => {
      const { server, agent, post } = await proxy();
      try {
        for (const bytes of [70_000, 900_000]) {
          const refused = await post(large(bytes));
          assert.equal(refused.status, 413);
          assert.match(refused.body, /payload_too_large/);
          assert.equal(refused.connection, 'keep-alive');
          const next = await post(small);
          assert.equal(next.status, 200, next.body);
          assert.equal(next.port, refused.port, 'the same connection');
        }
      } finally {
        agent.destroy();
        await server.close(100);
      }
    });

    it('says Connection: close for a larger or chunked body, and the client\'s next request, on a new connection, is answered', async () => {
      const { server, agent, post } = await proxy();
      try {
        for (const [bytes, chunked] of [[5_000_000, false], [200_000, true]] as const) {
          const refused = await post(large(bytes), chunked);
          assert.equal(refused.status, 413, `${bytes} bytes${chunked ? ', chunked' : ''}`);
          assert.equal(refused.connection, 'close');
          const next = await post(small);
          assert.equal(next.status, 200, next.body);
          assert.notEqual(next.port, refused.port);
        }
      } finally {
        agent.destroy();
        await server.close(100);
      }
    });
  });

  it('answers 408 and closes a connection whose headers do not arrive within headersTimeout', async () => {
    const server = await listen({ fetch: () => new Response('ok'), port: 0, hostname: '127.0.0.1', timeouts: { headersMs: 300, requestMs: 1000, keepAliveMs: 1000 } });
    try {
      const started = Date.now();
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(server.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n'));
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('close', () => resolve(text));
      });
      assert.match(answer, /^HTTP\/1\.1 408/);
      assert.ok(Date.now() - started < 2000, `closed after ${Date.now() - started} ms`);
    } finally {
      await server.close(100);
    }
  });

  describe('closing', () => {
    const slow: Fetch = async (request) => {
      const ms = Number(new URL(request.url).searchParams.get('ms') ?? 0);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        request.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
      });
      return new Response(`waited ${ms}`);
    };

    it('stops accepting, finishes the requests in flight saying Connection: close, and closes idle connections at once', async () => {
      const server = await listen({ fetch: slow, port: 0, hostname: '127.0.0.1', timeouts: serverTimeouts(15_000) });
      const idleAgent = new http.Agent({ keepAlive: true });
      const agent = new http.Agent({ keepAlive: true });
      await send(server, idleAgent, {}); // leaves an idle keep-alive connection
      const inFlight = send(server, agent, { path: '/?ms=400' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      const closed = server.close(5_000);
      await assert.rejects(send(server, new http.Agent(), {}), /ECONNREFUSED/);
      const answer = await inFlight;
      assert.deepEqual([answer.status, answer.body, answer.connection], [200, 'waited 400', 'close']);
      assert.deepEqual(await closed, { cut: 0 });
      assert.ok(Date.now() - started < 1000, `closed after ${Date.now() - started} ms`);
      idleAgent.destroy();
      agent.destroy();
    });

    it('cuts what is still running after the grace period', async () => {
      const server = await listen({ fetch: slow, port: 0, hostname: '127.0.0.1', timeouts: serverTimeouts(15_000) });
      const agent = new http.Agent();
      const stuck = send(server, agent, { path: '/?ms=10000' }).then(
        () => 'answered',
        (err: Error) => err.message,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      assert.deepEqual(await server.close(300), { cut: 1 });
      assert.ok(Date.now() - started < 1000);
      assert.equal(await stuck, 'socket hang up');
    });
  });
});
