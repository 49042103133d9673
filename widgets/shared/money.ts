import { html } from 'lit';
import { type CreditTypeRef, moneyDisplay } from '../../contract/money.ts';
import { formatMoney } from './format.ts';
import { messages } from './i18n/messages.ts';

/** Amounts in templates, by the money rule (contract/money.ts), with the exact value on demand. */

/** "Exactly $28.375" when the rule rounds the amount, for a title; undefined when it is shown as it is. */
export const exactTitle = (amount: number, creditType: CreditTypeRef, locale: string | undefined) =>
  moneyDisplay(amount, creditType).rounded ? messages(locale).exactly(formatMoney(amount, creditType, locale, { exact: true })) : undefined;

/** An amount as the rule shows it; when the rule rounded it, a title gives the exact amount. */
export function moneyTemplate(amount: number, creditType: CreditTypeRef, locale: string | undefined) {
  const shown = formatMoney(amount, creditType, locale);
  const exact = exactTitle(amount, creditType, locale);
  return exact ? html`<span title=${exact}>${shown}</span>` : shown;
}

/**
 * A rate (a unit price) with every decimal it has ($0.0005), so that quantity × rate visibly gives the
 * line's total; marked `data-unit-price`, which tells it from amounts (a test checks every amount outside
 * such marks against the currency's minor unit).
 */
export const rateTemplate = (amount: number, creditType: CreditTypeRef, locale: string | undefined) =>
  html`<span data-unit-price>${formatMoney(amount, creditType, locale, { exact: true })}</span>`;
