import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, findCustomer } from '../catalog.ts';
import { dataClock, sumUsage } from '../data.ts';
import { burnOrder } from './rating.ts';
import { billingPeriods, contractBooks, currentPeriod, seriesByGroup } from './statements.ts';
import { statementWindows } from './windows.ts';
import { contractsAt, findProduct } from './world.ts';

const NOW = new Date('2026-11-25T10:30:00Z');
const clock = dataClock(1, NOW);
const contracts = contractsAt(NOW);
const books = contracts.map((contract) => contractBooks(contract, clock, NOW));
const statements = books.flatMap((b) => b.statements);
const HOUR = 3_600_000;

/** Metronome's conversion and rounding, written out independently of rating.ts. */
function expectedQuantity(productId: string, raw: number): number {
  const product = findProduct(productId)!;
  let q = raw;
  if (product.quantity_conversion) q = product.quantity_conversion.operation === 'DIVIDE' ? q / product.quantity_conversion.conversion_factor : q * product.quantity_conversion.conversion_factor;
  if (product.quantity_rounding) {
    const scale = 10 ** product.quantity_rounding.decimal_places;
    const method = product.quantity_rounding.rounding_method;
    const scaled = Number((q * scale).toFixed(9));
    q = (method === 'ROUND_UP' ? Math.ceil(scaled) : method === 'ROUND_DOWN' ? Math.floor(scaled) : Math.round(scaled)) / scale;
  }
  return q;
}

describe('simulated billing', () => {
  it('bills every customer for finished periods and a draft for the current one', () => {
    for (const contract of contracts) {
      const periods = billingPeriods(contract, NOW);
      assert.ok(periods.length >= 3, `${contract.name} has ${periods.length} periods`);
      const current = currentPeriod(contract, NOW)!;
      assert.ok(current.start <= NOW && NOW < current.end);
      const own = statements.filter((s) => s.contract === contract);
      assert.ok(own.filter((s) => s.status === 'DRAFT').every((s) => s.period.start.getTime() === current.start.getTime()));
      assert.ok(own.some((s) => s.status === 'FINALIZED'));
    }
  });

  it('charges each line for exactly the usage of its product\'s metric over the period, converted and rounded', () => {
    for (const statement of statements) {
      const customer = findCustomer(statement.contract.customer_id)!;
      for (const product of new Set(statement.charges.map((l) => l.product_id))) {
        const def = findProduct(product)!;
        const metric = customer.metrics.find((m) => m.id === def.billable_metric_id)!;
        const lines = statement.charges.filter((l) => l.product_id === product);
        const from = statement.period.start.getTime() / HOUR;
        const to = statement.period.end.getTime() / HOUR;
        if (lines[0]!.tier) {
          const raw = sumUsage(clock, metric, metric.series.map((_, i) => i), from, to);
          const billed = lines.reduce((sum, l) => sum + l.quantity, 0) / 1e6;
          assert.ok(Math.abs(billed - expectedQuantity(product, raw)) < 1e-6, `${def.name}: ${billed} vs ${raw}`);
          continue;
        }
        const keys = def.presentation_group_key ?? [];
        for (const { group, series } of seriesByGroup(metric, keys)) {
          const line = lines.find((l) => JSON.stringify(l.group) === JSON.stringify(keys.length ? group : null))!;
          const raw = sumUsage(clock, metric, series, from, to);
          assert.ok(Math.abs(line.quantity / 1e6 - expectedQuantity(product, raw)) < 1e-6, `${def.name} ${JSON.stringify(group)}`);
        }
      }
    }
  });

  it('rates flat lines at quantity × price and tiered lines tier by tier', () => {
    for (const statement of statements) {
      for (const line of statement.charges) {
        // A product priced by group has one rate per pricing group value; the line's group values name it.
        const rate = statement.contract.rates.find(
          (r) => r.product_id === line.product_id && Object.entries(r.pricing_group_values ?? {}).every(([key, value]) => line.group?.[key] === value),
        )!;
        const price = rate.rate_type === 'FLAT' ? rate.price : rate.tiers[line.tier!.level - 1]!.price;
        assert.ok(Math.abs(line.total / 1e6 - (line.quantity / 1e6) * price) < 1e-6);
      }
      const tiered = statement.charges.filter((l) => l.tier);
      for (const [i, line] of tiered.entries()) {
        if (i < tiered.length - 1) assert.equal(line.quantity / 1e6, line.tier!.size, 'a tier fills before the next starts');
      }
    }
    assert.ok(statements.some((s) => s.charges.filter((l) => l.tier).length === 3), 'some period reaches the third tier');
  });

  it('burns commits and credits in priority order, never past what is left on them', () => {
    for (const statement of statements) {
      const drawn = new Map<string, number>();
      for (const a of statement.applications) drawn.set(a.segment.id, (drawn.get(a.segment.id) ?? 0) + a.amount);
      for (const a of statement.applications) {
        const entry = statement.pool.find((p) => p.segment.id === a.segment.id)!;
        assert.ok(drawn.get(a.segment.id)! <= entry.available);
        for (const earlier of statement.pool.filter((p) => burnOrder(p, entry) < 0)) {
          const applies = !earlier.commit.applicable_product_ids || earlier.commit.applicable_product_ids.includes(a.product_id);
          if (applies) assert.equal(earlier.available - (drawn.get(earlier.segment.id) ?? 0), 0, `${earlier.commit.name} had money left while ${entry.commit.name} paid`);
        }
      }
    }
    const acmeFirst = statements.find((s) => s.contract.customer_id === ACME_ID)!;
    assert.equal(acmeFirst.applications[0]!.commit.name, 'Reward credit', 'the $5 reward credit (priority 1) burns first');
  });

  it('keeps every ledger summing to its balance, with expirations and upcoming segments somewhere', () => {
    const commits = books.flatMap((b) => b.commits);
    for (const c of commits) assert.equal(c.ledger.reduce((sum, e) => sum + e.amount, 0), c.balance);
    assert.ok(commits.some((c) => c.ledger.some((e) => e.kind === 'EXPIRATION' && e.amount < 0)));
    assert.ok(commits.some((c) => c.commit.segments.some((s) => s.starting_at > NOW) && !c.ledger.some((e) => e.timestamp > NOW && e.kind === 'SEGMENT_START')));
    assert.ok(commits.some((c) => c.ledger.some((e) => e.pending && e.timestamp > NOW)), 'draft deductions are pending and dated at period end');
  });

  it('has fractional cents somewhere', () => {
    assert.ok(statements.some((s) => s.charges.some((l) => l.total % 1_000_000 !== 0)));
  });

  it('splits each statement into daily and hourly windows that add up to it exactly', () => {
    for (const statement of statements.filter((s) => s.status === 'FINALIZED').slice(0, 4)) {
      for (const size of [HOUR, 24 * HOUR]) {
        const windows = statementWindows(statement, clock, size);
        assert.equal(windows[0]!.start.getTime(), statement.period.start.getTime());
        assert.equal(windows.at(-1)!.end.getTime(), statement.period.end.getTime());
        const charged = windows.reduce((sum, w) => sum + w.charges.reduce((s, l) => s + l.total, 0), 0);
        const applied = windows.reduce((sum, w) => sum + w.applications.reduce((s, a) => s + a.amount, 0), 0);
        assert.equal(charged - applied, statement.total);
        assert.equal(applied, statement.applications.reduce((s, a) => s + a.amount, 0));
        assert.ok(windows.every((w) => w.applications.every((a) => a.amount > 0)), 'commits and credits only ever pay in a window, never take back');
      }
    }
  });
});
