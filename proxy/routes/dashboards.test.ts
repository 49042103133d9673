import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ACME_ID, createSimulator, GLOBEX_ID } from '../../simulator/index.ts';
import type { DashboardUrlResponse, ErrorBody } from '../../contract/index.ts';
import { METRONOME_TOKEN, NOW, sessionFor, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';

const PATH = '/api/dashboards/embeddable-url';

async function post(body: unknown, options: { app?: ReturnType<typeof testApp>; customerId?: string; raw?: boolean } = {}) {
  const { app = testApp(), customerId = ACME_ID, raw = false } = options;
  const token = await sessionFor(customerId);
  const response = await app.request(PATH, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as DashboardUrlResponse & ErrorBody };
}

/** Posts a body that must be refused before Metronome is called; answers the message. */
async function refused(body: unknown, raw = false): Promise<string> {
  const calls: UpstreamCall[] = [];
  const { status, body: answer } = await post(body, { app: testApp({ fetch: simulatorFetch(calls) }), raw });
  assert.equal(status, 400, JSON.stringify(answer));
  assert.equal(answer.error.code, 'invalid_parameter');
  assert.equal(calls.length, 0, 'Metronome is not called');
  return answer.error.message;
}

/** Opens a dashboard URL the way an iframe would: a plain GET to the simulator, no Authorization. */
async function open(url: string) {
  const simulator = createSimulator({ apiToken: METRONOME_TOKEN, now: () => NOW });
  const response = await simulator.request(url);
  return { status: response.status, html: await response.text() };
}

describe('POST /api/dashboards/embeddable-url', () => {
  it('answers 401 without a session', async () => {
    const response = await testApp().request(PATH, { method: 'POST', body: JSON.stringify({ dashboard: 'usage' }) });
    assert.equal(response.status, 401);
  });

  it('answers a URL on the simulator\'s origin that opens the session customer\'s dashboard', async () => {
    const calls: UpstreamCall[] = [];
    const { status, body } = await post({ dashboard: 'usage' }, { app: testApp({ fetch: simulatorFetch(calls) }) });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['as_of', 'stale', 'url']);
    assert.ok(body.url.startsWith('https://metronome.test/'), body.url);
    const page = await open(body.url);
    assert.equal(page.status, 200);
    assert.match(page.html, /Acme Robotics/);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.url.pathname, '/v1/dashboards/getEmbeddableUrl');
  });

  it('sends Metronome the session customer and the validated options', async () => {
    const calls: UpstreamCall[] = [];
    const request = {
      dashboard: 'invoices',
      dashboard_options: [{ key: 'show_zero_usage_line_items', value: 'true' }],
      color_overrides: [
        { name: 'Gray_dark', value: '#112233' },
        { name: 'Primary_medium', value: '#AbCdEf' },
      ],
      bm_group_key_overrides: [{ group_key_name: 'region', display_name: 'Region', value_display_names: { 'us-east-1': 'US East' } }],
    };
    const { status, body } = await post(request, { app: testApp({ fetch: simulatorFetch(calls) }), customerId: GLOBEX_ID });
    assert.equal(status, 200);
    assert.deepEqual(calls[0]!.body, { ...request, customer_id: GLOBEX_ID });
    const page = await open(body.url);
    assert.equal(page.status, 200);
    assert.match(page.html, /Globex/);
  });

  it('passes the spec\'s own example request (minus its customer) to Metronome as it is, hide_voided_invoices included', async () => {
    const spec = JSON.parse(readFileSync(new URL('../../spec/metronome-openapi.json', import.meta.url), 'utf8'));
    const { customer_id: _, ...example } = spec.paths['/v1/dashboards/getEmbeddableUrl'].post.requestBody.content['application/json'].example;
    const calls: UpstreamCall[] = [];
    const { status, body } = await post(example, { app: testApp({ fetch: simulatorFetch(calls) }) });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(calls[0]!.body, { ...example, customer_id: ACME_ID });
    assert.equal((await open(body.url)).status, 200);
  });

  it('leaves out empty lists', async () => {
    const calls: UpstreamCall[] = [];
    await post({ dashboard: 'commits_and_credits', dashboard_options: [], color_overrides: [] }, { app: testApp({ fetch: simulatorFetch(calls) }) });
    assert.deepEqual(calls[0]!.body, { dashboard: 'commits_and_credits', customer_id: ACME_ID });
  });

  it('refuses a customer_id in the body: the customer comes only from the session', async () => {
    assert.match(await refused({ dashboard: 'usage', customer_id: GLOBEX_ID }), /^customer_id: /);
  });

  it('refuses a body not sent as JSON, naming the content type', async () => {
    const calls: UpstreamCall[] = [];
    const token = await sessionFor(ACME_ID);
    const app = testApp({ fetch: simulatorFetch(calls) });
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
      const response = await app.request(PATH, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) }, body: new Blob(['{"dashboard": "usage"}']) });
      assert.equal(response.status, 400, type);
      assert.match(((await response.json()) as ErrorBody).error.message, /^content-type: .* is not application\/json\.$/);
    }
    assert.equal(calls.length, 0);
  });

  it('refuses malformed JSON and bodies that are not objects', async () => {
    assert.match(await refused('{"dashboard": ', true), /^body: is not valid JSON/);
    assert.match(await refused('', true), /^body: is not valid JSON/);
    assert.match(await refused(['usage']), /^body: must be a JSON object/);
    assert.match(await refused(null), /^body: must be a JSON object/);
  });

  it('refuses a missing, unknown or wrongly cased dashboard', async () => {
    assert.match(await refused({}), /^dashboard: missing is not one of invoices, usage, commits_and_credits/);
    assert.match(await refused({ dashboard: 'Invoices' }), /^dashboard: "Invoices" is not one of/);
    assert.match(await refused({ dashboard: 'billing' }), /^dashboard: "billing" is not one of/);
  });

  it('refuses unknown fields', async () => {
    assert.match(await refused({ dashboard: 'usage', theme: 'dark' }), /^theme: is not a field/);
    assert.match(await refused({ dashboard: 'usage', color_overrides: [{ name: 'White', value: '#ffffff', alpha: 1 }] }), /^color_overrides\[0\]\.alpha: /);
  });

  it('checks dashboard option keys per dashboard, their values and duplicates', async () => {
    const option = (key: unknown, value: unknown, dashboard = 'invoices') => refused({ dashboard, dashboard_options: [{ key, value }] });
    assert.equal(
      await option('hide_zero', 'true'),
      'dashboard_options[0].key: "hide_zero" is not an option of the invoices dashboard (allowed: show_zero_usage_line_items, hide_voided_invoices).',
    );
    assert.match(await option('hide_voided_invoices', 'true', 'commits_and_credits'), /^dashboard_options\[0\]\.key: .* commits_and_credits dashboard \(it has none\)/);
    assert.match(await option('hide_voided_invoices', 'True'), /^dashboard_options\[0\]\.value: "True" is not one of true, false/);
    assert.match(await option('show_zero_usage_line_items', 'true', 'usage'), /^dashboard_options\[0\]\.key: .* usage dashboard \(it has none\)/);
    assert.match(await option('show_zero_usage_line_items', 'yes'), /^dashboard_options\[0\]\.value: "yes" is not one of true, false/);
    assert.match(await option('show_zero_usage_line_items', true), /^dashboard_options\[0\]\.value: true is not one of/);
    assert.match(await option(undefined, 'true'), /^dashboard_options\[0\]\.key: missing/);
    assert.match(await refused({ dashboard: 'invoices', dashboard_options: 'x' }), /^dashboard_options: must be an array/);
    assert.match(await refused({ dashboard: 'invoices', dashboard_options: ['x'] }), /^dashboard_options\[0\]: must be an object/);
    const twice = [{ key: 'show_zero_usage_line_items', value: 'true' }, { key: 'show_zero_usage_line_items', value: 'false' }];
    assert.match(await refused({ dashboard: 'invoices', dashboard_options: twice }), /^dashboard_options\[1\]\.key: "show_zero_usage_line_items" is given twice/);
  });

  it('checks colour names against the spec\'s slots and values as #rrggbb', async () => {
    const colors = (color_overrides: unknown) => refused({ dashboard: 'usage', color_overrides });
    assert.equal(
      await colors([{ name: 'Gray_dark', value: '#112233' }, { name: 'Gray_light', value: 'red' }]),
      'color_overrides[1].value: "red" is not a #rrggbb colour.',
    );
    for (const value of ['#123', '#11223344', '112233', '#11223g', 0x112233]) {
      assert.match(await colors([{ name: 'White', value }]), /^color_overrides\[0\]\.value: .* is not a #rrggbb colour/);
    }
    assert.match(await colors([{ name: 'gray_dark', value: '#112233' }]), /^color_overrides\[0\]\.name: "gray_dark" is not one of Metronome's colour names/);
    assert.match(await colors([{ value: '#112233' }]), /^color_overrides\[0\]\.name: missing/);
    assert.match(await colors([{ name: 'White', value: '#ffffff' }, { name: 'White', value: '#000000' }]), /^color_overrides\[1\]\.name: "White" is given twice/);
  });

  it('checks the shape of bm_group_key_overrides', async () => {
    const overrides = (bm_group_key_overrides: unknown) => refused({ dashboard: 'usage', bm_group_key_overrides });
    assert.match(await overrides({}), /^bm_group_key_overrides: must be an array/);
    assert.match(await overrides([{ display_name: 'Region' }]), /^bm_group_key_overrides\[0\]\.group_key_name: missing/);
    assert.match(await overrides([{ group_key_name: 'region', display_name: 3 }]), /^bm_group_key_overrides\[0\]\.display_name: 3 is not/);
    assert.match(await overrides([{ group_key_name: 'region', value_display_names: ['a'] }]), /^bm_group_key_overrides\[0\]\.value_display_names: must be an object/);
    assert.match(await overrides([{ group_key_name: 'region', value_display_names: { a: 1 } }]), /^bm_group_key_overrides\[0\]\.value_display_names\.a: 1 is not a string/);
    assert.match(await overrides([{ group_key_name: 'region' }, { group_key_name: 'region' }]), /^bm_group_key_overrides\[1\]\.group_key_name: "region" is given twice/);
  });

  it('refuses text over 256 characters without echoing it', async () => {
    const long = 'x'.repeat(257);
    assert.equal(await refused({ dashboard: 'invoices', dashboard_options: [{ key: long, value: 'true' }] }), 'dashboard_options[0].key: is longer than 256 characters.');
    assert.equal(await refused({ dashboard: 'usage', bm_group_key_overrides: [{ group_key_name: 'region', display_name: long }] }), 'bm_group_key_overrides[0].display_name: is longer than 256 characters.');
    assert.equal(await refused({ dashboard: 'usage', bm_group_key_overrides: [{ group_key_name: 'region', value_display_names: { a: long } }] }), 'bm_group_key_overrides[0].value_display_names.a: is longer than 256 characters.');
    assert.equal(await refused({ dashboard: 'usage', bm_group_key_overrides: [{ group_key_name: 'region', value_display_names: { [long]: 'a' } }] }), 'bm_group_key_overrides[0].value_display_names: has a key longer than 256 characters.');
    const value = await refused({ dashboard: 'invoices', dashboard_options: [{ key: 'show_zero_usage_line_items', value: long }] });
    assert.ok(value.length < 150 && value.startsWith('dashboard_options[0].value: "xxx'), value);
  });

  it('refuses lists over 100 entries', async () => {
    const colors = Array.from({ length: 101 }, () => ({ name: 'White', value: '#ffffff' }));
    assert.equal(await refused({ dashboard: 'usage', color_overrides: colors }), 'color_overrides: has 101 entries; at most 100 are allowed.');
  });

  it('refuses a body over 64 KB with 413', async () => {
    const { status, body } = await post({ dashboard: 'usage', padding: 'x'.repeat(70_000) });
    assert.equal(status, 413);
    assert.equal(body.error.code, 'payload_too_large');
  });

  it('answers 502 when Metronome fails, passing nothing of its answer on', async () => {
    const failing: typeof fetch = async () => Response.json({ message: `internal trace: Bearer ${METRONOME_TOKEN}` }, { status: 500 });
    const { status, text, body } = await post({ dashboard: 'usage' }, { app: testApp({ fetch: failing }) });
    assert.equal(status, 502);
    assert.equal(body.error.code, 'upstream_error');
    assert.ok(!text.includes(METRONOME_TOKEN) && !text.includes('internal trace'), text);
  });

  it('lets configured origins send JSON (Content-Type in the CORS preflight)', async () => {
    const app = testApp({ allowedOrigins: ['https://app.example.com'] });
    const preflight = await app.request(PATH, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/i);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  it('answers 502 when Metronome answers without a URL', async () => {
    const empty: typeof fetch = async () => Response.json({ data: {} });
    const { status, body } = await post({ dashboard: 'usage' }, { app: testApp({ fetch: empty }) });
    assert.equal(status, 502);
    assert.equal(body.error.code, 'upstream_invalid');
  });
});
