import { html, nothing } from 'lit';
import type { InvoiceExplainLine, InvoiceLineItem } from '../../contract/index.ts';
import { type CreditTypeRef, formatDay, formatMoney, formatNumber } from '../shared/format.ts';
import { messages } from '../shared/i18n/messages.ts';

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

export function explanationTemplate(e: InvoiceExplainLine, creditType: CreditTypeRef, locale: string | undefined, timeZone = 'UTC') {
  const t = messages(locale);
  const money = (v: number) => formatMoney(v, creditType, locale);
  const number = (v: number) => formatNumber(v, locale, { maximumFractionDigits: 6 });
  const day = (iso: string) => formatDay(new Date(iso), { locale, timeZone });
  const conversion = e.product?.quantity_conversion;
  const rounding = e.product?.quantity_rounding;
  const price = e.computed?.price ?? e.unit_price;
  return html`<dl class="explain">
    <div>
      <dt>${t.charge}</dt>
      <dd>
        ${e.tier ? `${t.tier(e.tier.level, number(e.tier.starting_at))}: ` : ''}${number(e.quantity)} × ${price === null ? '—' : money(price)} =
        ${money(e.computed?.total ?? e.total)}
        ${e.computed ? (e.computed.matches ? html`<span class="ok">${t.matchesInvoice}</span>` : html`<span class="warn">${t.invoiceSays(money(e.total), money(e.computed.difference))}</span>`) : nothing}
      </dd>
    </div>
    ${e.rate
      ? html`<div>
          <dt>${t.rate}</dt>
          <dd>${t.rateSince(e.rate.source === 'override', e.rate.rate_type.toLowerCase(), day(e.rate.starting_at))}${e.rate.tiers
            ? `: ${t.tiers(e.rate.tiers.map((tier) => ({ size: tier.size === null ? null : number(tier.size), price: money(tier.price) })))}`
            : nothing}</dd>
        </div>`
      : nothing}
    ${e.rate?.commit_rate
      ? html`<div>
          <dt>${t.commitRate}</dt>
          <dd>${t.commitInstead(e.rate.commit_rate.price === null ? e.rate.commit_rate.rate_type.toLowerCase() : money(e.rate.commit_rate.price))}</dd>
        </div>`
      : nothing}
    ${conversion || rounding
      ? html`<div>
          <dt>${t.quantity}</dt>
          <dd>${t.metered(conversion ? { divide: conversion.operation.toLowerCase() === 'divide', factor: number(conversion.conversion_factor) } : null)}${rounding
            ? t.rounded(rounding.rounding_method.toUpperCase(), rounding.decimal_places)
            : ''}</dd>
        </div>`
      : nothing}
    ${e.usage
      ? html`<div>
          <dt>${t.meteredSoFar}</dt>
          <dd>${number(e.usage.metered_quantity)}
            ${e.usage.matches ? html`<span class="ok">${t.matches}</span>` : html`<span class="warn">${t.invoicedApart(number(e.usage.invoiced_quantity), number(e.usage.difference))}</span>`}</dd>
        </div>`
      : nothing}
    ${e.problems.map((p) => html`<div><dt>${t.note}</dt><dd>${p}</dd></div>`)}
  </dl>`;
}
