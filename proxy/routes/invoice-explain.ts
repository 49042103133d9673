import type { InvoiceExplainLine, InvoiceExplainResponse } from '../../contract/index.ts';
import { ProxyError } from '../errors.ts';
import { computeTotal, convertQuantity, effectiveRate, meteredRaw, pickRate, productStateAt } from '../explain.ts';
import { isZeroUsage, summarise, tierOf } from '../invoice-lines.ts';
import type { Invoice, InvoiceLine, Metronome, Product, RateScheduleEntry } from '../metronome.ts';
import { fromMicros, lineKind, toMicros } from '../spend-lines.ts';

/** A 404 from Metronome for a lookup the explanation can do without: the line says what is missing instead. */
async function orMissing<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ProxyError && err.status === 404) return null;
    throw err;
  }
}

const iso = (value: string) => new Date(value).toISOString();

/**
 * Every usage line of the invoice explained: its rate (one rate-schedule call per distinct period
 * start, selecting the invoice's products), its product's conversion and rounding (one call per
 * product), the recomputed total, and for a draft the metered usage it should come from.
 */
export async function explainInvoice(metronome: Metronome, customerId: string, invoice: Invoice, showZero: boolean, signal: AbortSignal): Promise<InvoiceExplainResponse> {
  const lines = (invoice.line_items ?? []).filter((l) => lineKind(l) === 'usage' && l.product_id && (showZero || !isZeroUsage(l)));
  const startOf = (l: InvoiceLine) => iso(l.starting_at ?? invoice.start_timestamp ?? '');
  const endOf = (l: InvoiceLine) => iso(l.ending_before ?? invoice.end_timestamp ?? '');

  const productIds = [...new Set(lines.map((l) => l.product_id!.toLowerCase()))];
  const starts = [...new Set(lines.map(startOf))];
  const contractId = invoice.contract_id ?? null;
  const [products, schedules] = await Promise.all([
    Promise.all(productIds.map(async (id) => [id, await orMissing(metronome.getProduct(id, signal))] as const)),
    Promise.all(
      starts.map(async (at) => {
        const ids = [...new Set(lines.filter((l) => startOf(l) === at).map((l) => l.product_id!.toLowerCase()))];
        return [at, contractId ? await orMissing(metronome.rateSchedule(customerId, contractId, at, ids, signal)) : null] as const;
      }),
    ),
  ]);
  const productById = new Map<string, Product | null>(products);
  const scheduleAt = new Map<string, RateScheduleEntry[] | null>(schedules);
  const isDraft = invoice.status?.toUpperCase() === 'DRAFT';

  const explained = await Promise.all(
    lines.map(async (line): Promise<InvoiceExplainLine> => {
      const problems: string[] = [];
      const start = startOf(line);
      const end = endOf(line);
      const tier = tierOf(line);
      const product = productById.get(line.product_id!.toLowerCase()) ?? null;
      const state = product ? productStateAt(product, Date.parse(start)) : null;
      if (!product) problems.push('Metronome has no such product.');

      let rate: InvoiceExplainLine['rate'] = null;
      const schedule = scheduleAt.get(start) ?? null;
      if (!contractId) problems.push('The invoice has no contract, so no rate schedule.');
      else if (!schedule) problems.push('Metronome has no rate schedule for the invoice\'s contract.');
      else {
        const entry = pickRate(schedule, line, Date.parse(start));
        if (entry) rate = effectiveRate(entry);
        else problems.push('The rate schedule has no usage rate for the product at the line\'s period start.');
      }
      let computed: InvoiceExplainLine['computed'] = null;
      if (rate) {
        const result = computeTotal(line, rate, tier);
        computed = result.computed;
        if (result.problem) problems.push(result.problem);
      }

      let usage: InvoiceExplainLine['usage'] = null;
      if (isDraft && state) {
        if (!state.billable_metric_id) problems.push('The product has no billable metric.');
        else {
          const keys = line.presentation_group_values ? (state.presentation_group_key ?? []) : [];
          const filters = Object.fromEntries(
            keys.filter((k) => line.presentation_group_values?.[k] != null).map((k) => [k, [line.presentation_group_values![k]!]]),
          );
          const rows = await metronome.usageGroups(
            {
              customer_id: customerId,
              billable_metric_id: state.billable_metric_id,
              window_size: 'none',
              starting_on: start,
              ending_before: end,
              ...(keys.length ? { group_key: keys } : {}),
              ...(Object.keys(filters).length ? { group_filters: filters } : {}),
            },
            signal,
          );
          const raw = meteredRaw(rows, keys, line.presentation_group_values ?? null);
          const metered = convertQuantity(raw, state);
          // A tiered product's usage is split across its tier lines: compare with their sum.
          const invoiced = tier
            ? lines.filter((l) => l.product_id!.toLowerCase() === line.product_id!.toLowerCase() && startOf(l) === start && tierOf(l)).reduce((sum, l) => sum + toMicros(l.quantity), 0)
            : toMicros(line.quantity);
          usage = { metered_raw: raw, metered_quantity: fromMicros(metered), invoiced_quantity: fromMicros(invoiced), matches: metered === invoiced, difference: fromMicros(invoiced - metered) };
        }
      }

      return {
        product_id: line.product_id ?? null,
        name: line.name,
        presentation_group_values: line.presentation_group_values ?? null,
        period: { starting_on: start, ending_before: end },
        quantity: fromMicros(toMicros(line.quantity)),
        unit_price: line.unit_price ?? null,
        tier,
        total: fromMicros(toMicros(line.total)),
        rate,
        product: state
          ? {
              billable_metric_id: state.billable_metric_id ?? null,
              quantity_conversion: state.quantity_conversion ?? null,
              quantity_rounding: state.quantity_rounding ?? null,
              presentation_group_key: state.presentation_group_key ?? null,
            }
          : null,
        computed,
        usage,
        problems,
      };
    }),
  );
  return { invoice: summarise(invoice), lines: explained };
}
