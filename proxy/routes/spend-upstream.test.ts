import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, SpendResponse } from '../../contract/index.ts';
import { lineKind } from '../shape/lines.ts';
import type { InvoiceLine } from '../metronome/types.ts';
import { bareApplication, breakdown, COMMIT, fakeFetch, GPU, PRODUCT, usageLine, USD } from '../test/fake-metronome.ts';
import { authGet, testApp, type UpstreamCall } from '../test/harness.ts';

/** /api/spend over hand-made Metronome answers: shapes real accounts send that the simulator does not. */

const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000001';
const BREAKDOWNS = '/v1/customers/{id}/invoices/breakdowns';

async function spend(query: string, pages: unknown[][], calls: UpstreamCall[] = []) {
  const app = testApp({
    fetch: fakeFetch(
      {
        [BREAKDOWNS]: (url) => {
          const index = Number(url.searchParams.get('next_page') ?? 0);
          return { data: pages[index] ?? [], next_page: index + 1 < pages.length ? String(index + 1) : null };
        },
      },
      calls,
    ),
  });
  const response = await authGet(app, `/api/spend?${query}`, CUSTOMER);
  return { status: response.status, body: (await response.json()) as SpendResponse & ErrorBody };
}

describe('GET /api/spend over hand-made Metronome answers', () => {
  it('puts a commit-burning invoice\'s bare application lines in credits_applied, never in a group', async () => {
    const { body } = await spend('starting_on=2026-11-01&ending_before=2026-11-02&group_by=region', [
      [
        breakdown('2026-11-01', [
          usageLine('CPU hours', 30.4, { presentation_group_values: { region: 'us-east-1' } }),
          usageLine('CPU hours', 9.6, { presentation_group_values: { region: 'eu-west-1' } }),
          bareApplication(-35),
          // The same application as Metronome documents it, with type and the commit object.
          { ...bareApplication(-5), type: 'applied_commit_or_credit', applied_commit_or_credit: { id: COMMIT, type: 'PREPAID' } },
        ]),
      ],
    ]);
    const usd = body.credit_types[0]!;
    assert.deepEqual(usd.groups, ['us-east-1', 'eu-west-1']);
    assert.deepEqual(usd.windows[0], {
      starting_on: '2026-11-01T00:00:00.000Z',
      ending_before: '2026-11-02T00:00:00.000Z',
      values: { 'us-east-1': 30.4, 'eu-west-1': 9.6 },
      total: 40,
      credits_applied: -40,
      net: 0,
    });
  });

  it('sums fractional cents exactly: no float noise in totals, credits or net', async () => {
    const lines = [usageLine('A', 0.1), usageLine('B', 0.2), usageLine('A', 0.7), bareApplication(-0.3)];
    const { body } = await spend('starting_on=2026-11-01&ending_before=2026-11-03', [[breakdown('2026-11-01', lines), breakdown('2026-11-02', lines)]]);
    const usd = body.credit_types[0]!;
    assert.deepEqual(usd.windows[0]!.values, { A: 0.8, B: 0.2 });
    assert.equal(usd.windows[0]!.total, 1);
    assert.equal(usd.windows[0]!.net, 0.7);
    assert.equal(usd.total, 2);
    assert.equal(usd.credits_applied, -0.6);
    assert.equal(usd.net, 1.4);
  });

  it('answers one entry per credit type, USD first, each in its own unit', async () => {
    const { body } = await spend('starting_on=2026-11-01&ending_before=2026-11-02', [
      [
        breakdown('2026-11-01', [usageLine('GPU hours', 12.5, {}, GPU), bareApplication(-12.5, GPU)], {}, GPU),
        breakdown('2026-11-01', [usageLine('Storage', 300)]),
      ],
    ]);
    assert.deepEqual(body.credit_types.map((e) => [e.credit_type.name, e.total, e.net]), [
      ['USD (cents)', 300, 300],
      ['GPU credits', 12.5, 0],
    ]);
  });

  it('puts usage lines without the key, or without any group values, in "(none)"', async () => {
    const { body } = await spend('starting_on=2026-11-01&ending_before=2026-11-02&group_by=region', [
      [
        breakdown('2026-11-01', [
          usageLine('CPU hours', 4, { presentation_group_values: { region: 'us-east-1' } }),
          usageLine('CPU hours', 1, { presentation_group_values: { region: null } }),
          usageLine('API requests', 2, { presentation_group_values: { endpoint: '/v1/orders' } }),
          usageLine('Seats', 3),
        ]),
      ],
    ]);
    assert.deepEqual(body.credit_types[0]!.windows[0]!.values, { '(none)': 6, 'us-east-1': 4 });
  });

  it('follows next_page, sending the cursor back, and places items in their windows across pages', async () => {
    const calls: UpstreamCall[] = [];
    const { body } = await spend(
      'starting_on=2026-11-01&ending_before=2026-11-04',
      [[breakdown('2026-11-01', [usageLine('A', 1)])], [breakdown('2026-11-02', [usageLine('A', 2)])], [breakdown('2026-11-03', [usageLine('A', 3)])]],
      calls,
    );
    assert.deepEqual(calls.map((c) => c.url.searchParams.get('next_page')), [null, '1', '2']);
    assert.deepEqual(Object.fromEntries(calls[0]!.url.searchParams), {
      window_size: 'day',
      starting_on: '2026-11-01T00:00:00.000Z',
      ending_before: '2026-11-04T00:00:00.000Z',
      limit: '100',
    });
    assert.deepEqual(body.credit_types[0]!.windows.map((w) => w.total), [1, 2, 3]);
  });

  it('leaves out void invoices, SCHEDULED invoices and commit purchase lines', async () => {
    const purchase = { name: 'Prepaid commit', type: 'scheduled', product_type: 'FixedProductListItem', product_id: PRODUCT, credit_type: USD, commit_id: COMMIT, quantity: 1, unit_price: 10000, total: 10000 };
    const untypedPurchase = { ...purchase, type: undefined };
    const { body } = await spend('starting_on=2026-11-01&ending_before=2026-11-02', [
      [
        breakdown('2026-11-01', [usageLine('A', 5), purchase, untypedPurchase]),
        breakdown('2026-11-01', [usageLine('A', 5)], { status: 'VOID' }),
        breakdown('2026-11-01', [purchase], { type: 'SCHEDULED' }),
      ],
    ]);
    assert.deepEqual([body.credit_types[0]!.total, body.credit_types[0]!.net], [5, 5]);
  });

  it('answers a Metronome without any invoice with zero windows in USD', async () => {
    const { status, body } = await spend('starting_on=2026-11-01&ending_before=2026-11-03&window_size=hour', [[]]);
    assert.equal(status, 200);
    assert.equal(body.credit_types.length, 1);
    assert.equal(body.credit_types[0]!.windows.length, 48);
    assert.equal(body.credit_types[0]!.net, 0);
  });

  it('answers 502 when Metronome sends no JSON', async () => {
    const app = testApp({ fetch: async () => new Response('<html>', { status: 200 }) });
    const response = await authGet(app, '/api/spend?starting_on=2026-11-01&ending_before=2026-11-02', CUSTOMER);
    assert.equal(response.status, 502);
  });
});

describe('telling application lines from usage lines', () => {
  it('reads every shape of application, and keeps usage with a quantity as usage', () => {
    assert.equal(lineKind(bareApplication(-1)), 'application');
    const line = (fields: Partial<InvoiceLine>) => fields as InvoiceLine;
    assert.equal(lineKind(line({ name: 'Credit', total: -2 })), 'application');
    assert.equal(lineKind({ ...bareApplication(3) }), 'application', 'a window may show an application positive');
    assert.equal(lineKind(line({ name: 'x', total: 0, type: 'applied_commit_or_credit' })), 'application');
    assert.equal(lineKind(usageLine('CPU hours', 0)), 'usage');
    assert.equal(lineKind(usageLine('CPU hours', 5, { commit_id: COMMIT })), 'usage');
    assert.equal(lineKind(line({ name: 'Commit', type: 'commit_purchase', total: 100 })), 'excluded');
  });
});
