import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSimulator } from './app.ts';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID, METRIC_IDS } from './catalog.ts';
import { call, NOW, TOKEN, simulator, usage } from './test-helpers.ts';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** A simulator whose clock the test moves. */
function clocked(start = NOW) {
  const clock = { now: start };
  return { app: createSimulator({ apiToken: TOKEN, now: () => clock.now, seed: 7 }), clock };
}

async function embed(app: ReturnType<typeof simulator>, json: Record<string, unknown>, origin = 'https://sim.example.test') {
  return call(app, 'POST', `${origin}/v1/dashboards/getEmbeddableUrl`, { json });
}

/** Opens a dashboard URL the way an iframe would: a plain GET without Authorization. */
async function open(app: ReturnType<typeof simulator>, url: string): Promise<{ status: number; html: string; type: string }> {
  const res = await app.request(url);
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') ?? '' };
}

test('the embeddable URL is on the simulator\'s own origin and opens the customer\'s usage without a bearer', async () => {
  const app = simulator();
  const reply = await embed(app, { customer_id: ACME_ID, dashboard: 'usage' });
  assert.equal(reply.status, 200);
  const url: string = reply.body.data.url;
  assert.ok(url.startsWith('https://sim.example.test/'), url);
  const page = await open(app, url);
  assert.equal(page.status, 200);
  assert.match(page.type, /text\/html/);
  assert.match(page.html, /Acme Robotics/);
  // The CPU total on the page is the current period's usage the API reports.
  const [row] = (await usage(app, { customer_id: ACME_ID, billable_metric_id: METRIC_IDS.cpuHours, window_size: 'none', current_period: true })).body.data;
  const total = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(row!.value);
  assert.match(page.html, new RegExp(`<h2>CPU hours</h2><p class="total">${total}</p>`));
  assert.match(page.html, /Current period: 2026-06-01 – 2026-06-30/);
});

test('the invoices dashboard shows each period\'s status and total, USD cents as dollars and GPU credits by name', async () => {
  const app = simulator();
  const acme = await open(app, (await embed(app, { customer_id: ACME_ID, dashboard: 'invoices' })).body.data.url);
  assert.match(acme.html, /<span class="status">FINALIZED<\/span> <span class="total">\$[\d,]+\.\d\d<\/span>/);
  assert.match(acme.html, /<span class="status">DRAFT<\/span>/);
  const initech = await open(app, (await embed(app, { customer_id: INITECH_ID, dashboard: 'invoices' })).body.data.url);
  assert.match(initech.html, /<span class="total">[\d,.]+ GPU credits<\/span>/);
});

test('the commits and credits dashboard shows what was granted and what remains', async () => {
  const app = simulator();
  const page = await open(app, (await embed(app, { customer_id: ACME_ID, dashboard: 'commits_and_credits' })).body.data.url);
  assert.match(page.html, /<td>Reward credit<\/td><td>Credit<\/td><td>[^<]+<\/td><td>\$5\.00<\/td><td>\$0\.00<\/td>/);
  assert.match(page.html, /<td>Platform prepaid commit<\/td><td>Prepaid commit<\/td><td>[^<]+<\/td><td>\$100\.00<\/td>/);
  assert.match(page.html, /<td>Storage promotion<\/td>/, 'an unnamed credit shows its product\'s name');
});

test('a dashboard URL works until it is an hour old, then answers 410', async () => {
  const { app, clock } = clocked();
  const { url } = (await embed(app, { customer_id: ACME_ID, dashboard: 'usage' })).body.data;
  clock.now = new Date(NOW.getTime() + 59 * 60_000);
  assert.equal((await open(app, url)).status, 200);
  clock.now = new Date(NOW.getTime() + 60 * 60_000);
  const expired = await open(app, url);
  assert.equal(expired.status, 410);
  assert.match(expired.html, /expired/);
  assert.doesNotMatch(expired.html, /Acme/);
});

