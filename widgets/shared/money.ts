import { html } from 'lit';
import { type CreditTypeRef, moneyDisplay } from '../../contract/money.ts';
import { formatMoney } from './format.ts';
import { messages } from './i18n/messages.ts';

/** Amounts in templates, by the money rule (contract/money.ts), with the exact value on demand. */

/** An amount as the rule shows it; when the rule rounded it, a title gives the exact amount ("Exactly $28.375"). */
export function moneyTemplate(amount: number, creditType: CreditTypeRef, locale: string | undefined) {
  const shown = formatMoney(amount, creditType, locale);
  if (!moneyDisplay(amount, creditType).rounded) return shown;
  return html`<span title=${messages(locale).exactly(formatMoney(amount, creditType, locale, { exact: true }))}>${shown}</span>`;
}

/**
 * A rate (a unit price) with every decimal it has ($0.0005), so that quantity × rate visibly gives the
 * line's total; marked `data-unit-price`, which tells it from amounts (a test checks every amount outside
 * such marks against the currency's minor unit).
 */
export const rateTemplate = (amount: number, creditType: CreditTypeRef, locale: string | undefined) =>
  html`<span data-unit-price>${formatMoney(amount, creditType, locale, { exact: true })}</span>`;
