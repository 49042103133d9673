import { html, isServer, LitElement, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import { SessionTask } from '../shared/session-task.ts';
import { postJson } from '../shared/api.ts';
import { reportErrors } from '../shared/events.ts';
import { widgetFormat } from '../shared/format.ts';
import { LocaleController } from '../shared/i18n/locale-controller.ts';
import { messages } from '../shared/i18n/messages.ts';
import { metronomeDashboard } from '../shared/i18n/en.ts';
import type { GroupKeyOverrides } from '../shared/labels.ts';
import type { TokenProvider } from '../shared/session.ts';
import { ConnectionController } from '../shared/connection.ts';
import { type ThemeName, ThemeController } from '../shared/theme/theme-controller.ts';
import { errorTemplate, errorText, loadingTemplate, stateStyles } from '../shared/states.ts';
import { replaceServerRender, serverPlaceholder } from '../shared/server-render.ts';
import { colorOverrides } from './metronome-dashboard.palette.ts';
import styles, { theme } from './metronome-dashboard.styles.ts';
import { defineElement } from '../shared/define.ts';

const DASHBOARDS = new Set(['invoices', 'usage', 'commits_and_credits']);
/** Metronome's embeddable URLs are short-lived; ask for a new one a little before an hour is up. */
const URL_LIFETIME_MS = 50 * 60_000;

/**
 * One of Metronome's hosted dashboards for the signed-in customer, in an iframe, themed with the
 * same `--metronome-*` colour tokens the page gives the native widgets.
 *
 * The palette is sent as the dashboard's `color_overrides` each time a URL is requested (on mount, before
 * it expires, when the theme changes, and on `refresh()`): with no theme in force, only the slots the
 * page sets; under the dark palette or a forced light one, every slot, so the hosted page matches the
 * native widgets beside it. Any CSS colour works; colours with transparency are not sent (Metronome
 * takes `#rrggbb`). `--metronome-action` and `-action-hover` have no slot at Metronome.
 *
 * The element matches `:state(dark)` / `:state(light)` while a palette is in force (README, Theming).
 *
 * @tagname metronome-dashboard
 * @summary Metronome's hosted invoices, usage or commits-and-credits dashboard.
 *
 * @fires {MwErrorEvent} mw-error - The dashboard's URL could not be had; the widget shows plain words with Retry, and `event.message`, `event.status` and `event.code` carry the technical detail.
 * @fires {MwLoadEvent} mw-load - After the render that shows the dashboard with a new URL.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart frame - The iframe.
 * @csspart loading - Shown while the URL is fetched.
 * @csspart error - Shown when it could not be.
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-gray-dark=#111827] - Text; sent to the hosted dashboard as `Gray_dark`. Dark: #f3f4f6.
 * @cssproperty [--metronome-gray-medium=#4b5563] - State messages; sent as `Gray_medium`. Dark: #9ca3af.
 * @cssproperty [--metronome-gray-light=#d1d5db] - Sent to the hosted dashboard as `Gray_light`. Dark: #4b5563.
 * @cssproperty [--metronome-gray-extralight=#e5e7eb] - The loading skeleton; sent as `Gray_extralight`. Dark: #374151.
 * @cssproperty [--metronome-white=#ffffff] - Background; sent as `White`. Dark: #111827.
 * @cssproperty [--metronome-primary-medium=#2563eb] - Focus ring; sent as `Primary_medium`. Dark: #60a5fa.
 * @cssproperty [--metronome-primary-light=#eff6ff] - Sent to the hosted dashboard as `Primary_light`. Dark: #172554.
 * @cssproperty [--metronome-usage-line-0=#2563eb] - Sent to the hosted dashboard as `UsageLine_0`. Dark: #60a5fa.
 * @cssproperty [--metronome-usage-line-1=#ea580c] - Sent to the hosted dashboard as `UsageLine_1`. Dark: #fb923c.
 * @cssproperty [--metronome-usage-line-2=#059669] - Sent to the hosted dashboard as `UsageLine_2`. Dark: #34d399.
 * @cssproperty [--metronome-usage-line-3=#a855f7] - Sent to the hosted dashboard as `UsageLine_3`. Dark: #c084fc.
 * @cssproperty [--metronome-usage-line-4=#e11d48] - Sent to the hosted dashboard as `UsageLine_4`. Dark: #fb7185.
 * @cssproperty [--metronome-usage-line-5=#0891b2] - Sent to the hosted dashboard as `UsageLine_5`. Dark: #22d3ee.
 * @cssproperty [--metronome-usage-line-6=#a16207] - Sent to the hosted dashboard as `UsageLine_6`. Dark: #facc15.
 * @cssproperty [--metronome-usage-line-7=#64748b] - Sent to the hosted dashboard as `UsageLine_7`. Dark: #94a3b8.
 * @cssproperty [--metronome-usage-line-8=#db2777] - Sent to the hosted dashboard as `UsageLine_8`. Dark: #f472b6.
 * @cssproperty [--metronome-usage-line-9=#65a30d] - Sent to the hosted dashboard as `UsageLine_9`. Dark: #a3e635.
 * @cssproperty [--metronome-primary-green=#047857] - Sent to the hosted dashboard as `Primary_green`. Dark: #34d399.
 * @cssproperty [--metronome-primary-red=#b91c1c] - Sent to the hosted dashboard as `Primary_red`. Dark: #f87171.
 * @cssproperty [--metronome-progress-bar=#2563eb] - Sent to the hosted dashboard as `Progress_bar`. Dark: #60a5fa.
 * @cssproperty [--metronome-progress-bar-background=#e5e7eb] - Sent to the hosted dashboard as `Progress_bar_background`. Dark: #374151.
 * @cssproperty [--metronome-action=#1d4ed8] - The Retry button. Dark: #93c5fd.
 * @cssproperty [--metronome-action-hover=#1e40af] - The Retry button under the pointer. Dark: #bfdbfe.
 * @cssproperty [--metronome-dashboard-height=40rem] - Height of the iframe.
 * @cssproperty [--metronome-font-family] - Font; the page's by default.
 * @cssproperty [--metronome-radius=6px] - Corner radius of buttons, controls and popups.
 * @cssproperty [--metronome-spacing=0.5rem] - Spacing unit: gaps and cell padding are multiples of it.
 * @cssproperty [--metronome-state-min-height=12rem] - Height of the loading, empty and error states.
 */
export class MetronomeDashboard extends LitElement {
  static override styles = [theme, stateStyles, styles];
  // Declared fields below, defaults set in the constructor: a class field would hide the accessor lit defines,
  // and decorators cost kilobytes once esbuild lowers them (scripts/build.mjs).
  static override properties = {
    theme: { reflect: true },
    endpoint: {},
    tokenProvider: { attribute: false },
    tokenUrl: { attribute: 'token-url' },
    tokenCredentials: { attribute: 'token-credentials' },
    dashboard: {},
    showZeroUsageLineItems: { attribute: 'show-zero-usage-line-items', type: Boolean },
    hideVoidedInvoices: { attribute: 'hide-voided-invoices', type: Boolean },
    groupKeyOverrides: { attribute: 'group-key-overrides', type: Object },
    locale: {},
  };

  protected readonly themeController = new ThemeController(this);
  #connection = new ConnectionController(this);
  protected readonly localeController = new LocaleController(this);

  #renewal: ReturnType<typeof setTimeout> | undefined;

  #url = new SessionTask(this, this.#connection, {
    // The palette is part of the URL: a new palette in force needs a new one.
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider, this.dashboard, this.showZeroUsageLineItems, this.hideVoidedInvoices, JSON.stringify(this.groupKeyOverrides ?? null), this.themeController.theme.name, this.themeController.inForce] as const,
    task: async ([endpoint, tokenProvider, dashboard, showZero, hideVoided, overrides, , wholePalette], { signal }) => {
      if (!tokenProvider || !DASHBOARDS.has(dashboard)) return null;
      // Both options are the invoices dashboard's, sent only when asked for.
      const options = dashboard === 'invoices' ? [showZero && 'show_zero_usage_line_items', hideVoided && 'hide_voided_invoices'].filter((key) => key) : [];
      const body = {
        dashboard,
        ...(options.length ? { dashboard_options: options.map((key) => ({ key, value: 'true' })) } : {}),
        color_overrides: colorOverrides(getComputedStyle(this), wholePalette),
        ...(this.groupKeyOverrides ? { bm_group_key_overrides: toMetronomeOverrides(JSON.parse(overrides) as GroupKeyOverrides) } : {}),
      };
      const { url } = await reportErrors(this, postJson<{ url: string }>({ endpoint, tokenProvider }, '/api/dashboards/embeddable-url', body, { signal }), signal);
      clearTimeout(this.#renewal);
      this.#renewal = setTimeout(() => this.#url.run(), URL_LIFETIME_MS);
      return url;
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
  /** `invoices`, `usage` or `commits_and_credits`. */
  declare dashboard: string;
  /** Invoices dashboard: also list line items with zero usage. */
  declare showZeroUsageLineItems: boolean;
  /** Invoices dashboard: leave voided invoices out. */
  declare hideVoidedInvoices: boolean;
  /** Usage dashboard: display names for group keys and values, as for `<usage-chart>`. */
  declare groupKeyOverrides: GroupKeyOverrides | undefined;
  /** BCP 47 locale of the element's own words (the frame's title, loading and error messages); Metronome's page has its own. */
  declare locale: string;

  constructor() {
    super();
    this.endpoint = '';
    this.tokenUrl = '';
    this.tokenCredentials = '';
    this.dashboard = 'invoices';
    this.showZeroUsageLineItems = false;
    this.hideVoidedInvoices = false;
    this.locale = '';
  }

  /** Asks for a new URL, with the palette the page has now: custom properties cannot be observed. */
  refresh() {
    this.#url.run();
  }

  override connectedCallback() {
    super.connectedCallback();
    // A URL is short-lived and single-use at Metronome: every mount gets a fresh one.
    if (this.hasUpdated) this.refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#renewal);
  }

  /** A server-rendered placeholder is replaced, not hydrated (see shared/server-render.ts). */
  override createRenderRoot() {
    return replaceServerRender(this) ?? super.createRenderRoot();
  }

  override render() {
    // On a server there is no page to read the locale from: the placeholder is in the element's own locale or English.
    SERVER: if (isServer) return serverPlaceholder(`Loading the ${messages(this.locale || undefined, metronomeDashboard).dashboard(this.dashboard).toLowerCase()}…`, ['frame']);
    const t = messages(widgetFormat(this, this.locale, '').locale, metronomeDashboard);
    const title = t.dashboard(this.dashboard);
    const body =
      !DASHBOARDS.has(this.dashboard)
        ? html`<p part="error" role="alert">${t.dashboardUnset}</p>`
        : this.#url.status === TaskStatus.ERROR
          ? errorTemplate(t, errorText(this.#url.error, t), () => this.#url.run())
          : this.#url.value
            ? html`<iframe part="frame" title=${title} src=${this.#url.value} sandbox="allow-scripts allow-same-origin allow-popups allow-forms allow-downloads" referrerpolicy="no-referrer" loading="lazy"></iframe>`
            : this.#connection.tokenProvider
              ? loadingTemplate(t.loadingDashboard(title), ['frame'])
              : nothing;
    return html`<div part="base" aria-busy=${this.#url.status === TaskStatus.PENDING ? 'true' : 'false'}>${body}</div>`;
  }
}

function toMetronomeOverrides(overrides: GroupKeyOverrides) {
  return Object.entries(overrides).map(([group_key_name, o]) => ({
    group_key_name,
    ...(o.display_name ? { display_name: o.display_name } : {}),
    ...(o.value_display_names ? { value_display_names: o.value_display_names } : {}),
  }));
}

defineElement('metronome-dashboard', MetronomeDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'metronome-dashboard': MetronomeDashboard;
  }
}
