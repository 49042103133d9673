import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, GLOBEX_ID, METRIC_IDS } from '../../simulator/index.ts';
import type { ErrorBody, UsageResponse } from '../../contract/index.ts';
import { authGet, METRONOME_TOKEN, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';

const cpu = (query: string) => `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&${query}`;

async function usage(path: string, customerId = ACME_ID, app = testApp()) {
  const response = await authGet(app, path, customerId);
  return { status: response.status, body: (await response.json()) as UsageResponse & ErrorBody };
}

describe('GET /api/usage', () => {
  it('returns daily windows stacked by group whose values add up to each window and the range', async () => {
    const { status, body } = await usage(cpu('starting_on=2026-11-01&ending_before=2026-11-08&window_size=day&group_key=region'));
    assert.equal(status, 200);
    assert.equal(body.billable_metric.name, 'CPU hours');
    assert.deepEqual(body.group_key, ['region']);
    assert.equal(body.windows.length, 7);
    assert.equal(body.windows[0]!.starting_on, '2026-11-01T00:00:00.000Z');
    assert.equal(body.windows[6]!.ending_before, '2026-11-08T00:00:00.000Z');
    assert.ok(body.groups.includes('us-east-1') && body.groups.includes('ap-south-1'));
    for (const w of body.windows) {
      assert.deepEqual(Object.keys(w.values!).sort(), [...body.groups].sort(), 'every group appears in every window');
      assert.equal(Object.values(w.values!).reduce((a, b) => a + b, 0), w.total);
    }
    assert.equal(body.total, body.windows.reduce((a, w) => a + w.total, 0));
    assert.ok(body.total > 0);
  });

  it('agrees with the ungrouped total and with Metronome\'s own numbers', async () => {
    const range = 'starting_on=2026-11-01&ending_before=2026-11-08&window_size=day';
    const grouped = (await usage(cpu(`${range}&group_key=region`))).body;
    const totals = (await usage(cpu(range))).body;
    assert.equal(totals.group_key, null);
    assert.deepEqual(totals.groups, []);
    assert.equal(totals.windows[0]!.values, undefined);
    assert.deepEqual(
      totals.windows.map((w) => w.total),
      grouped.windows.map((w) => w.total),
    );
    const hourly = (await usage(cpu('starting_on=2026-11-01&ending_before=2026-11-02&window_size=hour'))).body;
    assert.equal(hourly.windows.length, 24);
    assert.equal(hourly.total, totals.windows[0]!.total);
  });

  it('orders groups largest first and names compound groups by their values in key order', async () => {
    const path = `/api/usage?billable_metric_id=${METRIC_IDS.modelTokens}&starting_on=2026-11-01&ending_before=2026-11-03&group_key=model,region`;
    const { status, body } = await usage(path, GLOBEX_ID);
    assert.equal(status, 200);
    assert.deepEqual(body.group_key, ['model', 'region']);
    assert.ok(body.groups.every((g) => g.split(' / ').length === 2), body.groups.join());
    const totalOf = (g: string) => body.windows.reduce((a, w) => a + w.values![g]!, 0);
    for (let i = 1; i < body.groups.length; i++) assert.ok(totalOf(body.groups[i - 1]!) >= totalOf(body.groups[i]!));
  });

  it('follows next_page until every window is in, sending spec-valid requests with the Metronome token', async () => {
    const calls: UpstreamCall[] = [];
    const app = testApp({ fetch: simulatorFetch(calls) });
    const { body } = await usage(cpu('starting_on=2026-08-01&ending_before=2026-11-01&group_key=region'), ACME_ID, app);
    const usageCalls = calls.filter((c) => c.url.pathname === '/v1/usage/groups');
    assert.ok(usageCalls.length > 1, 'the 92 days × 5 groups do not fit in one page');
    assert.equal(usageCalls[1]!.url.searchParams.get('next_page') !== null, true);
    assert.equal(body.windows.length, 92);
    assert.deepEqual(usageCalls[0]!.body, {
      customer_id: ACME_ID,
      billable_metric_id: METRIC_IDS.cpuHours,
      window_size: 'day',
      starting_on: '2026-08-01T00:00:00.000Z',
      ending_before: '2026-11-01T00:00:00.000Z',
      group_key: ['region'],
    });
  });

  it('splits a long hourly range into month-long Metronome calls and merges them seamlessly', async () => {
    const calls: UpstreamCall[] = [];
    const range = 'starting_on=2026-09-01&ending_before=2026-11-01';
    const { status, body } = await usage(cpu(`${range}&window_size=hour&group_key=region`), ACME_ID, testApp({ fetch: simulatorFetch(calls) }));
    assert.equal(status, 200);
    const ranges = new Set(calls.filter((c) => c.url.pathname === '/v1/usage/groups').map((c) => JSON.stringify([(c.body as { starting_on: string }).starting_on, (c.body as { ending_before: string }).ending_before])));
    assert.deepEqual([...ranges], [
      JSON.stringify(['2026-09-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z']),
      JSON.stringify(['2026-10-02T00:00:00.000Z', '2026-11-01T00:00:00.000Z']),
    ]);
    assert.equal(body.windows.length, 61 * 24);
    const daily = (await usage(cpu(`${range}&window_size=day&group_key=region`))).body;
    assert.equal(body.total, daily.total);
    assert.equal(body.windows.slice(31 * 24, 32 * 24).reduce((sum, w) => sum + w.total, 0), daily.windows[31]!.total, 'the day at the seam adds up');
  });

  it('widens a range to whole windows', async () => {
    const { body } = await usage(cpu('starting_on=2026-11-01T05:00:00Z&ending_before=2026-11-02T01:00:00Z&window_size=day'));
    assert.equal(body.starting_on, '2026-11-01T00:00:00.000Z');
    assert.equal(body.ending_before, '2026-11-03T00:00:00.000Z');
    assert.equal(body.windows.length, 2);
  });

  it('answers an empty range with zero-valued windows, not an error', async () => {
    const { status, body } = await usage(cpu('starting_on=2027-01-01&ending_before=2027-01-03&group_key=region'));
    assert.equal(status, 200);
    assert.equal(body.total, 0);
    assert.equal(body.windows.length, 2);
    assert.ok(body.windows.every((w) => w.total === 0));
  });

  const badInputs: Array<[string, string, RegExp]> = [
    ['a missing metric', '/api/usage?starting_on=2026-11-01&ending_before=2026-11-02', /^billable_metric_id: is required/],
    ['a metric id that is not a UUID', '/api/usage?billable_metric_id=cpu&starting_on=2026-11-01&ending_before=2026-11-02', /^billable_metric_id: "cpu" is not a valid id/],
    ['a metric of another customer', `/api/usage?billable_metric_id=${METRIC_IDS.seats}&starting_on=2026-11-01&ending_before=2026-11-02`, /^billable_metric_id: this customer has no billable metric/],
    ['a missing start', cpu('ending_before=2026-11-02'), /^starting_on: is required/],
    ['a malformed date', cpu('starting_on=yesterday&ending_before=2026-11-02'), /^starting_on: "yesterday" is not an ISO 8601 date/],
    ['an impossible date', cpu('starting_on=2026-02-30&ending_before=2026-11-02'), /^starting_on: "2026-02-30" is not a real calendar date/],
    ['an inverted range', cpu('starting_on=2026-11-05&ending_before=2026-11-02'), /^ending_before: must be later than starting_on/],
    ['an unknown window size', cpu('starting_on=2026-11-01&ending_before=2026-11-02&window_size=week'), /^window_size: "week" is not one of hour, day, none/],
    ['a key the metric does not define', cpu('starting_on=2026-11-01&ending_before=2026-11-02&group_key=zone'), /^group_key: "zone" is not a group key of CPU hours; use one of: region/],
    ['current_period with dates', cpu('current_period=true&starting_on=2026-11-01'), /^current_period: cannot be combined with starting_on or ending_before/],
    ['a current_period that is not a boolean', cpu('current_period=yes'), /^current_period: "yes" is not true or false/],
    ['a filter without a group key', cpu('starting_on=2026-11-01&ending_before=2026-11-02&group_filter=region:us-east-1'), /^group_filter: needs group_key/],
    ['a filter on a key not grouped by', cpu('starting_on=2026-11-01&ending_before=2026-11-02&group_key=region&group_filter=tier:hot'), /^group_filter: "tier" is not one of the grouped keys/],
    ['a malformed filter', cpu('starting_on=2026-11-01&ending_before=2026-11-02&group_key=region&group_filter=region'), /^group_filter: "region" is not key:value1,value2/],
    ['an unknown comparison', cpu('starting_on=2026-11-01&ending_before=2026-11-02&compare=last-year'), /^compare: "last-year" is not one of previous, none/],
    ['hourly windows over too long a range', cpu('starting_on=2026-06-01&ending_before=2026-11-02&window_size=hour'), /^window_size: hourly windows cover at most 92 days/],
    ['an empty key in a compound key', cpu('starting_on=2026-11-01&ending_before=2026-11-02&group_key=region,'), /^group_key: .* has an empty entry/],
    ['a key named twice in a compound key', cpu('starting_on=2026-11-01&ending_before=2026-11-02&group_key=region, region'), /^group_key: "region, region" names the same key twice/],
    ['a daily range over three years', cpu('starting_on=2023-10-01&ending_before=2026-11-02'), /^ending_before: is more than 1096 days after starting_on/],
    ['one window over three years', cpu('starting_on=2023-10-01&ending_before=2026-11-02&window_size=none'), /^ending_before: is more than 1096 days after starting_on/],
    ['a comparison over three years', cpu('starting_on=2023-10-01&ending_before=2026-11-02&compare=previous'), /^ending_before: is more than 1096 days after starting_on/],
    ['a date in year 1', cpu('starting_on=0001-01-01&ending_before=2026-11-02'), /^starting_on: "0001-01-01" is outside the dates the proxy serves, 2000-01-01 to 2100-01-01/],
    ['a date in year 9999', cpu('starting_on=2026-11-01&ending_before=9999-12-31T23:59:59Z'), /^ending_before: "9999-12-31T23:59:59Z" is outside the dates/],
    ['a parameter given twice', cpu('starting_on=2026-11-01&ending_before=2026-11-02&starting_on=2026-10-01'), /^starting_on: is given more than once/],
    ['a key filtered twice', cpu('starting_on=2026-11-01&ending_before=2026-11-02&group_key=region&group_filter=region:a&group_filter=region:b'), /^group_filter: "region" is filtered twice/],
  ];
  for (const [name, path, message] of badInputs) {
    it(`answers 400 naming the parameter for ${name}, without calling usage`, async () => {
      const calls: UpstreamCall[] = [];
      const { status, body } = await usage(path, ACME_ID, testApp({ fetch: simulatorFetch(calls) }));
      assert.equal(status, 400);
      assert.equal(body.error.code, 'invalid_parameter');
      assert.match(body.error.message, message);
      assert.equal(calls.filter((c) => c.url.pathname === '/v1/usage/groups').length, 0);
    });
  }

  it('charts the current billing period when asked, without dates', async () => {
    const { status, body } = await usage(cpu('current_period=true&group_key=region'));
    assert.equal(status, 200);
    assert.equal(body.starting_on, '2026-11-01T00:00:00.000Z');
    assert.equal(body.ending_before, '2026-12-01T00:00:00.000Z');
    assert.equal(body.windows.length, 30);
  });

  it('filters groups by value, passing group_filters to Metronome', async () => {
    const calls: UpstreamCall[] = [];
    const { body } = await usage(cpu('starting_on=2026-11-01&ending_before=2026-11-08&group_key=region&group_filter=region:us-east-1,eu-west-1'), ACME_ID, testApp({ fetch: simulatorFetch(calls) }));
    assert.deepEqual([...body.groups].sort(), ['eu-west-1', 'us-east-1']);
    assert.deepEqual((calls.find((c) => c.url.pathname === '/v1/usage/groups')!.body as { group_filters: unknown }).group_filters, { region: ['us-east-1', 'eu-west-1'] });
    const all = (await usage(cpu('starting_on=2026-11-01&ending_before=2026-11-08&group_key=region'))).body;
    assert.equal(body.windows[0]!.values!['us-east-1'], all.windows[0]!.values!['us-east-1']);
  });

  it('adds the previous period of the same length when comparing', async () => {
    const { body } = await usage(cpu('starting_on=2026-11-01&ending_before=2026-11-08&group_key=region&compare=previous'));
    assert.equal(body.previous!.starting_on, '2026-10-25T00:00:00.000Z');
    assert.equal(body.previous!.ending_before, '2026-11-01T00:00:00.000Z');
    assert.equal(body.previous!.windows.length, 7);
    const earlier = (await usage(cpu('starting_on=2026-10-25&ending_before=2026-11-01&group_key=region'))).body;
    assert.equal(body.previous!.total, earlier.total);
    assert.deepEqual(body.previous!.windows, earlier.windows);
  });

  it('says through when it counted a range still under way, and nothing for a range that is over', async () => {
    const { body } = await usage(cpu('current_period=true&group_key=region'));
    assert.equal(body.through, '2026-11-25T10:30:00.000Z');
    assert.equal(body.windows.length, 30, 'the windows still cover the whole range');
    assert.ok(body.windows.slice(25).every((w) => w.total === 0), 'the days to come hold nothing');
    const hourly = (await usage(cpu('starting_on=2026-11-25&ending_before=2026-11-26&window_size=hour'))).body;
    assert.equal(hourly.through, '2026-11-25T10:30:00.000Z');
    assert.equal((await usage(cpu('starting_on=2026-11-01&ending_before=2026-11-08'))).body.through, undefined);
    assert.equal((await usage(cpu('starting_on=2026-11-18&ending_before=2026-11-25'))).body.through, undefined, 'a range ending at today\'s midnight is over');
  });

  it('compares the current billing period with the billing period before it, not the same length back', async () => {
    const { body } = await usage(cpu('current_period=true&group_key=region&compare=previous'));
    assert.equal(body.starting_on, '2026-11-01T00:00:00.000Z');
    assert.equal(body.windows.length, 30);
    assert.equal(body.previous!.starting_on, '2026-10-01T00:00:00.000Z');
    assert.equal(body.previous!.ending_before, '2026-11-01T00:00:00.000Z');
    assert.equal(body.previous!.windows.length, 31, 'October has a day more: windows pair up by position');
    const october = (await usage(cpu('starting_on=2026-10-01&ending_before=2026-11-01&group_key=region'))).body;
    assert.deepEqual(body.previous!.windows, october.windows);
    assert.equal(body.previous!.total, october.total);
  });

  it('compares a contract\'s first billing period, with none before it, with the same length back', async () => {
    // Hand-made: Acme's contract as if it had started on the current period's first day.
    const simulator = simulatorFetch();
    const firstPeriod: typeof fetch = async (input, init) => {
      const response = await simulator(input, init);
      if (!new URL(new Request(input, init).url).pathname.endsWith('/contracts/list')) return response;
      const answer = (await response.json()) as { data: Array<{ starting_at: string; usage_statement_schedule?: { billing_anchor_date?: string } }> };
      for (const contract of answer.data) {
        contract.starting_at = '2026-11-01T00:00:00.000Z';
        if (contract.usage_statement_schedule) contract.usage_statement_schedule.billing_anchor_date = '2026-11-01T00:00:00.000Z';
      }
      return Response.json(answer);
    };
    const { status, body } = await usage(cpu('current_period=true&compare=previous'), ACME_ID, testApp({ fetch: firstPeriod }));
    assert.equal(status, 200);
    assert.equal(body.previous!.starting_on, '2026-10-02T00:00:00.000Z');
    assert.equal(body.previous!.ending_before, '2026-11-01T00:00:00.000Z');
    assert.equal(body.previous!.windows.length, 30);
  });

  it('answers 502 with a plain message when Metronome fails, leaking neither its body nor the token', async () => {
    const failing: typeof fetch = async () =>
      new Response(JSON.stringify({ message: `boom; Authorization: Bearer ${METRONOME_TOKEN}` }), { status: 500 });
    const response = await authGet(testApp({ fetch: failing }), cpu('starting_on=2026-11-01&ending_before=2026-11-02'), ACME_ID);
    const text = await response.text();
    assert.equal(response.status, 502);
    assert.equal(JSON.parse(text).error.code, 'upstream_error');
    assert.ok(!text.includes(METRONOME_TOKEN) && !text.includes('boom'));
  });

  it('answers 502 when Metronome cannot be reached and 504 when it does not answer in time', async () => {
    const unreachable: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const path = cpu('starting_on=2026-11-01&ending_before=2026-11-02');
    assert.equal((await authGet(testApp({ fetch: unreachable }), path, ACME_ID)).status, 502);
    const timedOut = await authGet(testApp({ fetch: hanging, timeoutMs: 50 }), path, ACME_ID);
    assert.equal(timedOut.status, 504);
    assert.equal(((await timedOut.json()) as ErrorBody).error.code, 'upstream_timeout');
  });

  it('answers 502 when Metronome sends something that is not JSON', async () => {
    const garbled: typeof fetch = async () => new Response('<html>proxy error</html>', { status: 200 });
    const response = await authGet(testApp({ fetch: garbled }), cpu('starting_on=2026-11-01&ending_before=2026-11-02'), ACME_ID);
    assert.equal(response.status, 502);
  });
});
