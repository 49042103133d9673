import { html, isServer, LitElement, nothing, svg } from 'lit';
import { TaskStatus } from '@lit/task';
import { SessionTask } from '../shared/session-task.ts';
import { getJson } from '../shared/api.ts';
import type { Freshness, UsageSummaryMetric, UsageSummaryResponse } from '../../contract/index.ts';
import { MwMetricSelectEvent, reportErrors } from '../shared/events.ts';
import { type FormatOptions, formatNumber, formatPeriod, widgetFormat } from '../shared/format.ts';
import { moneyTemplate } from '../shared/money.ts';
import { LocaleController } from '../shared/i18n/locale-controller.ts';
import { messages } from '../shared/i18n/messages.ts';
import { type CommonMessages, usageSummary } from '../shared/i18n/en.ts';
import type { TokenProvider } from '../shared/session.ts';
import { ConnectionController } from '../shared/connection.ts';
import { type ThemeName, ThemeController } from '../shared/theme/theme-controller.ts';
import { emptyTemplate, errorTemplate, errorText, loadingTemplate, stateStyles } from '../shared/states.ts';
import { replaceServerRender, serverPlaceholder } from '../shared/server-render.ts';
import { staleStyles, staleTemplate } from '../shared/freshness.ts';
import styles, { theme } from './usage-summary.styles.ts';
import { changeOf, sparkline } from './usage-summary.layout.ts';
import { defineElement } from '../shared/define.ts';

const SUMMARY_SKELETON = ['headline', 'table'] as const;

/**
 * Every billable metric of the signed-in customer's period (the current billing period unless
 * `starting-on` and `ending-before` are set), largest spend first: its usage so far with a daily
 * sparkline, the change against as long into the previous period as this one has run (in words, with
 * its sign), and the spend its products caused. Each metric is a button: choosing one fires
 * `mw-metric-select`, which a page uses to point a `<usage-chart>` at it.
 *
 * Themed by the page's `--metronome-*` tokens over the light or dark defaults below (README, Theming);
 * matches `:state(dark)` / `:state(light)` while a palette is in force.
 *
 * @tagname usage-summary
 * @summary Every metric's usage, trend and spend this period, biggest cost first.
 *
 * @fires {MwMetricSelectEvent} mw-metric-select - The viewer chose a metric (click, Enter or Space); `event.billableMetricId`.
 * @fires {MwErrorEvent} mw-error - Loading failed; the widget shows plain words with Retry, and `event.message`, `event.status` and `event.code` carry the technical detail (`event.error`, the error).
 * @fires {MwLoadEvent} mw-load - After the render that shows freshly loaded data; once per load, reloads included.
 *
 * @slot empty - Replaces the "No billable metrics in this period" message.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart stale - The note shown when the figures are older ones the proxy kept because Metronome is not answering.
 * @csspart headline - The period and what the change is measured against.
 * @csspart metric - One metric's button; `aria-pressed="true"` on the chosen one.
 * @csspart sparkline - A metric's daily usage over the period (its figures are its accessible name).
 * @csspart change - A metric's change against the previous period, in words.
 * @csspart loading - The skeleton shown while loading.
 * @csspart empty - Shown when the customer has no billable metrics.
 * @csspart error - Shown when loading failed.
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-gray-dark=#111827] - Text; the page's own by default, unless a theme is forced. Dark: #f3f4f6.
 * @cssproperty [--metronome-gray-medium=#4b5563] - The period, units, notes and state messages. Dark: #9ca3af.
 * @cssproperty [--metronome-gray-light=#d1d5db] - Rules between metrics. Dark: #4b5563.
 * @cssproperty [--metronome-gray-extralight=#e5e7eb] - The loading skeleton. Dark: #374151.
 * @cssproperty [--metronome-white=#ffffff] - Background, painted when set or when a theme is in force. Dark: #111827.
 * @cssproperty [--metronome-primary-medium=#2563eb] - Focus ring and the chosen metric's edge. Dark: #60a5fa.
 * @cssproperty [--metronome-primary-light=#eff6ff] - The chosen metric's background. Dark: #172554.
 * @cssproperty [--metronome-usage-line-0=#2563eb] - The sparklines. Dark: #60a5fa.
 * @cssproperty [--metronome-action=#1d4ed8] - The Retry button. Dark: #93c5fd.
 * @cssproperty [--metronome-action-hover=#1e40af] - The Retry button under the pointer. Dark: #bfdbfe.
 * @cssproperty [--metronome-font-family] - Font; the page's by default.
 * @cssproperty [--metronome-radius=6px] - Corner radius of the metrics' buttons.
 * @cssproperty [--metronome-spacing=0.5rem] - Spacing unit: gaps and padding are multiples of it.
 * @cssproperty [--metronome-state-min-height=12rem] - Height of the loading, empty and error states.
 */
export class UsageSummary extends LitElement {
  static override styles = [theme, stateStyles, staleStyles, styles];
  // Declared fields, defaults set in the constructor, as in balance-ledger.ts (decorators cost bytes).
  static override properties = {
    theme: { reflect: true },
    endpoint: {},
    tokenProvider: { attribute: false },
    tokenUrl: { attribute: 'token-url' },
    tokenCredentials: { attribute: 'token-credentials' },
    locale: {},
    timeZone: { attribute: 'time-zone' },
    startingOn: { attribute: 'starting-on' },
    endingBefore: { attribute: 'ending-before' },
    billableMetricId: { attribute: 'billable-metric-id' },
  };

  protected readonly themeController = new ThemeController(this);
  #connection = new ConnectionController(this);
  protected readonly localeController = new LocaleController(this);

