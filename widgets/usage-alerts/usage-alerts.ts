import { html, isServer, LitElement, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import { SessionTask } from '../shared/session-task.ts';
import { getJson } from '../shared/api.ts';
import type { AlertsResponse, AlertSummary, Freshness } from '../../contract/index.ts';
import { reportErrors } from '../shared/events.ts';
import { type FormatOptions, formatMoney, formatNumber, widgetFormat } from '../shared/format.ts';
import { LocaleController } from '../shared/i18n/locale-controller.ts';
import { messages } from '../shared/i18n/messages.ts';
import { type CommonMessages, usageAlerts } from '../shared/i18n/en.ts';
import type { TokenProvider } from '../shared/session.ts';
import { ConnectionController } from '../shared/connection.ts';
import { type ThemeName, ThemeController } from '../shared/theme/theme-controller.ts';
import { emptyTemplate, errorTemplate, errorText, loadingTemplate, stateStyles } from '../shared/states.ts';
import { replaceServerRender, serverPlaceholder } from '../shared/server-render.ts';
import { staleStyles, staleTemplate } from '../shared/freshness.ts';
import styles, { theme } from './usage-alerts.styles.ts';
import { defineElement } from '../shared/define.ts';

type Words = CommonMessages & typeof usageAlerts;

const ALERTS_SKELETON = ['table'] as const;

/**
 * The customer's threshold notifications: each one's name, what it watches in plain words, its
 * threshold, whether it has been triggered (in words and a mark, never colour alone) and, where the
 * proxy reads the figure it watches, a gauge of that figure against the threshold. Triggered ones first.
 * A kind of notification the widget does not describe is still shown, in Metronome's words.
 *
 * Themed by the page's `--metronome-*` tokens over the light or dark defaults below (README, Theming);
 * matches `:state(dark)` / `:state(light)` while a palette is in force.
 *
 * @tagname usage-alerts
 * @summary Threshold notifications customers can act on before a bill surprises them.
 *
 * @fires {MwErrorEvent} mw-error - Loading failed; the widget shows plain words with Retry, and `event.message`, `event.status` and `event.code` carry the technical detail (`event.error`, the error).
 * @fires {MwLoadEvent} mw-load - After the render that shows freshly loaded data; once per load, reloads included.
 *
 * @slot empty - Replaces the "No threshold notifications are set up" message.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart stale - The note shown when the figures are older ones the proxy kept because Metronome is not answering.
 * @csspart list - The list of notifications.
 * @csspart alert - One notification.
 * @csspart status - A notification's status in words: triggered, OK or being checked.
 * @csspart gauge - The figure watched against the threshold (a meter; its figures are its accessible value).
 * @csspart loading - The skeleton shown while loading.
 * @csspart empty - Shown when no notifications are set up.
 * @csspart error - Shown when loading failed.
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-gray-dark=#111827] - Text; the page's own by default, unless a theme is forced. Dark: #f3f4f6.
 * @cssproperty [--metronome-gray-medium=#4b5563] - What a notification watches, its figures, state messages, and the "being checked" status. Dark: #9ca3af.
 * @cssproperty [--metronome-gray-light=#d1d5db] - Rules between notifications. Dark: #4b5563.
 * @cssproperty [--metronome-gray-extralight=#e5e7eb] - The loading skeleton. Dark: #374151.
 * @cssproperty [--metronome-white=#ffffff] - Background, painted when set or when a theme is in force. Dark: #111827.
 * @cssproperty [--metronome-primary-medium=#2563eb] - Focus ring. Dark: #60a5fa.
 * @cssproperty [--metronome-primary-green=#047857] - The OK status. Dark: #34d399.
 * @cssproperty [--metronome-primary-red=#b91c1c] - The triggered status and a triggered notification's gauge. Dark: #f87171.
 * @cssproperty [--metronome-progress-bar=#2563eb] - A gauge's figure. Dark: #60a5fa.
 * @cssproperty [--metronome-progress-bar-background=#e5e7eb] - Track behind the gauges. Dark: #374151.
 * @cssproperty [--metronome-action=#1d4ed8] - The Retry button. Dark: #93c5fd.
 * @cssproperty [--metronome-action-hover=#1e40af] - The Retry button under the pointer. Dark: #bfdbfe.
 * @cssproperty [--metronome-font-family] - Font; the page's by default.
 * @cssproperty [--metronome-radius=6px] - Corner radius of buttons.
 * @cssproperty [--metronome-spacing=0.5rem] - Spacing unit: gaps are multiples of it.
 * @cssproperty [--metronome-state-min-height=12rem] - Height of the loading, empty and error states.
 */
export class UsageAlerts extends LitElement {
  static override styles = [theme, stateStyles, staleStyles, styles];
  // Declared fields below, defaults set in the constructor (see balance-ledger.ts for why).
  static override properties = {
    theme: { reflect: true },
    endpoint: {},
    tokenProvider: { attribute: false },
    tokenUrl: { attribute: 'token-url' },
    tokenCredentials: { attribute: 'token-credentials' },
    locale: {},
  };

  protected readonly themeController = new ThemeController(this);
  #connection = new ConnectionController(this);
  protected readonly localeController = new LocaleController(this);

  #alerts = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider] as const,
    task: ([endpoint, tokenProvider], { signal }) =>
      tokenProvider ? reportErrors(this, getJson<AlertsResponse & Freshness>({ endpoint, tokenProvider }, '/api/alerts', {}, { signal }), signal) : null,
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
  /** BCP 47 locale for words, numbers and money; the page's `configure({ locale })`, `lang` or the browser's when empty. */
  declare locale: string;

  constructor() {
    super();
    this.endpoint = '';
    this.tokenUrl = '';
    this.tokenCredentials = '';
    this.locale = '';
  }

  /** A server-rendered placeholder is replaced, not hydrated (see shared/server-render.ts). */
  override createRenderRoot() {
    return replaceServerRender(this) ?? super.createRenderRoot();
  }

  override render() {
    SERVER: if (isServer) return serverPlaceholder('Loading notifications…', ALERTS_SKELETON);
    const pending = this.#alerts.status === TaskStatus.PENDING;
    return html`<div part="base" aria-busy=${pending ? 'true' : 'false'}>${staleTemplate([this.#alerts.value], this.#format)}${this.#body(pending)}</div>`;
  }

  #body(pending: boolean) {
    const locale = this.#format.locale;
    const t = messages(locale, usageAlerts);
    if (this.#alerts.status === TaskStatus.ERROR) {
      return errorTemplate(t, errorText(this.#alerts.error, t), () => this.#alerts.run());
    }
    if (!this.#connection.tokenProvider) return emptyTemplate(t.noSession);
    const data = this.#alerts.value;
    if (!data) return pending ? loadingTemplate(t.loadingAlerts, ALERTS_SKELETON) : nothing;
    if (data.alerts.length === 0) return emptyTemplate(t.noAlerts);
    // Triggered first: the proxy's order (AlertsResponse).
    return html`<ul part="list" aria-label=${t.alertsCaption}>${data.alerts.map((alert) => this.#alert(alert, t, locale))}</ul>`;
  }

  /**
   * A balance, share or days left alerts when it falls to its threshold, spend when it rises to it; a kind
   * the widget does not know is named by Metronome's type, as it is (no guess at words for it), and its
   * threshold stated without a direction.
   */
  #alert(alert: AlertSummary, t: Words, locale: string | undefined) {
    const { kind, credit_type: unit } = alert;
    const amount = (v: number) =>
      unit ? formatMoney(v, unit, locale)
      : kind.endsWith('_percentage') ? formatNumber(v / 100, locale, { style: 'percent' })
      : kind.endsWith('_days_left') ? t.daysLeftCount(v, formatNumber(v, locale))
      : formatNumber(v, locale);
    const known = Object.hasOwn(t.alertKinds, kind);
    const threshold = amount(alert.threshold);
    return html`<li part="alert">
      <span class="name">${alert.name}</span>
      <span part="status" class=${alert.status}>${t.alertStatus(alert.status)}</span>
      <span class="small">${known ? t.alertKinds[kind] : kind} · ${t.alertsAt(known ? (kind === 'spend' || kind === 'invoice_total' ? 'high' : 'low') : null, threshold)}</span>
      ${alert.current === null ? nothing : this.#gauge(alert, amount(alert.current), threshold, t)}
    </li>`;
  }

  /** The figure as a bar against a mark at the threshold, on a scale to the larger of the two. */
  #gauge(alert: AlertSummary, current: string, threshold: string, t: Words) {
    const value = Math.max(0, alert.current!);
    const max = Math.max(value, alert.threshold) || 1;
    const at = (v: number) => `${(100 * Math.max(0, v)) / max}%`;
    return html`<div part="gauge" class="gauge" role="meter" aria-label=${alert.name} aria-valuemax=${max} aria-valuenow=${value} aria-valuetext=${t.ofThreshold(current, threshold)}>
        <b .style=${`width:${at(value)}`}></b><i .style=${`left:${at(alert.threshold)}`}></i>
      </div>
      <span class="small">${t.now(current)}</span>`;
  }

  get #format(): FormatOptions {
    return widgetFormat(this, this.locale, '');
  }
}

defineElement('usage-alerts', UsageAlerts);

declare global {
  interface HTMLElementTagNameMap {
    'usage-alerts': UsageAlerts;
  }
}
