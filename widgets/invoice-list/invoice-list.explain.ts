import { html, nothing } from 'lit';
import type { InvoiceExplainLine, InvoiceLineItem } from '../../contract/index.ts';
import { type CreditTypeRef, formatDate, formatMoney, formatNumber } from '../shared/format.ts';

/** "Why this charge": how one usage line was rated, in words and numbers. */

const sameGroups = (a: InvoiceLineItem['presentation_group_values'], b: InvoiceLineItem['presentation_group_values']) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

/** The explanation of an invoice line: same product, groups, tier and period. */
export function explanationFor(line: InvoiceLineItem, productId: string | null, lines: InvoiceExplainLine[]): InvoiceExplainLine | undefined {
  return lines.find(
    (e) =>
      e.product_id === productId &&
      sameGroups(e.presentation_group_values, line.presentation_group_values) &&
      (e.tier?.level ?? null) === (line.tier?.level ?? null) &&
      (!line.period || (e.period.starting_on === line.period.starting_on && e.period.ending_before === line.period.ending_before)),
  );
}

const ROUNDING: Record<string, string> = { ROUND_UP: 'rounded up', ROUND_DOWN: 'rounded down', ROUND_HALF_UP: 'rounded' };

export function explanationTemplate(e: InvoiceExplainLine, creditType: CreditTypeRef, locale: string | undefined) {
  const money = (v: number) => formatMoney(v, creditType, locale);
  const number = (v: number) => formatNumber(v, locale, { maximumFractionDigits: 6 });
  const day = (iso: string) => formatDate(new Date(iso), { locale, timeZone: 'UTC' }, { month: 'short', day: 'numeric', year: 'numeric' });
  const conversion = e.product?.quantity_conversion;
  const rounding = e.product?.quantity_rounding;
  const price = e.computed?.price ?? e.unit_price;
  return html`<dl class="explain">
    <div>
      <dt>Charge</dt>
      <dd>
        ${e.tier ? `Tier ${e.tier.level} (from ${number(e.tier.starting_at)}): ` : ''}${number(e.quantity)} × ${price === null ? '—' : money(price)} =
        ${money(e.computed?.total ?? e.total)}
        ${e.computed ? (e.computed.matches ? html`<span class="ok">matches the invoice</span>` : html`<span class="warn">the invoice says ${money(e.total)} (${money(e.computed.difference)} apart)</span>`) : nothing}
      </dd>
    </div>
    ${e.rate
      ? html`<div>
          <dt>Rate</dt>
          <dd>${e.rate.source === 'override' ? 'Contract override' : 'List rate'} (${e.rate.rate_type.toLowerCase()}) since ${day(e.rate.starting_at)}${e.rate.tiers
            ? html`: ${e.rate.tiers.map((t, i) => `${i ? ', then ' : ''}${t.size === null ? 'the rest' : `up to ${number(t.size)}`} at ${money(t.price)}`)}`
            : nothing}</dd>
        </div>`
      : nothing}
    ${e.rate?.commit_rate
      ? html`<div>
          <dt>Commit rate</dt>
          <dd>${e.rate.commit_rate.price === null ? e.rate.commit_rate.rate_type.toLowerCase() : money(e.rate.commit_rate.price)}, charged instead where a prepaid commit pays</dd>
        </div>`
      : nothing}
    ${conversion || rounding
      ? html`<div>
          <dt>Quantity</dt>
          <dd>${conversion ? `metered units ${conversion.operation.toLowerCase() === 'divide' ? 'divided' : 'multiplied'} by ${number(conversion.conversion_factor)}` : 'metered units'}${rounding
            ? `, ${ROUNDING[rounding.rounding_method.toUpperCase()] ?? 'rounded'} to ${rounding.decimal_places} decimal places`
            : ''}</dd>
        </div>`
      : nothing}
    ${e.usage
      ? html`<div>
          <dt>Metered so far</dt>
          <dd>${number(e.usage.metered_quantity)}
            ${e.usage.matches ? html`<span class="ok">matches</span>` : html`<span class="warn">invoiced ${number(e.usage.invoiced_quantity)}, ${number(e.usage.difference)} apart</span>`}</dd>
        </div>`
      : nothing}
    ${e.problems.map((p) => html`<div><dt>Note</dt><dd>${p}</dd></div>`)}
  </dl>`;
}
