import * as v from 'valibot';
import { MAX_DAILY_DAYS } from '../../contract/index.ts';
import { DAY, utcDayStart } from '../time.ts';
import { date, rangeProblem } from './dates.ts';
import { id, optionalId } from './ids.ts';
import { flag, names, oneOf, queryOf, repeated, single } from './params.ts';
import { across } from './validator.ts';

/** Each route's query parameters, in the order their problems are reported. */

/** `group_filter=key:value1,value2`, repeatable: one entry per key. */
const groupFilter = v.pipe(
  repeated,
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const filters: Array<[key: string, values: string[]]> = [];
    for (const entry of dataset.value) {
      const colon = entry.indexOf(':');
      const key = entry.slice(0, colon).trim();
      const values = entry.slice(colon + 1).split(',').map((value) => value.trim());
      if (colon <= 0 || key === '' || values.some((value) => value === '')) {
        addIssue({ message: `"${entry}" is not key:value1,value2.` });
        return NEVER;
      }
      filters.push([key, values]);
    }
    return filters;
  }),
);

/** Every filtered key is one of the grouped keys, filtered once. */
function groupFilterProblem({ group_key: groupKey, group_filter: filters }: { group_key: string[] | null; group_filter: Array<[string, string[]]> }) {
  if (filters.length === 0) return null;
  if (!groupKey) return ['group_filter', 'needs group_key: only grouped keys can be filtered.'] as const;
  const seen = new Set<string>();
  for (const [key] of filters) {
    if (!groupKey.includes(key)) return ['group_filter', `"${key}" is not one of the grouped keys (${groupKey.join(', ')}).`] as const;
    if (seen.has(key)) return ['group_filter', `"${key}" is filtered twice; list all its values in one group_filter.`] as const;
    seen.add(key);
  }
  return null;
}

const usageFields = queryOf({
  billable_metric_id: id,
  window_size: oneOf(['hour', 'day', 'none'], 'day'),
  group_key: names,
  group_filter: groupFilter,
  compare: oneOf(['previous', 'none'], 'none'),
  current_period: flag,
  starting_on: date,
  ending_before: date,
});
type UsageFields = v.InferOutput<typeof usageFields>;

/** `GET /api/usage`. */
export const usageQuery = v.pipe(
  usageFields,
  across<UsageFields>(groupFilterProblem),
  across<UsageFields>((q) => (q.current_period && (q.starting_on || q.ending_before) ? ['current_period', 'cannot be combined with starting_on or ending_before.'] : null)),
  across<UsageFields>((q) => (q.current_period ? null : rangeProblem(q))),
  v.transform((q) => ({
    ...q,
    compare: q.compare === 'previous',
    // Keys are only ever the grouped keys here, and fromEntries makes own properties whatever their names.
    group_filter: q.group_filter.length ? Object.fromEntries(q.group_filter) : null,
    range: q.starting_on && q.ending_before ? { start: q.starting_on, end: q.ending_before } : null,
  })),
);

/** A presentation group key is one name; commas would read as a compound key, which invoices do not have. */
const KEY = /^[^,\s][^,]*$/;

const spendFields = queryOf({
  starting_on: date,
  ending_before: date,
  window_size: oneOf(['day', 'hour'], 'day'),
  group_by: v.pipe(
    single,
    v.transform((value: string) => value || 'product'),
    v.regex(KEY, (issue) => `"${issue.input}" is not product or a single presentation group key.`),
  ),
});

/** `GET /api/spend`. */
export const spendQuery = v.pipe(
  spendFields,
  across<v.InferOutput<typeof spendFields>>(rangeProblem),
  v.transform((q) => ({ ...q, range: { start: q.starting_on!, end: q.ending_before! } })),
);

export const DEFAULT_SINCE_DAYS = 90;

const daysBefore = (now: Date, days: number) => new Date(utcDayStart(now.getTime()) - days * DAY);

const invoicesFields = queryOf({
  status: oneOf(['any', 'draft', 'finalized', 'void'], 'any'),
  type: oneOf(['any', 'usage', 'scheduled', 'trueup'], 'any'),
  contract_id: optionalId,
  since: date,
});
type InvoicesFields = v.InferOutput<typeof invoicesFields>;

/** `GET /api/invoices`: `since` is neither in the future nor more than MAX_DAILY_DAYS before today. */
export const invoicesQuery = (now: () => Date) =>
  v.pipe(
    invoicesFields,
    across<InvoicesFields>((q) => (q.since && q.since.getTime() > now().getTime() ? ['since', 'is in the future.'] : null)),
    across<InvoicesFields>((q) =>
      q.since && q.since.getTime() < daysBefore(now(), MAX_DAILY_DAYS).getTime()
        ? ['since', `is more than ${MAX_DAILY_DAYS} days ago; invoices are listed at most ${MAX_DAILY_DAYS} days back.`]
        : null,
    ),
    v.transform((q) => ({ ...q, since: q.since ?? daysBefore(now(), DEFAULT_SINCE_DAYS) })),
  );

/** `GET /api/invoices/:id` and `/:id/explain`. */
export const invoiceQuery = queryOf({ show_zero_usage_line_items: flag });

/** The `:id` of every invoice route. */
export const invoiceParam = v.object({ id });

const usageSummaryFields = queryOf({
  current_period: flag,
  starting_on: date,
  ending_before: date,
});
type UsageSummaryFields = v.InferOutput<typeof usageSummaryFields> & { window_size: 'day' };

/** `GET /api/usage/summary`: a range of daily windows, or the current billing period when none is given. */
export const usageSummaryQuery = v.pipe(
  usageSummaryFields,
  v.transform((q): UsageSummaryFields => ({ ...q, window_size: 'day' })),
  across<UsageSummaryFields>((q) => (q.current_period && (q.starting_on || q.ending_before) ? ['current_period', 'cannot be combined with starting_on or ending_before.'] : null)),
  across<UsageSummaryFields>((q) => (q.current_period || (!q.starting_on && !q.ending_before) ? null : rangeProblem(q))),
  v.transform((q) => (q.starting_on && q.ending_before ? { start: q.starting_on, end: q.ending_before } : null)),
);
