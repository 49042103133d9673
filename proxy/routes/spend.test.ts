import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, INITECH_ID } from '../../simulator/index.ts';
import type { ErrorBody, SpendEntry, SpendResponse } from '../../contract/index.ts';
import type { Invoice } from '../metronome/types.ts';
import { toMicros } from '../money.ts';
import { lineKind } from '../shape/lines.ts';
import { authGet, METRONOME_TOKEN, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';

async function spend(query: string, customerId = ACME_ID, app = testApp()) {
  const response = await authGet(app, `/api/spend?${query}`, customerId);
  return { status: response.status, body: (await response.json()) as SpendResponse & ErrorBody };
}

/** The simulator's own invoices, read straight from it with the Metronome token. */
async function invoices(customerId: string, query: string): Promise<Invoice[]> {
  const url = `https://metronome.test/v1/customers/${customerId}/invoices?limit=100&${query}`;
  const response = await simulatorFetch()(url, { headers: { authorization: `Bearer ${METRONOME_TOKEN}` } });
  return ((await response.json()) as { data: Invoice[] }).data;
}

const micros = (values: number[]) => values.reduce((sum, v) => sum + toMicros(v), 0);

/** Every sum the contract promises, checked in integer micros so float noise cannot hide. */
function assertAddsUp(entry: SpendEntry) {
  for (const w of entry.windows) {
    assert.equal(micros(Object.values(w.values)), toMicros(w.total), `groups add up to the window ${w.starting_on}`);
    assert.equal(toMicros(w.net), toMicros(w.total) + toMicros(w.credits_applied));
    assert.ok(w.credits_applied <= 0);
    assert.deepEqual(Object.keys(w.values), entry.groups, 'every group in every window, in group order');
  }
  assert.equal(toMicros(entry.total), micros(entry.windows.map((w) => w.total)));
  assert.equal(toMicros(entry.credits_applied), micros(entry.windows.map((w) => w.credits_applied)));
  assert.equal(toMicros(entry.net), toMicros(entry.total) + toMicros(entry.credits_applied));
}

describe('GET /api/spend over the simulator', () => {
  it('matches a whole billing period\'s invoice: gross = its usage lines, credits = its applications, net = its total', async () => {
    const { status, body } = await spend('starting_on=2026-10-01&ending_before=2026-11-01');
    assert.equal(status, 200);
    const [invoice] = await invoices(ACME_ID, 'status=FINALIZED&type=USAGE&starting_on=2026-10-01T00:00:00Z&ending_before=2026-11-01T00:00:00Z');
    const usd = body.credit_types[0]!;
    assert.equal(body.credit_types.length, 1);
    assert.equal(usd.credit_type.name, 'USD (cents)');
    assert.equal(usd.windows.length, 31);
    assert.equal(toMicros(usd.net), toMicros(invoice!.total));
    assert.equal(toMicros(usd.total), micros(invoice!.line_items.filter((l) => lineKind(l) === 'usage').map((l) => l.total)));
    assert.equal(toMicros(usd.credits_applied), micros(invoice!.line_items.filter((l) => lineKind(l) === 'application').map((l) => l.total)));
    assert.ok(usd.total > 0 && usd.credits_applied < 0, 'Acme burns its commit');
    const groupTotal = (g: string) => micros(usd.windows.map((w) => w.values[g]!));
    assert.ok(usd.groups.includes('CPU hours'));
    for (let i = 1; i < usd.groups.length; i++) assert.ok(groupTotal(usd.groups[i - 1]!) >= groupTotal(usd.groups[i]!), 'largest first');
    assertAddsUp(usd);
  });

  it('counts a reissued period once: the void invoice is left out', async () => {
    const all = await invoices(ACME_ID, 'starting_on=2026-09-01T00:00:00Z&ending_before=2026-10-01T00:00:00Z&type=USAGE');
    assert.deepEqual(all.map((i) => i.status).sort(), ['FINALIZED', 'VOID']);
    const finalized = all.find((i) => i.status === 'FINALIZED')!;
    const usd = (await spend('starting_on=2026-09-01&ending_before=2026-10-01')).body.credit_types[0]!;
    assert.equal(toMicros(usd.total), micros(finalized.line_items.filter((l) => lineKind(l) === 'usage').map((l) => l.total)));
  });

  it('gives Initech a USD entry first and a GPU credits entry, each adding up', async () => {
    const { body } = await spend('starting_on=2026-11-01&ending_before=2026-11-08', INITECH_ID);
    assert.deepEqual(body.credit_types.map((e) => e.credit_type.name), ['USD (cents)', 'GPU credits']);
    for (const entry of body.credit_types) {
      assert.ok(entry.total > 0);
      assertAddsUp(entry);
    }
  });

  it('groups by a presentation key, putting usage lines without it in "(none)"', async () => {
    const byProduct = (await spend('starting_on=2026-11-01&ending_before=2026-11-08')).body.credit_types[0]!;
    const { status, body } = await spend('starting_on=2026-11-01&ending_before=2026-11-08&group_by=region');
    assert.equal(status, 200);
    const usd = body.credit_types[0]!;
    assert.equal(usd.group_by, 'region');
    assert.deepEqual((body as { group_by_options?: string[] }).group_by_options, ['product', 'endpoint', 'region', 'tier']);
    assert.ok(usd.groups.includes('us-east-1') && usd.groups.includes('(none)'), usd.groups.join());
    assert.equal(toMicros(usd.total), toMicros(byProduct.total), 'regrouping moves spend, never changes it');
    assert.equal(toMicros(usd.credits_applied), toMicros(byProduct.credits_applied));
    assertAddsUp(usd);
  });

  it('answers hourly windows that add up to the day, and reads long ranges as pieces of one page each', async () => {
    const hourly = (await spend('starting_on=2026-11-02&ending_before=2026-11-03&window_size=hour')).body.credit_types[0]!;
    const daily = (await spend('starting_on=2026-11-02&ending_before=2026-11-03')).body.credit_types[0]!;
    assert.equal(hourly.windows.length, 24);
    assert.equal(hourly.window_size, 'hour');
    assert.equal(toMicros(hourly.total), toMicros(daily.total));
    assertAddsUp(hourly);

    const calls: UpstreamCall[] = [];
    const { body } = await spend('starting_on=2026-09-01&ending_before=2026-11-01', ACME_ID, testApp({ fetch: simulatorFetch(calls) }));
    const pieces = calls
      .filter((c) => c.url.pathname.endsWith('/invoices/breakdowns'))
      .map((c) => [Date.parse(c.url.searchParams.get('starting_on')!), Date.parse(c.url.searchParams.get('ending_before')!)] as const)
      .sort(([a], [b]) => a - b);
    assert.equal(pieces.length, 2, 'a page holds at most 35 days');
    assert.ok(pieces.every(([from, to]) => to - from <= 35 * 86_400_000));
    assert.deepEqual([pieces[0]![0], pieces[0]![1], pieces[1]![1]], [Date.parse('2026-09-01T00:00:00Z'), pieces[1]![0], Date.parse('2026-11-01T00:00:00Z')], 'the pieces tile the range');
    assert.equal(body.credit_types[0]!.windows.length, 61);
    assert.ok(body.credit_types[0]!.windows.every((w) => w.total > 0), 'no window lost between pages');
  });

  it('answers a range without invoices with zero windows, not an error', async () => {
    const { status, body } = await spend('starting_on=2027-01-01&ending_before=2027-01-04&group_by=region');
    assert.equal(status, 200);
    const usd = body.credit_types[0]!;
    assert.equal(usd.windows.length, 3);
    assert.ok(usd.windows.every((w) => w.total === 0 && w.net === 0 && w.credits_applied === 0));
    assert.deepEqual(usd.groups, []);
  });

  const badInputs: Array<[string, string, RegExp]> = [
    ['a missing start', 'ending_before=2026-11-02', /^starting_on: is required/],
    ['a missing end', 'starting_on=2026-11-01', /^ending_before: is required/],
    ['a malformed date', 'starting_on=last-week&ending_before=2026-11-02', /^starting_on: "last-week" is not an ISO 8601 date/],
    ['an impossible date', 'starting_on=2026-11-01&ending_before=2026-11-31', /^ending_before: "2026-11-31" is not a real calendar date/],
    ['an inverted range', 'starting_on=2026-11-05&ending_before=2026-11-02', /^ending_before: must be later than starting_on/],
    ['an unknown window size', 'starting_on=2026-11-01&ending_before=2026-11-02&window_size=none', /^window_size: "none" is not one of day, hour/],
    ['hourly windows over too long a range', 'starting_on=2026-06-01&ending_before=2026-11-02&window_size=hour', /^window_size: hourly windows cover at most 92 days/],
    ['the years 1 to 9999', 'starting_on=0001-01-01&ending_before=9999-12-31&window_size=day', /^starting_on: "0001-01-01" is outside the dates the proxy serves/],
    ['a date past 2100', 'starting_on=2026-11-01&ending_before=2100-01-02', /^ending_before: "2100-01-02" is outside the dates the proxy serves/],
    ['a daily range over three years', 'starting_on=2023-10-01&ending_before=2026-11-02', /^ending_before: is more than 1096 days after starting_on; a range covers at most 1096 days/],
    ['a compound group key', 'starting_on=2026-11-01&ending_before=2026-11-02&group_by=model,region', /^group_by: "model,region" is not product or a single presentation group key/],
  ];
  for (const [name, query, message] of badInputs) {
    it(`answers 400 naming the parameter for ${name}, before calling Metronome`, async () => {
      const calls: UpstreamCall[] = [];
      const { status, body } = await spend(query, ACME_ID, testApp({ fetch: simulatorFetch(calls) }));
      assert.equal(status, 400);
      assert.equal(body.error.code, 'invalid_parameter');
      assert.match(body.error.message, message);
      assert.equal(calls.length, 0);
    });
  }

  it('answers three years of daily windows, the longest range', async () => {
    const { status, body } = await spend('starting_on=2023-11-01&ending_before=2026-11-01');
    assert.equal(status, 200);
    assert.equal(body.credit_types[0]!.windows.length, 1096);
  });

  it('answers 400 for a key none of the customer\'s products present, listing those that do', async () => {
    const { status, body } = await spend('starting_on=2026-11-01&ending_before=2026-11-02&group_by=model');
    assert.equal(status, 400);
    assert.match(body.error.message, /^group_by: "model" is not a presentation group key of this customer's products; use one of: product, endpoint, region, tier\.$/);
  });

  it('answers 401 without a session', async () => {
    const response = await testApp().request('/api/spend?starting_on=2026-11-01&ending_before=2026-11-02');
    assert.equal(response.status, 401);
  });

  it('answers 502 with a plain message when Metronome fails, leaking neither its body nor the token', async () => {
    const failing: typeof fetch = async () => new Response(JSON.stringify({ message: `boom ${METRONOME_TOKEN}` }), { status: 500 });
    const response = await authGet(testApp({ fetch: failing }), '/api/spend?starting_on=2026-11-01&ending_before=2026-11-02', ACME_ID);
    const text = await response.text();
    assert.equal(response.status, 502);
    assert.equal(JSON.parse(text).error.message, 'Metronome answered with an error (HTTP 500).');
    assert.ok(!text.includes('boom') && !text.includes(METRONOME_TOKEN));
  });
});
