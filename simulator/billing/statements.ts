// A contract's books, derived from usage and the contract: one usage statement per billing period
// and credit type (finalized when the period is over, a draft for the current one), commit and
// credit burn-down across them in order, and each segment's ledger. Cached per contract and hour.
import { findCustomer, type MetricDef } from '../catalog.ts';
import { type DataClock, HOUR_MS, hourValue } from '../data.ts';
import { derivedUuid } from './ids.ts';
import type { Micros } from './money.ts';
import { type Application, burnDown, type ChargeLine, type GroupValues, type PoolEntry, rateUsage } from './rating.ts';
import { type CommitDef, type ContractDef, type CreditTypeDef, findProduct, type ProductDef, type RateDef, type SegmentDef } from './world.ts';

export interface Period {
  readonly start: Date;
  readonly end: Date;
}

const addMonths = (date: Date, months: number) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));

/** Monthly periods from the billing anchor that have started by `now`, within the contract. */
export function billingPeriods(contract: ContractDef, now: Date): Period[] {
  const periods: Period[] = [];
  for (let i = 0; ; i++) {
    const start = addMonths(contract.billing_anchor_date, i);
    if (start.getTime() > now.getTime() || start.getTime() >= contract.ending_before.getTime()) return periods;
    const end = addMonths(contract.billing_anchor_date, i + 1);
    periods.push({ start, end: end.getTime() < contract.ending_before.getTime() ? end : contract.ending_before });
  }
}

export function currentPeriod(contract: ContractDef, now: Date): Period | null {
  const last = billingPeriods(contract, now).at(-1);
  return last && last.end.getTime() > now.getTime() ? last : null;
}

/** A product's usage split into the groups its invoice lines show, with the event series in each. */
export interface PricedProduct {
  readonly product: ProductDef;
  readonly rate: RateDef;
  readonly metric: MetricDef;
  /** The metric's series this rate prices: all of them, or those with the rate's pricing group values. */
  readonly series: ReadonlyArray<number>;
  readonly groups: ReadonlyArray<{ readonly group: GroupValues | null; readonly series: ReadonlyArray<number> }>;
}

/**
 * Groups a metric's event series (all, or those in `indexes`) by the values of `keys` (null when an
 * event lacks the property or the metric the key).
 */
export function seriesByGroup(metric: MetricDef, keys: ReadonlyArray<string>, indexes?: ReadonlyArray<number>): Array<{ group: GroupValues; series: number[] }> {
  const groups = new Map<string, { group: GroupValues; series: number[] }>();
  for (const index of indexes ?? metric.series.map((_, i) => i)) {
    const group = Object.fromEntries(keys.map((key) => [key, metric.series[index]!.group[key] ?? null]));
    const id = JSON.stringify(group);
    if (!groups.has(id)) groups.set(id, { group, series: [] });
    groups.get(id)!.series.push(index);
  }
  return [...groups.values()];
}

/** Whether a series' events carry every one of a rate's pricing group values (any series, for a rate without them). */
const pricedBy = (rate: RateDef, group: GroupValues) =>
  Object.entries(rate.pricing_group_values ?? {}).every(([key, value]) => group[key] === value);

export function pricedProducts(contract: ContractDef, creditTypeId?: string): PricedProduct[] {
  const customer = findCustomer(contract.customer_id)!;
  return contract.rates
    .filter((rate) => creditTypeId === undefined || rate.credit_type.id === creditTypeId)
    .map((rate) => {
      const product = findProduct(rate.product_id)!;
      const metric = customer.metrics.find((m) => m.id === product.billable_metric_id)!;
      const keys = product.presentation_group_key ?? [];
      const series = metric.series.flatMap((def, i) => (pricedBy(rate, def.group) ? [i] : []));
      const groups = keys.length && rate.rate_type === 'FLAT' ? seriesByGroup(metric, keys, series) : [{ group: null, series }];
      return { product, rate, metric, series, groups };
    });
}

/** The contract's rate for a charge line: its product's, with the line's pricing group values when it has them. */
export const rateOf = (contract: ContractDef, charge: ChargeLine): RateDef | undefined =>
  contract.rates.find((r) => r.product_id === charge.product_id && JSON.stringify(r.pricing_group_values ?? null) === JSON.stringify(charge.pricing ?? null));

/** Hourly usage of each group over [start, end): prefix sums, so any sub-range costs O(1). */
export function cumulativeUsage(clock: DataClock, priced: PricedProduct, start: Date, end: Date): number[][] {
  const first = Math.floor(start.getTime() / HOUR_MS);
  const hours = Math.ceil((end.getTime() - start.getTime()) / HOUR_MS);
  return priced.groups.map(({ series }) => {
    const prefix = new Array<number>(hours + 1).fill(0);
    for (let h = 0; h < hours; h++) {
      let value = 0;
      for (const index of series) value += hourValue(clock, priced.metric, index, first + h);
      prefix[h + 1] = prefix[h]! + value;
    }
    return prefix;
  });
}