test('a tampered, unsigned or foreign-signed dashboard URL answers 403 and shows no data', async () => {
  const app = simulator();
  const { url } = (await embed(app, { customer_id: ACME_ID, dashboard: 'usage' })).body.data;
  const parsed = new URL(url);
  const swap = (key: string, value: string) => {
    const u = new URL(url);
    u.searchParams.set(key, value);
    return u.toString();
  };
  const other = createSimulator({ apiToken: 'another-token', now: () => NOW, seed: 7 });
  const foreign = (await call(other, 'POST', '/v1/dashboards/getEmbeddableUrl', { json: { customer_id: ACME_ID, dashboard: 'usage' }, authorization: 'Bearer another-token' })).body.data.url;
  assert.equal((await open(other, foreign)).status, 200, 'valid where it was issued');
  const tampered = [
    swap('customer_id', GLOBEX_ID),
    swap('expires', String(Number(parsed.searchParams.get('expires')) + 86_400)),
    swap('config', 'e30'),
    url.replace(/&signature=.*$/, ''),
    `${url.slice(0, -2)}AA`,
    foreign,
  ];
  for (const bad of tampered) {
    const page = await open(app, bad);
    assert.equal(page.status, 403, bad);
    assert.doesNotMatch(page.html, /Acme|Globex/);
  }
});

