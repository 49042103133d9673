import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { ACME_ID, METRIC_IDS } from '../simulator/index.ts';
import { errorHandler, ProxyError } from './errors.ts';
import { authGet, METRONOME_TOKEN, sessionFor, testApp } from './test/harness.ts';
import { recordingLogger } from './test/logger.ts';

const usage = `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&starting_on=2026-11-01&ending_before=2026-11-02`;

describe('the app\'s one error handler', () => {
  it('does not log a browser that went away as a bug', async () => {
    const logger = recordingLogger();
    const app = new Hono();
    app.onError(errorHandler(logger));
    app.get('/things', () => {
      throw new DOMException('This operation was aborted', 'AbortError');
    });
    const response = await app.request(new Request('http://proxy.test/things', { signal: AbortSignal.abort() }));
    assert.equal(response.status, 499);
    assert.deepEqual(logger.lines.map((line) => line.level), ['info']);
  });

  it('answers a refusal of Hono\'s own with its 4xx in the proxy\'s shape, not a 500', async () => {
    const logger = recordingLogger();
    const app = new Hono();
    app.onError(errorHandler(logger));
    app.get('/things', () => {
      throw new HTTPException(400, { message: 'Malformed JSON in request body' });
    });
    const response = await app.request('/things');
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { error: { code: 'bad_request', message: 'The request could not be read.' } });
    assert.equal(logger.lines.length, 0);
  });

  it('logs an unexpected error once, with the request id, route, status, code, message and stack, and tells the browser nothing of it', async () => {
    const logger = recordingLogger();
    const app = new Hono();
    app.onError(errorHandler(logger));
    app.use('*', requestId());
    app.get('/things/:id', () => {
      throw new TypeError('cannot read properties of undefined (reading "total")');
    });
    const response = await app.request('/things/42', { headers: { authorization: 'Bearer session-token-value' } });
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), { error: { code: 'internal_error', message: 'The billing proxy hit an unexpected error.' } });
    assert.equal(logger.lines.length, 1);
    const [line] = logger.lines;
    assert.equal(line!.level, 'error');
    assert.equal(line!.fields.request_id, response.headers.get('x-request-id'));
    assert.deepEqual({ ...line!.fields, err: undefined, request_id: undefined }, { request_id: undefined, method: 'GET', route: '/things/:id', path: '/things/42', status: 500, code: 'internal_error', err: undefined });
    const err = line!.fields.err as { type: string; message: string; stack: string };
    assert.equal(err.type, 'TypeError');
    assert.match(err.message, /reading "total"/);
    assert.match(err.stack, /errors\.test\.ts/);
    assert.ok(!JSON.stringify(logger.lines).includes('session-token-value'), 'no header is logged');
  });

  it('logs a known 5xx as a warning with its code, and no 4xx', async () => {
    const logger = recordingLogger();
    const app = new Hono();
    app.onError(errorHandler(logger));
    app.get('/down', () => {
      throw new ProxyError(503, 'upstream_rate_limited', 'Metronome is rate limiting requests.');
    });
    app.get('/bad', () => {
      throw new ProxyError(400, 'invalid_parameter', 'x: is wrong.');
    });
    assert.equal((await app.request('/bad')).status, 400);
    assert.equal((await app.request('/down')).status, 503);
    assert.deepEqual(
      logger.lines.map((l) => [l.level, l.fields.status, l.fields.code, l.message]),
      [['warn', 503, 'upstream_rate_limited', 'Metronome is rate limiting requests.']],
    );
  });

  it('logs a failed Metronome call of a route through the logger it is given, once per answer', async () => {
    const logger = recordingLogger();
    const app = testApp({ logger, fetch: async () => Response.json({ message: `echo: Bearer ${METRONOME_TOKEN}` }, { status: 500 }) });
    const response = await authGet(app, usage, ACME_ID);
    assert.equal(response.status, 502);
    const fivexx = logger.lines.filter((l) => l.fields.status === 502);
    assert.equal(fivexx.length, 1);
    assert.deepEqual([fivexx[0]!.fields.route, fivexx[0]!.fields.code, fivexx[0]!.fields.request_id], ['/api/usage', 'upstream_error', response.headers.get('x-request-id')]);
    const session = await sessionFor(ACME_ID);
    const logged = JSON.stringify(logger.lines);
    assert.ok(!logged.includes(METRONOME_TOKEN) && !logged.includes(session.split('.')[2]!), logged);
  });
});