  #summary = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider, this.startingOn, this.endingBefore] as const,
    task: ([endpoint, tokenProvider, from, to], { signal }) => {
      const range: Record<string, string> = from && to ? { starting_on: from, ending_before: to } : {};
      return tokenProvider ? reportErrors(this, getJson<UsageSummaryResponse & Freshness>({ endpoint, tokenProvider }, '/api/usage/summary', range, { signal }), signal) : null;
    },
  });

  /** `dark` or `light` forces that palette; otherwise an ancestor's `dark`/`light` class or the system's setting decides. */
  declare theme: ThemeName | undefined;
  /** Base URL of the proxy; empty for the page's `configure()`, else the page's own origin. */
  declare endpoint: string;
  /** Returns a session token from the host's backend (`() => string | Promise<string>`); called again before a JWT's `exp` and when the proxy answers 401. Wins over `token-url`. */
  declare tokenProvider: TokenProvider | undefined;
  /** URL answering a session token (`text/plain`, or JSON `{"token": "…"}`) to a GET with credentials; empty for the page's `configure()`. */
  declare tokenUrl: string;
  /** Credentials sent to `token-url`: `same-origin` (the default) or `include` for a token URL on another origin. */
  declare tokenCredentials: RequestCredentials | '';
  /** BCP 47 locale for words, numbers, dates and money; the page's `configure({ locale })`, `lang` or the browser's when empty. */
  declare locale: string;
  /** IANA time zone for moments; the page's `configure({ timeZone })` or UTC when empty. Metronome's days keep their dates. */
  declare timeZone: string;
  /** Start of the period, ISO 8601 (`2026-10-01` is UTC midnight); with `ending-before`. Empty: the current billing period. */
  declare startingOn: string;
  /** End of the period, ISO 8601, excluded; with `starting-on`. */
  declare endingBefore: string;
  /** The chosen metric, shown pressed; set by choosing one, or by the page (to match its `<usage-chart>`). */
  declare billableMetricId: string;

  constructor() {
    super();
    this.endpoint = '';
    this.tokenUrl = '';
    this.tokenCredentials = '';
    this.locale = '';
    this.timeZone = '';
    this.startingOn = '';
    this.endingBefore = '';
    this.billableMetricId = '';
  }

  /** A server-rendered placeholder is replaced, not hydrated (see shared/server-render.ts). */
  override createRenderRoot() {
    return replaceServerRender(this) ?? super.createRenderRoot();
  }

  override render() {
    SERVER: if (isServer) return serverPlaceholder('Loading usage…', SUMMARY_SKELETON);
    const pending = this.#summary.status === TaskStatus.PENDING;
    return html`<div part="base" aria-busy=${pending ? 'true' : 'false'}>${staleTemplate([this.#summary.value], this.#format)}${this.#body(pending)}</div>`;
  }

  #body(pending: boolean) {
    const format = this.#format;
    const t = messages(format.locale, usageSummary);
    if (this.#summary.status === TaskStatus.ERROR) return errorTemplate(t, errorText(this.#summary.error, t), () => this.#summary.run());
    if (!this.#connection.tokenProvider) return emptyTemplate(t.noSession);
    const data = this.#summary.value;
    if (!data) return pending ? loadingTemplate(t.loadingSummary, SUMMARY_SKELETON) : nothing;
    if (data.metrics.length === 0) return emptyTemplate(t.summaryEmpty);
    const period = formatPeriod(data.starting_on, data.ending_before, format);
    const shown = data.through ? t.soFar(period) : period;
    const compared = data.compared_with;
    return html`<p part="headline">
        <strong>${shown}</strong>
        <span class="note">${compared ? t.comparedWith(formatPeriod(compared.starting_on, compared.ending_before, format)) : ''}</span>
      </p>
      <ul>
        ${data.metrics.map((metric) => html`<li>${this.#metric(metric, data, shown, t, format.locale)}</li>`)}
      </ul>`;
  }

  /** `period` as the headline shows it, for the sparkline's name. */
  #metric(metric: UsageSummaryMetric, data: UsageSummaryResponse, period: string, t: CommonMessages & typeof usageSummary, locale: string | undefined) {
    const id = metric.billable_metric.id;
    const number = (v: number) => formatNumber(v, locale);
    const line = sparkline(metric.daily, data.starting_on, data.ending_before);
    const change = changeOf(metric.total, metric.previous_total);
    return html`<button type="button" part="metric" aria-pressed=${String(id === this.billableMetricId)} @click=${() => this.#select(id)}>
      <span class="name">${metric.billable_metric.name}</span>
      <span class="spend">${metric.spend.length ? metric.spend.map((s, i) => html`${i ? ' + ' : ''}${moneyTemplate(s.amount, s.credit_type, locale)}`) : html`<span class="note">${t.metricNoSpend}</span>`}</span>
      <span>${number(metric.total)}${metric.unit ? html` <span class="note">${metric.unit}</span>` : nothing}</span>
      <span part="change">${change ? t.change(change.kind, formatNumber(change.ratio, locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 })) : nothing}</span>
      <svg part="sparkline" role="img" aria-label=${t.dailyUsage(period, number(line.high), number(line.last))} viewBox="0 0 100 24" preserveAspectRatio="none">${svg`<polyline points=${line.points} />`}</svg>
    </button>`;
  }

  #select(id: string) {
    this.billableMetricId = id;
    this.dispatchEvent(new MwMetricSelectEvent(id));
  }

  get #format(): FormatOptions {
    return widgetFormat(this, this.locale, this.timeZone);
  }
}

defineElement('usage-summary', UsageSummary);

declare global {
  interface HTMLElementTagNameMap {
    'usage-summary': UsageSummary;
  }
}
