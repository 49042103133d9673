import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import express from 'express';
import type { Context } from 'hono';
import type { DashboardUrlResponse, ErrorBody } from '../contract/index.ts';
import { ACME_ID } from '../simulator/index.ts';
import { asUser, customerName, proxyOver } from './test/harness.ts';
import { recordingLogger } from './test/logger.ts';

/**
 * The proxy mounted in Node servers through @hono/node-server's getRequestListener: in Express, after
 * express.json() (which reads the body before the proxy sees it), with the mount path stripped or not,
 * and in a bare node:http server.
 */

const servers: http.Server[] = [];
after(() => servers.forEach((server) => server.close()));

async function listen(listener: http.RequestListener): Promise<string> {
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const dashboard = (url: string, body: string, type = 'application/json') =>
  fetch(`${url}/api/dashboards/embeddable-url`, { method: 'POST', headers: { ...asUser('sid-of-ada').headers, 'content-type': type }, body });

async function dashboardUrl(response: Response): Promise<string> {
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as DashboardUrlResponse).url;
}

describe('the proxy in Express, after express.json()', async () => {
  const app = express();
  app.use(express.json());
  // Express strips the mount path: the proxy sees /api/… .
  app.use('/billing', getRequestListener(proxyOver().fetch));
  // A route does not strip it: the proxy is told its basePath.
  app.all('/unstripped/*rest', getRequestListener(proxyOver({ basePath: '/unstripped' }).fetch));
  const url = await listen(app);

  it('reads the body express.json() parsed for POST /api/dashboards/embeddable-url (it was a 400)', async () => {
    assert.match(await dashboardUrl(await dashboard(`${url}/billing`, JSON.stringify({ dashboard: 'invoices' }))), /^https:\/\/metronome\.test\//);
    assert.match(await dashboardUrl(await dashboard(`${url}/unstripped`, JSON.stringify({ dashboard: 'usage' }))), /^https:\/\/metronome\.test\//);
  });

  it('serves GETs under the mount path, stripped or not', async () => {
    assert.equal(await customerName(await fetch(`${url}/billing/api/customer`, asUser('sid-of-ada'))), 'Acme Robotics');
    assert.equal(await customerName(await fetch(`${url}/unstripped/api/customer`, asUser('sid-of-ada'))), 'Acme Robotics');
    assert.equal((await fetch(`${url}/billing/api/customer`)).status, 401);
  });

  it('validates the parsed body as it would the raw one, and keeps the 64 KB limit (express.json allows 100 KB)', async () => {
    const bad = await dashboard(`${url}/billing`, JSON.stringify({ dashboard: 'nope' }));
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as ErrorBody).error.message, /^dashboard: /);
    const large = await dashboard(`${url}/billing`, JSON.stringify({ dashboard: 'invoices', padding: 'x'.repeat(70_000) }));
    assert.equal(large.status, 413);
    assert.equal(((await large.json()) as ErrorBody).error.code, 'payload_too_large');
    // express.json() leaves other types unread: the proxy reads the stream and refuses the type itself.
    const text = await dashboard(`${url}/billing`, JSON.stringify({ dashboard: 'invoices' }), 'text/plain');
    assert.equal(text.status, 400);
    assert.match(((await text.json()) as ErrorBody).error.message, /^content-type: "text\/plain" is not application\/json/);
  });
});

describe('the proxy in Express with other body parsers', async () => {
  const app = express();
  app.use('/raw', express.raw({ type: 'application/json' }), getRequestListener(proxyOver().fetch));
  app.use('/text', express.text({ type: 'application/json' }), getRequestListener(proxyOver().fetch));
  // A body parser that keeps the bytes as req.rawBody, which @hono/node-server reads itself.
  app.use('/verify', express.json({ verify: (req, _res, buf) => Object.assign(req, { rawBody: buf }) }), getRequestListener(proxyOver().fetch));
  app.use('/none', getRequestListener(proxyOver().fetch));
  // A middleware that reads the body and keeps nothing of it.
  const logger = recordingLogger();
  app.use('/eaten', (req, _res, next) => req.resume().once('end', () => next()), getRequestListener(proxyOver({ logger }).fetch));
  const url = await listen(app);

  it('reads a body kept as a Buffer, a string, a rawBody, or left unread', async () => {
    for (const mount of ['raw', 'text', 'verify', 'none']) {
      assert.match(await dashboardUrl(await dashboard(`${url}/${mount}`, JSON.stringify({ dashboard: 'invoices' }))), /^https:\/\/metronome\.test\//, mount);
    }
  });

  it('answers 500 and logs what to change when a middleware read the body and kept nothing', async () => {
    const response = await dashboard(`${url}/eaten`, JSON.stringify({ dashboard: 'invoices' }));
    assert.equal(response.status, 500);
    assert.equal(((await response.json()) as ErrorBody).error.code, 'internal_error');
    assert.match(String((logger.lines.find((line) => line.level === 'error')?.fields.err as { message: string }).message), /mount the proxy before that middleware/);
  });
});

describe('identify reading what an Express middleware put on the request', async () => {
  // As express-session or passport would: the host's own middleware resolves the user before the proxy.
  const app = express();
  app.use((req, _res, next) => {
    Object.assign(req, { user: req.headers['x-user'] === 'ada' ? { metronomeCustomerId: ACME_ID } : undefined });
    next();
  });
  const identify = (c: Context<{ Bindings: HttpBindings }>) => (c.env.incoming as http.IncomingMessage & { user?: { metronomeCustomerId: string } }).user?.metronomeCustomerId ?? null;
  app.use('/billing', getRequestListener(proxyOver({ identify }).fetch));
  const url = await listen(app);

  it('finds the request\'s IncomingMessage on c.env.incoming', async () => {
    assert.equal(await customerName(await fetch(`${url}/billing/api/customer`, { headers: { 'x-user': 'ada' } })), 'Acme Robotics');
    assert.equal((await fetch(`${url}/billing/api/customer`)).status, 401);
  });
});

describe('the proxy in a node:http server', async () => {
  const url = await listen(getRequestListener(proxyOver().fetch));

  it('answers GETs and reads POST bodies from the stream', async () => {
    assert.equal(await customerName(await fetch(`${url}/api/customer`, asUser('sid-of-ada'))), 'Acme Robotics');
    assert.match(await dashboardUrl(await dashboard(url, JSON.stringify({ dashboard: 'invoices' }))), /^https:\/\/metronome\.test\//);
  });
});
