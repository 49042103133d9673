import { html, nothing } from 'lit';
import type { SpendSummaryResponse } from '../../contract/index.ts';
import { formatMoney } from '../shared/format.ts';
import { comparedWithPrevious, daysLeftText } from './spend-breakdown.text.ts';

type Entry = SpendSummaryResponse['credit_types'][number];

/** The current billing period's figures, one credit type at a time, as a description list. */
export function headlineTemplate(summary: SpendSummaryResponse, entry: Entry | undefined, locale: string | undefined) {
  if (!summary.period) return html`<p part="headline" class="headline-none">No current billing period: this account has no contract in force.</p>`;
  if (!entry) return html`<p part="headline" class="headline-none">Nothing billed yet this period.</p>`;
  const money = (v: number) => formatMoney(v, entry.credit_type, locale);
  const comparison = comparedWithPrevious(entry, locale);
  return html`<dl part="headline" class="headline">
    <div><dt>Spent so far</dt><dd>${money(entry.spend_to_date)}</dd>${comparison ? html`<dd class="note">${comparison}</dd>` : nothing}</div>
    <div><dt>Commits and credits</dt><dd>${money(entry.credits_applied)}</dd></div>
    <div><dt>Net so far</dt><dd>${money(entry.net)}</dd></div>
    <div><dt>Days left</dt><dd>${daysLeftText(summary.days_left, locale)}</dd></div>
    ${entry.projection
      ? html`<div><dt>Projected by period end</dt><dd>${money(entry.projection.spend)}</dd><dd class="note">${entry.projection.method}; ${money(entry.projection.net)} net</dd></div>`
      : nothing}
  </dl>`;
}
