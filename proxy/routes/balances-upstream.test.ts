import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BalancesResponse, ErrorBody } from '../../contract/index.ts';
import { bareApplication, breakdown, COMMIT, fakeFetch, GPU, PRODUCT, usageLine, USD, type FakeHandler } from '../test/fake-metronome.ts';
import type { Logger } from '../log.ts';
import { authGet, NOW, testApp, type UpstreamCall } from '../test/harness.ts';
import { recordingLogger } from '../test/logger.ts';
import { toMicros } from '../money.ts';

/** /api/balances over hand-made Metronome answers: shapes real accounts send that the simulator does not. */

const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000001';
const LIST = '/v1/contracts/customerBalances/list';
const NET = '/v1/contracts/customerBalances/getNetBalance';
const CREDIT = '22222222-3333-4444-8555-666666666666';
const OTHER = '33333333-4444-4555-8666-777777777777';
const DRAFT_INVOICE = '44444444-5555-4666-8777-888888888888';

/** A commit or credit as customerBalances/list sends it: one segment from Nov 1 to next year. */
function balanceItem(id: string, ledger: unknown[], extra: Record<string, unknown> = {}, credit_type = USD) {
  return {
    id,
    type: 'PREPAID',
    name: 'Prepaid commit',
    priority: 100,
    product: { id: PRODUCT, name: 'Prepaid product' },
    access_schedule: { credit_type, schedule_items: [{ id: `${id}-s`, amount: 1000, starting_at: '2026-11-01T00:00:00Z', ending_before: '2027-11-01T00:00:00Z' }] },
    ledger,
    balance: ledger.reduce((sum: number, e) => sum + (e as { amount: number }).amount, 0),
    ...extra,
  };
}

const entry = (type: string, timestamp: string, amount: number, invoice_id?: string) => ({ type, timestamp, amount, ...(invoice_id ? { invoice_id } : {}) });
const start = (amount = 1000) => entry('PREPAID_COMMIT_SEGMENT_START', '2026-11-01T00:00:00Z', amount);

interface Upstream {
  pages: unknown[][];
  breakdowns?: unknown[];
  drafts?: unknown[];
  net?: FakeHandler;
}

async function balances(upstream: Upstream, calls: UpstreamCall[] = [], logger?: Logger) {
  const app = testApp({
    logger,
    fetch: fakeFetch(
      {
        [LIST]: (_url, body) => {
          const index = Number((body as { next_page?: string }).next_page ?? 0);
          return { data: upstream.pages[index] ?? [], next_page: index + 1 < upstream.pages.length ? String(index + 1) : null };
        },
        [NET]: upstream.net ?? ((_url, body) => ({ data: { balance: netOf(upstream.pages, (body as { credit_type_id: string }).credit_type_id) } })),
        '/v1/customers/{id}/invoices/breakdowns': () => ({ data: upstream.breakdowns ?? [], next_page: null }),
        '/v1/customers/{id}/invoices': () => ({ data: upstream.drafts ?? [], next_page: null }),
      },
      calls,
    ),
  });
  const response = await authGet(app, '/api/balances', CUSTOMER);
  return { status: response.status, body: (await response.json()) as BalancesResponse & ErrorBody };
}

/** A net balance that agrees with the items, so that only tests about mismatches see a warning. */
function netOf(pages: unknown[][], creditTypeId: string) {
  const items = pages.flat() as Array<{ balance: number; access_schedule: { credit_type: { id: string } } }>;
  return items.filter((i) => i.access_schedule.credit_type.id === creditTypeId).reduce((sum, i) => sum + Math.round(i.balance * 1e6), 0) / 1e6;
}

