import { html, nothing } from 'lit';
import type { InvoiceExplainLine, InvoiceLineItem } from '../../contract/index.ts';
import { type CreditTypeRef, formatDay, formatMoney, formatNumber, formatQuantity } from '../shared/format.ts';
import { moneyTemplate, rateTemplate } from '../shared/money.ts';
import { messages } from '../shared/i18n/messages.ts';
import { invoiceList } from '../shared/i18n/en.ts';

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
  const t = messages(locale, invoiceList);
  const money = (v: number) => moneyTemplate(v, creditType, locale);
  // Rates, and the figures of a discrepancy, with every decimal they have.
  const exact = (v: number) => formatMoney(v, creditType, locale, { exact: true });
  const number = (v: number) => formatNumber(v, locale, { maximumFractionDigits: 6 });
  const day = (iso: string) => formatDay(new Date(iso), { locale, timeZone });
  const conversion = e.product?.quantity_conversion;
  const rounding = e.product?.quantity_rounding;
  const price = e.computed?.price ?? e.unit_price;
  const tier = e.tier;
  // Where each of the rate's tiers starts, for "first 1,000, next 4,000, then …".
  let from = 0;
  const tiers = e.rate?.tiers?.map((r) => {
    const shown = { size: r.size === null ? null : number(r.size), from: number(from), price: exact(r.price) };
    from += r.size ?? 0;
    return shown;
  });
  // quantity × price = total, each as shown: the quantity and the price with every decimal, the total by the money rule.
  const charge =
    price !== null
      ? html`${formatQuantity(e.quantity, locale)} × ${rateTemplate(price, creditType, locale)}`
      : html`${formatQuantity(e.quantity, locale)} ${e.rate?.rate_type === 'TIERED' ? t.atTieredRate : '× —'}`;
  return html`<dl class="explain">
    <div>
      <dt>${t.charge}</dt>
      <dd>
        ${tier ? t.tierCharge(tier.level === 1, tier.size === null ? null : number(tier.size), number(tier.starting_at)) : ''}${charge} = ${money(e.computed?.total ?? e.total)}
        ${e.computed
          ? e.computed.matches
            ? html`<span class="ok">${t.matchesInvoice}</span>`
            : html`<span class="warn" data-exact>${t.invoiceSays(exact(e.total), exact(e.computed.difference))}</span>`
          : nothing}
      </dd>
    </div>
    ${e.rate
      ? html`<div>
          <dt>${t.rate}</dt>
          <dd data-unit-price>${t.rateSince(e.rate.source === 'override', e.rate.rate_type.toLowerCase(), day(e.rate.starting_at))}${tiers ? `: ${t.tiers(tiers)}` : nothing}</dd>
        </div>`
      : nothing}
    ${e.rate?.commit_rate
      ? html`<div>
          <dt>${t.commitRate}</dt>
          <dd data-unit-price>${t.commitInstead(e.rate.commit_rate.price === null ? e.rate.commit_rate.rate_type.toLowerCase() : exact(e.rate.commit_rate.price))}</dd>
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