export interface Statement {
  readonly id: string;
  readonly contract: ContractDef;
  readonly credit_type: CreditTypeDef;
  readonly period: Period;
  readonly status: 'FINALIZED' | 'DRAFT';
  readonly charges: ReadonlyArray<ChargeLine>;
  /** Commit and credit segments available to this statement, before it drew on them. */
  readonly pool: ReadonlyArray<PoolEntry>;
  /** Prepaid commits and credits applied in each hour of the period, in usage order. */
  readonly hourly: ReadonlyArray<ReadonlyArray<Application>>;
  /** What prepaid commits and credits paid: the invoice's negative lines. */
  readonly applications: ReadonlyArray<Application>;
  /**
   * What the usage drew on postpaid commits. Postpaid usage is paid in arrears, so these lower the
   * commitment (the ledger's deductions) but not the invoice, which bills that usage in full.
   */
  readonly draws: ReadonlyArray<Application>;
  readonly total: Micros;
}

export type LedgerKind = 'SEGMENT_START' | 'INITIAL_BALANCE' | 'DEDUCTION' | 'EXPIRATION' | 'TRUEUP';

export interface LedgerEntry {
  readonly kind: LedgerKind;
  readonly timestamp: Date;
  readonly amount: Micros;
  readonly segment_id: string;
  readonly invoice_id?: string;
  /** A deduction from a draft invoice: stamped at the end of its period, which may lie ahead. */
  readonly pending?: boolean;
}

/**
 * A postpaid segment's shortfall (its amount less what usage drew on it), billed on a TRUEUP invoice
 * dated at the segment's end. A draft while the segment's last billing period runs: the shortfall so
 * far, which usage until the end lowers.
 */
export interface TrueUp {
  readonly segment: SegmentDef;
  readonly invoice_id: string;
  readonly status: 'DRAFT' | 'FINALIZED';
  /** Positive: what the customer owes. */
  readonly amount: Micros;
}

export interface CommitBooks {
  readonly commit: CommitDef;
  readonly contract: ContractDef;
  readonly ledger: ReadonlyArray<LedgerEntry>;
  readonly trueups: ReadonlyArray<TrueUp>;
  /** What can be used now: active segments only; upcoming and expired ones count 0. */
  readonly balance: Micros;
}

export interface ContractBooks {
  readonly contract: ContractDef;
  readonly statements: ReadonlyArray<Statement>;
  readonly commits: ReadonlyArray<CommitBooks>;
}

export const statementId = (contract: ContractDef, creditType: CreditTypeDef, period: Period) =>
  derivedUuid('usage-invoice', contract.id, creditType.id, period.start.toISOString());

/** A segment pays for a statement when the whole billing period lies inside its access window. */
const covers = (segment: SegmentDef, period: Period) =>
  segment.starting_at.getTime() <= period.start.getTime() && period.end.getTime() <= segment.ending_before.getTime();

const cache = new Map<string, ContractBooks>();

export function contractBooks(contract: ContractDef, clock: DataClock, now: Date): ContractBooks {
  const key = `${contract.id}:${clock.seed}:${clock.nowHour}`;
  let books = cache.get(key);
  if (!books) {
    if (cache.size > 64) cache.clear();
    books = computeBooks(contract, clock, now);
    cache.set(key, books);
  }
  return books;
}

function computeBooks(contract: ContractDef, clock: DataClock, now: Date): ContractBooks {
  const used = new Map<string, Micros>(); // segment id → drawn so far
  const statements: Statement[] = [];
  const creditTypes = [...new Map(contract.rates.map((r) => [r.credit_type.id, r.credit_type])).values()];
  for (const period of billingPeriods(contract, now)) {
    for (const creditType of creditTypes) {
      const priced = pricedProducts(contract, creditType.id);
      const prefixes = priced.map((p) => cumulativeUsage(clock, p, period.start, period.end));
      const charges = ratedAt(priced, prefixes, prefixes[0]?.[0]?.length ? prefixes[0][0].length - 1 : 0);
      const pool: PoolEntry[] = contract.commits
        .filter((commit) => commit.credit_type.id === creditType.id)
        .flatMap((commit) =>
          commit.segments
            .filter((segment) => covers(segment, period) && segment.starting_at.getTime() <= now.getTime())
            .map((segment) => ({ commit, segment, available: segment.amount * 1_000_000 - (used.get(segment.id) ?? 0) })),
        );
      const burned = burnHourly(priced, prefixes, pool);
      const hourly = burned.map((hour) => hour.filter(pays));
      const applications = mergeApplications(hourly.flat());
      const draws = mergeApplications(burned.flat().filter((a) => !pays(a)));
      for (const a of [...applications, ...draws]) used.set(a.segment.id, (used.get(a.segment.id) ?? 0) + a.amount);
      const gross = charges.reduce((sum, line) => sum + line.total, 0);
      statements.push({
        id: statementId(contract, creditType, period),
        contract,
        credit_type: creditType,
        period,
        status: period.end.getTime() <= now.getTime() ? 'FINALIZED' : 'DRAFT',
        charges,
        pool,
        hourly,
        applications,
        draws,
        total: gross - applications.reduce((sum, a) => sum + a.amount, 0),
      });
    }
  }
  return { contract, statements, commits: contract.commits.map((commit) => commitBooks(contract, commit, statements, now)) };
}