describe('GET /api/balances over hand-made Metronome answers', () => {
  it('keeps unknown and uncounted ledger entry types under their own type, counting only deductions, true-ups and expirations', async () => {
    const { body } = await balances({
      pages: [
        [
          balanceItem(COMMIT, [
            start(),
            entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-02T00:00:00Z', -100, OTHER),
            entry('PREPAID_COMMIT_MANUAL', '2026-11-03T00:00:00Z', 50),
            entry('PREPAID_COMMIT_ROLLOVER', '2026-11-04T00:00:00Z', -20),
            entry('PREPAID_COMMIT_SEAT_BASED_ADJUSTMENT', '2026-11-05T00:00:00Z', -5),
            entry('PREPAID_COMMIT_FUTURE_THING', '2026-11-06T00:00:00Z', -7),
            entry('POSTPAID_COMMIT_TRUEUP', '2026-11-07T00:00:00Z', -3),
            entry('PREPAID_COMMIT_EXPIRATION', '2026-11-08T00:00:00Z', -15),
          ]),
        ],
      ],
    });
    const item = body.items[0]!;
    assert.deepEqual(item.ledger.map((e) => e.type), [
      'PREPAID_COMMIT_SEGMENT_START',
      'PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION',
      'PREPAID_COMMIT_MANUAL',
      'PREPAID_COMMIT_ROLLOVER',
      'PREPAID_COMMIT_SEAT_BASED_ADJUSTMENT',
      'PREPAID_COMMIT_FUTURE_THING',
      'POSTPAID_COMMIT_TRUEUP',
      'PREPAID_COMMIT_EXPIRATION',
    ]);
    assert.deepEqual([item.used, item.expired, item.remaining, item.granted], [103, 15, 900, 1000]);
    assert.equal(item.ledger.at(-1)!.balance_after, 900);
  });

  it('sums fractional cents exactly: ledger running balance, amounts and totals', async () => {
    const small = (id: string, name: string) =>
      balanceItem(id, [start(0.3), entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-02T00:00:00Z', -0.1, OTHER), entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-03T00:00:00Z', -0.1, OTHER)], {
        name,
        balance: 0.1,
        access_schedule: { credit_type: USD, schedule_items: [{ id: `${id}-s`, amount: 0.3, starting_at: '2026-11-01T00:00:00Z', ending_before: '2027-01-01T00:00:00Z' }] },
      });
    const { body } = await balances({ pages: [[small(COMMIT, 'A'), small(CREDIT, 'B'), small(OTHER, 'C')]] });
    assert.deepEqual(body.items[0]!.ledger.map((e) => e.balance_after), [0.3, 0.2, 0.1]);
    assert.deepEqual(body.totals, [{ credit_type: USD, granted: 0.9, used: 0.6, remaining: 0.3, expired: 0, upcoming: 0, available_now: 0.3 }]);
  });

  it('follows the cursor in the request body, not the query, with limit at most 25', async () => {
    const calls: UpstreamCall[] = [];
    const { body } = await balances(
      { pages: [[balanceItem(COMMIT, [start()], { priority: 3 })], [balanceItem(CREDIT, [start()], { priority: 2, type: 'CREDIT' })], [balanceItem(OTHER, [start()], { priority: 1 })]] },
      calls,
    );
    const list = calls.filter((c) => c.url.pathname === LIST);
    assert.deepEqual(list.map((c) => (c.body as { next_page?: string }).next_page), [undefined, '1', '2']);
    for (const call of list) {
      assert.equal(call.method, 'POST');
      assert.equal([...call.url.searchParams.keys()].length, 0, 'nothing in the query');
      assert.ok((call.body as { limit: number }).limit <= 25);
      assert.equal((call.body as { include_contract_balances: boolean }).include_contract_balances, true);
    }
    assert.deepEqual(body.items.map((i) => i.id), [OTHER, CREDIT, COMMIT], 'burn order across pages');
  });

  it('takes remaining from Metronome\'s balance even when the ledger sums to something else', async () => {
    const { body } = await balances({ pages: [[balanceItem(COMMIT, [start(), entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-02T00:00:00Z', -100, OTHER)], { balance: 950 })]] });
    assert.equal(body.items[0]!.remaining, 950);
    assert.equal(body.items[0]!.ledger.at(-1)!.balance_after, 900);
    assert.equal(body.totals[0]!.remaining, 950);
  });

  it('puts a commit without priority after those with one, then orders by expiry, then id', async () => {
    const segment = (id: string, end: string) => ({ credit_type: USD, schedule_items: [{ id, amount: 10, starting_at: '2026-11-01T00:00:00Z', ending_before: end }] });
    const { status, body } = await balances({
      pages: [
        [
          balanceItem(COMMIT, [], { priority: undefined, name: 'No priority' }),
          balanceItem(OTHER, [], { priority: 5, name: 'Later', access_schedule: segment('o', '2027-06-01T00:00:00Z') }),
          balanceItem(CREDIT, [], { priority: 5, name: 'Sooner', type: 'CREDIT', access_schedule: segment('c', '2027-01-01T00:00:00Z') }),
        ],
      ],
    });
    assert.equal(status, 200);
    assert.deepEqual(body.items.map((i) => [i.name, i.priority]), [['Sooner', 5], ['Later', 5], ['No priority', null]]);
  });

  it('falls back to the product\'s name for a blank or missing name', async () => {
    const { body } = await balances({ pages: [[balanceItem(COMMIT, [], { name: '  ' }), balanceItem(CREDIT, [], { name: undefined })]] });
    assert.deepEqual(body.items.map((i) => i.name), ['Prepaid product', 'Prepaid product']);
  });

  it('marks a past-dated deduction of a draft invoice pending, and a future-dated one whatever its invoice', async () => {
    const { body } = await balances({
      pages: [
        [
          balanceItem(COMMIT, [
            start(),
            entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-20T00:00:00Z', -10, OTHER),
            entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-21T00:00:00Z', -10, DRAFT_INVOICE),
            entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-12-01T00:00:00Z', -10, OTHER),
          ]),
        ],
      ],
      drafts: [{ id: DRAFT_INVOICE, type: 'USAGE', status: 'DRAFT', credit_type: USD, line_items: [], total: 0 }],
    });
    assert.deepEqual(body.items[0]!.ledger.map((e) => e.pending), [false, false, true, true]);
  });

  it('sorts ledger entries oldest first, keeping Metronome\'s order for equal stamps', async () => {
    const { body } = await balances({
      pages: [[balanceItem(COMMIT, [entry('PREPAID_COMMIT_EXPIRATION', '2026-11-03T00:00:00Z', -900), entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-03T00:00:00Z', -100, OTHER), start()])]],
    });
    assert.deepEqual(body.items[0]!.ledger.map((e) => [e.type, e.balance_after]), [
      ['PREPAID_COMMIT_SEGMENT_START', 1000],
      ['PREPAID_COMMIT_EXPIRATION', 100],
      ['PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', 0],
    ]);
  });

  it('computes the runway from application lines naming the item by commit_id or applied_commit_or_credit.id', async () => {
    const byObject = { ...usageLine('Credit', -15), commit_id: undefined, applied_commit_or_credit: { id: CREDIT, type: 'CREDIT' } };
    const { body } = await balances({
      pages: [[balanceItem(COMMIT, [start(), entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-02T00:00:00Z', -400, OTHER)]), balanceItem(CREDIT, [start(), entry('CREDIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-02T00:00:00Z', -1000, OTHER)], { type: 'CREDIT' })]],
      breakdowns: [
        breakdown('2026-11-01', [usageLine('CPU hours', 60), bareApplication(-30), byObject]),
        breakdown('2026-11-02', [bareApplication(-60), usageLine('CPU hours', 60)]),
        breakdown('2026-11-02', [bareApplication(-1000)], { status: 'VOID' }),
      ],
    });
    const [commit, credit] = [body.items.find((i) => i.id === COMMIT)!, body.items.find((i) => i.id === CREDIT)!];
    assert.equal(commit.runway.burn_per_day, 3, '90 over 30 days; the void invoice is left out');
    assert.equal(commit.runway.runs_out_at, new Date(NOW.getTime() + 200 * 86_400_000).toISOString(), '600 left at 3 a day');
    assert.equal(commit.runway.expires_at, '2027-11-01T00:00:00.000Z');
    assert.equal(commit.runway.runs_out_before_expiry, true);
    // Nothing left while still burning: it has run out now.
    assert.equal(credit.runway.burn_per_day, 0.5);
    assert.equal(credit.runway.runs_out_at, NOW.toISOString());
  });

  it('measures the runway against the end of the segment in force, and suggests as top-up what its rate draws until then beyond what is left, and beyond what each upcoming segment brings over its own span', async () => {
    const quarters = { credit_type: USD, schedule_items: [
      { id: 'q1', amount: 1000, starting_at: '2026-11-01T00:00:00Z', ending_before: '2027-02-01T00:00:00Z' },
      { id: 'q2', amount: 1000, starting_at: '2027-02-01T00:00:00Z', ending_before: '2027-05-01T00:00:00Z' },
      { id: 'q3', amount: 300, starting_at: '2027-05-01T00:00:00Z', ending_before: '2027-08-01T00:00:00Z' },
    ] };
    const { body } = await balances({
      pages: [[balanceItem(COMMIT, [start(), entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-02T00:00:00Z', -900, OTHER)], { access_schedule: quarters }), balanceItem(CREDIT, [start()], { type: 'CREDIT' })]],
      breakdowns: [breakdown('2026-11-01', [bareApplication(-150)])],
    });
    const commit = body.items.find((i) => i.id === COMMIT)!;
    assert.equal(commit.runway.expires_at, '2027-02-01T00:00:00.000Z', 'what is left expires with its quarter; the next brings its own');
    assert.equal(commit.runway.runs_out_at, new Date(NOW.getTime() + 20 * 86_400_000).toISOString(), '100 left at 5 a day');
    assert.equal(commit.runway.runs_out_before_expiry, true);
    const daysLeft = (Date.parse('2027-02-01T00:00:00Z') - NOW.getTime()) / 86_400_000;
    // q2's 1,000 lasts its 89 days at 5 a day; q3's 300 runs 160 short over its 92.
    assert.equal(commit.runway.top_up, 5 * daysLeft - 100 + (5 * 92 - 300), 'about 68 days at 5 a day less the 100 left, and what q3 leaves short');
    assert.equal(body.items.find((i) => i.id === CREDIT)!.runway.top_up, 0, 'not used: no suggestion');
  });

  it('gives no runs_out_at without burn, and no comparison without an expiry', async () => {
    const expired = { credit_type: USD, schedule_items: [{ id: 's', amount: 10, starting_at: '2026-01-01T00:00:00Z', ending_before: '2026-02-01T00:00:00Z' }] };
    const { body } = await balances({ pages: [[balanceItem(COMMIT, [start()]), balanceItem(CREDIT, [], { access_schedule: expired })]], breakdowns: [breakdown('2026-11-01', [{ ...bareApplication(-30), commit_id: CREDIT }])] });
    assert.deepEqual(body.items.find((i) => i.id === COMMIT)!.runway, { burn_per_day: 0, runs_out_at: null, expires_at: '2027-11-01T00:00:00.000Z', runs_out_before_expiry: null, top_up: 0 });
    assert.deepEqual(body.items.find((i) => i.id === CREDIT)!.runway, { burn_per_day: 1, runs_out_at: NOW.toISOString(), expires_at: null, runs_out_before_expiry: null, top_up: 0 });
  });

  it('totals each credit type, USD first, in its own unit', async () => {
    const { body } = await balances({ pages: [[balanceItem(COMMIT, [start(500)], {}, GPU), balanceItem(CREDIT, [start(250)], {}, USD)]] });
    assert.deepEqual(body.totals.map((t) => [t.credit_type.name, t.remaining]), [['USD (cents)', 250], ['GPU credits', 500]]);
  });

  it('logs a net balance that disagrees with the items, or a failed check, and still answers', async () => {
    const logger = recordingLogger();
    const pages = [[balanceItem(COMMIT, [start()])]];
    const mismatch = await balances({ pages, net: () => ({ data: { balance: 123.45, credit_type_id: USD.id } }) }, [], logger);
    assert.equal(mismatch.status, 200);
    assert.equal(mismatch.body.items[0]!.remaining, 1000);
    assert.match(logger.lines[0]!.message, /remaining 1000, Metronome net balance 123\.45/);
    assert.equal(logger.lines[0]!.fields.customer_id, CUSTOMER);
    assert.equal(typeof logger.lines[0]!.fields.request_id, 'string');
    const failing = await balances({ pages, net: () => { throw new Error('boom'); } }, [], logger);
    assert.equal(failing.status, 200);
    assert.deepEqual(logger.lines.map((l) => l.level), ['warn', 'warn']);
  });

  it('answers 502 when Metronome sends no JSON', async () => {
    const app = testApp({ fetch: async () => new Response('<html>', { status: 200 }) });
    const response = await authGet(app, '/api/balances', CUSTOMER);
    assert.equal(response.status, 502);
  });

  it('projects a postpaid commitment from the usage of the products it applies to, by id or tag, and keeps it out of what is available', async () => {
    const minimum = (extra: Record<string, unknown>) =>
      balanceItem(COMMIT, [entry('POSTPAID_COMMIT_INITIAL_BALANCE', '2026-11-01T00:00:00Z', 1000), entry('POSTPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-20T00:00:00Z', -100)], {
        type: 'POSTPAID',
        access_schedule: { credit_type: USD, schedule_items: [{ id: 's', amount: 1000, starting_at: '2026-11-01T00:00:00Z', ending_before: '2026-12-05T10:30:00Z' }] },
        ...extra,
      });
    const days = ['2026-11-20', '2026-11-21', '2026-11-22'];
    const breakdowns = days.map((d) => breakdown(d, [usageLine('Storage', 10), usageLine('Compute', 20, { product_id: OTHER, product_tags: ['compute'] }), bareApplication(-1)]));
    const prepaid = balanceItem(CREDIT, [start(), entry('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION', '2026-11-20T00:00:00Z', -250)]);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ applicable_product_ids: [PRODUCT] }, 30],
      [{ applicable_product_tags: ['compute'] }, 60],
      [{}, 90],
    ];
    for (const [applies, usage] of cases) {
      const { body } = await balances({ pages: [[minimum(applies), prepaid]], breakdowns });
      const c = body.items.find((i) => i.id === COMMIT)!.commitment!;
      const perDay = usage / 30;
      assert.equal(c.consumption_per_day, perDay, JSON.stringify(applies));
      assert.equal(toMicros(c.projected_consumption), toMicros(100 + perDay * 10), '10 days left');
      assert.equal(toMicros(c.projected_shortfall), toMicros(1000) - toMicros(c.projected_consumption));
      assert.equal(body.totals[0]!.available_now, 750, 'the prepaid commit only');
    }
    const { body } = await balances({ pages: [[minimum({ applicable_product_ids: [PRODUCT] })]], breakdowns: days.map((d) => breakdown(d, [usageLine('Storage', 10_000)])) });
    assert.equal(body.items[0]!.commitment!.projected_shortfall, 0, 'on track: no shortfall');
  });
});
