import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { postJson } from '../shared/api.ts';
import { reportErrors } from '../shared/events.ts';
import type { GroupKeyOverrides } from '../shared/labels.ts';
import type { TokenProvider } from '../shared/session.ts';
import { errorTemplate, loadingTemplate, stateStyles } from '../shared/states.ts';
import { colorOverrides } from './metronome-dashboard.palette.ts';
import styles from './metronome-dashboard.styles.ts';

const TITLES: Record<string, string> = { invoices: 'Invoices', usage: 'Usage', commits_and_credits: 'Commits and credits' };
/** Metronome's embeddable URLs are short-lived; ask for a new one a little before an hour is up. */
const URL_LIFETIME_MS = 50 * 60_000;

/**
 * One of Metronome's hosted dashboards for the signed-in customer, in an iframe, themed with the
 * same `--metronome-*` colour tokens the page gives the native widgets.
 *
 * @summary Metronome's hosted invoices, usage or commits-and-credits dashboard.
 *
 * The page's `--metronome-gray-dark`, `--metronome-primary-medium`, `--metronome-usage-line-0` … custom
 * properties (Metronome's colour slots, `#rrggbb` values) are read when the URL is requested and sent as
 * the dashboard's `color_overrides`.
 *
 * @fires mw-error - The dashboard's URL could not be had; `event.error.message` is what the widget shows.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart frame - The iframe.
 * @csspart loading - Shown while the URL is fetched.
 * @csspart error - Shown when it could not be.
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-dashboard-height=40rem] - Height of the iframe.
 * @cssproperty [--mw-skeleton-color=#e5e7eb] - The loading skeleton.
 * @cssproperty [--mw-state-min-height=12rem] - Height of the loading and error states.
 * @cssproperty [--mw-muted-color=#4b5563] - State messages.
 * @cssproperty [--mw-radius=6px] - Corner radius of the Retry button.
 * @cssproperty [--mw-focus-color=#2563eb] - Focus ring.
 */
@customElement('metronome-dashboard')
export class MetronomeDashboard extends LitElement {
  static override styles = [stateStyles, styles];

  #renewal: ReturnType<typeof setTimeout> | undefined;

  #url = new Task(this, {
    args: () => [this.endpoint, this.tokenProvider, this.dashboard, this.showZeroUsageLineItems, JSON.stringify(this.groupKeyOverrides ?? null)] as const,
    task: async ([endpoint, tokenProvider, dashboard, showZero, overrides], { signal }) => {
      if (!tokenProvider || !TITLES[dashboard]) return null;
      const body = {
        dashboard,
        ...(showZero && dashboard === 'invoices' ? { dashboard_options: [{ key: 'show_zero_usage_line_items', value: 'true' }] } : {}),
        color_overrides: colorOverrides(getComputedStyle(this)),
        ...(this.groupKeyOverrides ? { bm_group_key_overrides: toMetronomeOverrides(JSON.parse(overrides) as GroupKeyOverrides) } : {}),
      };
      const { url } = await reportErrors(this, postJson<{ url: string }>({ endpoint, tokenProvider }, '/api/dashboards/embeddable-url', body, { signal }), signal);
      clearTimeout(this.#renewal);
      this.#renewal = setTimeout(() => this.#url.run(), URL_LIFETIME_MS);
      return url;
    },
  });

  /** Base URL of the proxy; empty for the page's own origin. */
  @property() accessor endpoint = '';
  /** Returns a session token from the host's backend; called again when the proxy answers 401. */
  @property({ attribute: false }) accessor tokenProvider: TokenProvider | undefined = undefined;
  /** `invoices`, `usage` or `commits_and_credits`. */
  @property() accessor dashboard = 'invoices';
  /** Invoices dashboard: also list line items with zero usage. */
  @property({ attribute: 'show-zero-usage-line-items', type: Boolean }) accessor showZeroUsageLineItems = false;
  /** Usage dashboard: display names for group keys and values, as for `<usage-chart>`. */
  @property({ attribute: 'group-key-overrides', type: Object }) accessor groupKeyOverrides: GroupKeyOverrides | undefined = undefined;

  override connectedCallback() {
    super.connectedCallback();
    // A URL is short-lived and single-use at Metronome: every mount gets a fresh one.
    if (this.hasUpdated) this.#url.run();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#renewal);
  }

  override render() {
    const title = `${TITLES[this.dashboard] ?? 'Billing'} dashboard`;
    const body =
      !TITLES[this.dashboard]
        ? html`<p part="error" role="alert">Set dashboard to invoices, usage or commits_and_credits.</p>`
        : this.#url.status === TaskStatus.ERROR
          ? errorTemplate((this.#url.error as Error).message, () => this.#url.run())
          : this.#url.value
            ? html`<iframe part="frame" title=${title} src=${this.#url.value} sandbox="allow-scripts allow-same-origin allow-popups allow-forms allow-downloads" referrerpolicy="no-referrer" loading="lazy"></iframe>`
            : this.tokenProvider
              ? loadingTemplate(`Loading the ${title.toLowerCase()}…`)
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

declare global {
  interface HTMLElementTagNameMap {
    'metronome-dashboard': MetronomeDashboard;
  }
}