test('colour overrides become the page\'s CSS custom properties, and only hex colours are accepted', async () => {
  const app = simulator();
  const { url } = (await embed(app, { customer_id: ACME_ID, dashboard: 'usage', color_overrides: [{ name: 'Primary_medium', value: '#ff3366' }, { name: 'UsageLine_0', value: '#0a0' }] })).body.data;
  const page = await open(app, url);
  assert.match(page.html, /--Primary_medium: #ff3366;/);
  assert.match(page.html, /--UsageLine_0: #0a0;/);
  const injection = await embed(app, { customer_id: ACME_ID, dashboard: 'usage', color_overrides: [{ name: 'White', value: 'red}</style><script>alert(1)</script>' }] });
  assert.equal(injection.status, 400);
  assert.match(injection.body.message, /^color_overrides\[0\]\.value must be a hex colour/);
  const unknownName = await embed(app, { customer_id: ACME_ID, dashboard: 'usage', color_overrides: [{ name: 'Purple', value: '#fff' }] });
  assert.match(unknownName.body.message, /body\.color_overrides\[0\]\.name: must be one of/);
});

test('text from the request is escaped in the page: group key display names cannot inject markup', async () => {
  const app = simulator();
  const overrides = [{ group_key_name: 'region', display_name: '<script>alert("x")</script>', value_display_names: { 'us-east-1': 'Virginia & <b>co</b>' } }];
  const page = await open(app, (await embed(app, { customer_id: ACME_ID, dashboard: 'usage', bm_group_key_overrides: overrides })).body.data.url);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.html, /<script>|<b>co/);
  assert.match(page.html, /<th>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;<\/th>/);
  assert.match(page.html, /<td>Virginia &amp; &lt;b&gt;co&lt;\/b&gt;<\/td>/);
});

test('group value display names also name the invoice lines of the invoices dashboard', async () => {
  const app = simulator();
  const overrides = [{ group_key_name: 'region', value_display_names: { 'us-east-1': 'N. Virginia' } }];
  const page = await open(app, (await embed(app, { customer_id: HOOLI_ID, dashboard: 'invoices', bm_group_key_overrides: overrides })).body.data.url);
  assert.match(page.html, /<td>GPU hours \(H100 \/ N\. Virginia\)<\/td>/);
  assert.match(page.html, /<td>GPU hours \(L40S \/ us-west-2\)<\/td>/, 'a value without a display name is shown as it is');
  assert.doesNotMatch(page.html, /us-east-1/);
});

test('show_zero_usage_line_items decides whether lines without usage appear on invoices', async () => {
  // Half an hour into Acme's period, the draft invoice has no usage yet: every line is zero.
  const { app } = clocked(new Date('2026-06-01T00:30:00Z'));
  const draftRows = async (value: string) => {
    const { url } = (await embed(app, { customer_id: ACME_ID, dashboard: 'invoices', dashboard_options: [{ key: 'show_zero_usage_line_items', value }] })).body.data;
    const draft = /<section class="invoice" data-status="DRAFT">.*?<\/section>/.exec((await open(app, url)).html)![0];
    return (draft.match(/<tr><td>/g) ?? []).length;
  };
  assert.equal(await draftRows('false'), 0);
  assert.ok((await draftRows('true')) > 0);
});

/** The spec's own example request body for getEmbeddableUrl. */
const specExample = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../spec/metronome-openapi.json', import.meta.url), 'utf8')).paths['/v1/dashboards/getEmbeddableUrl'].post.requestBody.content['application/json'].example;

test('the spec\'s example request is answered with a URL (for a customer the simulator has)', async () => {
  const app = simulator();
  const example = specExample();
  assert.deepEqual((example.dashboard_options as Array<{ key: string }>).map((o) => o.key), ['show_zero_usage_line_items', 'hide_voided_invoices']);
  const reply = await embed(app, { ...example, customer_id: ACME_ID });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  const page = await open(app, reply.body.data.url);
  assert.equal(page.status, 200);
  assert.match(page.html, /--Gray_dark: #ff0000;/);
});

test('hide_voided_invoices decides whether voided invoices appear beside their reissues', async () => {
  const app = simulator();
  const statuses = async (options: Array<{ key: string; value: string }>) => {
    const { url } = (await embed(app, { customer_id: ACME_ID, dashboard: 'invoices', dashboard_options: options })).body.data;
    return [...(await open(app, url)).html.matchAll(/<section class="invoice" data-status="(\w+)">/g)].map((m) => m[1]);
  };
  const shown = await statuses([]);
  assert.ok(shown.includes('VOID'), shown.join());
  assert.deepEqual(await statuses([{ key: 'hide_voided_invoices', value: 'false' }]), shown);
  assert.deepEqual(await statuses([{ key: 'hide_voided_invoices', value: 'true' }]), shown.filter((status) => status !== 'VOID'));
});

const badRequests: Array<[string, Record<string, unknown>, number, RegExp]> = [
  ['a dashboard outside the spec\'s enum', { customer_id: ACME_ID, dashboard: 'credits' }, 400, /body\.dashboard: must be one of "invoices", "usage", "commits_and_credits"/],
  ['no dashboard', { customer_id: ACME_ID }, 400, /body: missing required property "dashboard"/],
  ['an option the dashboard does not have', { customer_id: ACME_ID, dashboard: 'usage', dashboard_options: [{ key: 'show_zero_usage_line_items', value: 'true' }] }, 400, /^dashboard_options\[0\]\.key "show_zero_usage_line_items" is not an option of the usage dashboard$/],
  ['an option value outside true/false', { customer_id: ACME_ID, dashboard: 'invoices', dashboard_options: [{ key: 'show_zero_usage_line_items', value: 'yes' }] }, 400, /^dashboard_options\[0\]\.value/],
  ['hide_voided_invoices on the usage dashboard', { customer_id: ACME_ID, dashboard: 'usage', dashboard_options: [{ key: 'hide_voided_invoices', value: 'true' }] }, 400, /^dashboard_options\[0\]\.key "hide_voided_invoices" is not an option of the usage dashboard$/],
  ['an unknown customer', { customer_id: UNKNOWN, dashboard: 'usage' }, 404, /^Customer not found$/],
];

for (const [what, json, status, message] of badRequests) {
  test(`asking for a dashboard with ${what} is a ${status} saying why`, async () => {
    const reply = await embed(simulator(), json);
    assert.equal(reply.status, status);
    assert.match(reply.body.message, message);
  });
}

test('asking for a dashboard URL needs the bearer token like every API call', async () => {
  const reply = await call(simulator(), 'POST', '/v1/dashboards/getEmbeddableUrl', { json: { customer_id: ACME_ID, dashboard: 'usage' }, authorization: null });
  assert.equal(reply.status, 401);
});

test('names of Object.prototype\'s properties are ordinary names: unknown options, colours and filters are 400s, display names are shown', async () => {
  const app = simulator();
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    const option = await embed(app, { customer_id: ACME_ID, dashboard: 'invoices', dashboard_options: [{ key: name, value: 'true' }] });
    assert.equal(option.status, 400, name);
    assert.match(option.body.message, /^dashboard_options\[0\]\.key ".*" is not an option of the invoices dashboard$/);
    const color = await embed(app, { customer_id: ACME_ID, dashboard: 'usage', color_overrides: [{ name, value: '#000000' }] });
    assert.equal(color.status, 400, name);
    const filter = await usage(app, { customer_id: ACME_ID, billable_metric_id: METRIC_IDS.cpuHours, window_size: 'day', starting_on: '2026-06-01T00:00:00Z', ending_before: '2026-06-02T00:00:00Z', group_key: ['region'], group_filters: JSON.parse(`{"${name}": ["x"]}`) });
    assert.equal(filter.status, 400, name);
    const names = JSON.parse(`{"${name}": "odd", "us-east-1": "Virginia"}`);
    const reply = await embed(app, { customer_id: ACME_ID, dashboard: 'usage', bm_group_key_overrides: [{ group_key_name: 'region', value_display_names: names }] });
    assert.equal(reply.status, 200, name);
    const page = await open(app, reply.body.data.url);
    assert.equal(page.status, 200);
    assert.match(page.html, /<td>Virginia<\/td>/);
    assert.doesNotMatch(page.html, /function|odd/);
  }
});