/** Prepaid commits and credits pay for usage; postpaid ones only count it toward the commitment. */
const pays = (application: Application) => application.commit.type !== 'POSTPAID';

const trueUpInvoiceId = (contract: ContractDef, segment: SegmentDef) => derivedUuid('trueup-invoice', contract.id, segment.id);

/** The charges of usage from the period's start up to `hours` hours in. */
export function ratedAt(priced: ReadonlyArray<PricedProduct>, prefixes: number[][][], hours: number): ChargeLine[] {
  return priced.flatMap((p, i) => rateUsage(p.product, p.rate, p.groups.map(({ group }, g) => ({ group, raw: prefixes[i]![g]![hours]! }))));
}

/**
 * Burns commits and credits hour by hour against each hour's new charges, as Metronome consumes them
 * in usage order. Every hour's applications are then non-negative, and any split of the period into
 * windows adds up to the statement exactly.
 */
function burnHourly(priced: ReadonlyArray<PricedProduct>, prefixes: number[][][], pool: ReadonlyArray<PoolEntry>): Application[][] {
  const hours = prefixes[0]?.[0] ? prefixes[0][0].length - 1 : 0;
  if (pool.length === 0) return Array.from({ length: hours }, () => []);
  const left = new Map(pool.map((e) => [e.segment.id, e.available]));
  const out: Application[][] = [];
  let before = chargesByProduct(ratedAt(priced, prefixes, 0));
  for (let h = 1; h <= hours; h++) {
    if ([...left.values()].every((v) => v <= 0)) {
      out.push([]);
      continue;
    }
    const current = chargesByProduct(ratedAt(priced, prefixes, h));
    const increments = new Map([...current].map(([product, total]) => [product, total - (before.get(product) ?? 0)]));
    const applied = burnDown(increments, pool.map((e) => ({ ...e, available: left.get(e.segment.id)! })));
    for (const a of applied) left.set(a.segment.id, left.get(a.segment.id)! - a.amount);
    out.push(applied);
    before = current;
  }
  return out;
}

/** One application per segment and product, amounts added. */
export function mergeApplications(applications: ReadonlyArray<Application>): Application[] {
  const merged = new Map<string, Application>();
  for (const a of applications) {
    const key = `${a.segment.id}:${a.product_id}`;
    const previous = merged.get(key);
    merged.set(key, previous ? { ...previous, amount: previous.amount + a.amount } : a);
  }
  return [...merged.values()];
}

export function chargesByProduct(charges: ReadonlyArray<ChargeLine>): Map<string, Micros> {
  const totals = new Map<string, Micros>();
  for (const line of charges) totals.set(line.product_id, (totals.get(line.product_id) ?? 0) + line.total);
  return totals;
}

function commitBooks(contract: ContractDef, commit: CommitDef, statements: ReadonlyArray<Statement>, now: Date): CommitBooks {
  const ledger: LedgerEntry[] = [];
  const trueups: TrueUp[] = [];
  for (const segment of commit.segments) {
    if (segment.starting_at.getTime() > now.getTime()) continue;
    const granted = segment.amount * 1_000_000;
    ledger.push({ kind: commit.type === 'POSTPAID' ? 'INITIAL_BALANCE' : 'SEGMENT_START', timestamp: segment.starting_at, amount: granted, segment_id: segment.id });
    let drawn = 0;
    for (const statement of statements) {
      const amount = [...statement.applications, ...statement.draws].filter((a) => a.segment.id === segment.id).reduce((sum, a) => sum + a.amount, 0);
      if (amount === 0) continue;
      drawn += amount;
      ledger.push({
        kind: 'DEDUCTION',
        timestamp: statement.period.end,
        amount: -amount,
        segment_id: segment.id,
        invoice_id: statement.id,
        ...(statement.status === 'DRAFT' ? { pending: true } : {}),
      });
    }
    if (commit.type === 'POSTPAID') {
      // Trued up rather than expired, once the segment's last billing period has begun.
      const last = statements.find(
        (s) => s.credit_type.id === commit.credit_type.id && s.period.start < segment.ending_before && segment.ending_before <= s.period.end,
      );
      if (last && granted > drawn) {
        const trueup: TrueUp = { segment, invoice_id: trueUpInvoiceId(contract, segment), status: last.status, amount: granted - drawn };
        trueups.push(trueup);
        ledger.push({
          kind: 'TRUEUP',
          timestamp: segment.ending_before,
          amount: -trueup.amount,
          segment_id: segment.id,
          invoice_id: trueup.invoice_id,
          ...(last.status === 'DRAFT' ? { pending: true } : {}),
        });
      }
    } else if (segment.ending_before.getTime() <= now.getTime() && granted > drawn) {
      ledger.push({ kind: 'EXPIRATION', timestamp: segment.ending_before, amount: drawn - granted, segment_id: segment.id });
    }
  }
  ledger.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  return { commit, contract, ledger, trueups, balance: ledger.reduce((sum, entry) => sum + entry.amount, 0) };
}
