import { css, html, nothing } from 'lit';
import type { Freshness } from '../../contract/index.ts';
import { type FormatOptions, formatDate, formatDateTime } from './format.ts';
import { messages } from './i18n/messages.ts';

/**
 * The note a widget shows when the proxy answered with older figures because Metronome failed
 * (`stale: true`). `answers` are the responses on screen; the oldest stale `as_of` is the one shown, as
 * a time in the widget's zone (with the date when it is not today there). Nothing when every answer is
 * fresh or carries no freshness (a proxy from before it did).
 */
export function staleTemplate(answers: ReadonlyArray<Partial<Freshness> | null | undefined>, format: FormatOptions) {
  const times = answers.map((a) => (a?.stale ? Date.parse(a.as_of ?? '') : NaN)).filter(Number.isFinite);
  if (!times.length) return nothing;
  const asOf = new Date(Math.min(...times));
  const day = (date: Date) => formatDate(date, format, { dateStyle: 'short' });
  const when = day(asOf) === day(new Date()) ? formatDate(asOf, format, { hour: 'numeric', minute: '2-digit' }) : formatDateTime(asOf, format);
  const title = formatDate(asOf, format, { dateStyle: 'full', timeStyle: 'long' });
  const [before, after] = messages(format.locale).stale;
  return html`<p part="stale" class="stale" role="status">${before}<time datetime=${asOf.toISOString()} title=${title}>${when}</time>${after}</p>`;
}

export const staleStyles = css`
  .stale {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_gray-medium);
  }
`;
