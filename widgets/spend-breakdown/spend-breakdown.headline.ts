import { html, nothing } from 'lit';
import type { SpendSummaryResponse } from '../../contract/index.ts';
import { formatMoney } from '../shared/format.ts';
import { moneyTemplate } from '../shared/money.ts';
import { messages } from '../shared/i18n/messages.ts';
import { spendBreakdown } from '../shared/i18n/en.ts';
import { comparedWithPrevious, daysLeftText } from './spend-breakdown.text.ts';

type Entry = SpendSummaryResponse['credit_types'][number];

/** The current billing period's figures, one credit type at a time, as a description list. */
export function headlineTemplate(summary: SpendSummaryResponse, entry: Entry | undefined, locale: string | undefined) {
  const t = messages(locale, spendBreakdown);
  if (!summary.period) return html`<p part="headline" class="headline-none">${t.noPeriod}</p>`;
  if (!entry) return html`<p part="headline" class="headline-none">${t.nothingBilled}</p>`;
  const money = (v: number) => formatMoney(v, entry.credit_type, locale);
  const amount = (v: number) => moneyTemplate(v, entry.credit_type, locale);
  const comparison = comparedWithPrevious(entry, locale);
  return html`<dl part="headline" class="headline">
    <div><dt>${t.spentSoFar}</dt><dd>${amount(entry.spend_to_date)}</dd>${comparison ? html`<dd class="note">${comparison}</dd>` : nothing}</div>
    <div><dt>${t.commitsAndCredits}</dt><dd>${amount(entry.credits_applied)}</dd></div>
    <div><dt>${t.netSoFar}</dt><dd>${amount(entry.net)}</dd></div>
    <div><dt>${t.daysLeft}</dt><dd>${daysLeftText(summary.days_left, locale)}</dd></div>
    ${entry.projection
      ? html`<div><dt>${t.projected}</dt><dd>${amount(entry.projection.spend)}</dd><dd class="note">${(entry.projection.covered ? t.projectedCovered : t.projectedDue)(entry.projection.method, money(entry.projection.net))}</dd></div>`
      : nothing}
  </dl>`;
}
