import { html, isServer, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import { SessionTask } from '../shared/session-task.ts';
import { getJson } from '../shared/api.ts';
import type { BalanceAmounts, BalanceItem, BalancesResponse, Freshness } from '../../contract/index.ts';
import { reportErrors, requestInvoice } from '../shared/events.ts';
import { creditTypeLabel, type FormatOptions, formatDay, formatMoney, formatPeriod, widgetFormat } from '../shared/format.ts';
import { moneyTemplate } from '../shared/money.ts';
import { LocaleController } from '../shared/i18n/locale-controller.ts';
import { messages } from '../shared/i18n/messages.ts';
import type { TokenProvider } from '../shared/session.ts';
import { ConnectionController } from '../shared/connection.ts';
import { type ThemeName, ThemeController } from '../shared/theme/theme-controller.ts';
import { emptyTemplate, errorTemplate, errorText, loadingTemplate, stateStyles } from '../shared/states.ts';
import { replaceServerRender, serverPlaceholder } from '../shared/server-render.ts';
import { styleProperties } from '../shared/style-properties.ts';
import { staleStyles, staleTemplate } from '../shared/freshness.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { TableFit } from '../shared/table-fit.ts';
import styles, { theme } from './balance-ledger.styles.ts';
import { entryLabel, itemTypeLabel, runwayText } from './balance-ledger.text.ts';
import { defineElement } from '../shared/define.ts';

/** The totals over the table of balances. */
const LEDGER_SKELETON = ['headline', 'table'] as const;

/**
 * What is left on each prepaid commit and credit, in the order they are used, when they expire and
 * when they will run out; each row opens onto its ledger.
 *
 * Themed by the page's `--metronome-*` tokens over the light or dark defaults below (README, Theming);
 * matches `:state(dark)` / `:state(light)` while a palette is in force.
 *
 * @tagname balance-ledger
 * @summary Commitment tracking customers can plan with.
 *
 * @fires {MwErrorEvent} mw-error - Loading failed; the widget shows plain words with Retry, and `event.message`, `event.status` and `event.code` carry the technical detail (`event.error`, the error).
 * @fires {MwLoadEvent} mw-load - After the render that shows freshly loaded data; once per load, reloads included.
 * @fires {MwInvoiceRequestEvent} mw-invoice-request - The viewer asked to see a ledger deduction's invoice ("View invoice"); `event.invoiceId`. An `<invoice-list listen-invoice-requests>` opens it.
 * @fires {MwInvoiceSelectEvent} mw-invoice-select - The same, under its former name, right after `mw-invoice-request`; kept for pages written before it.
 *
 * @slot empty - Replaces the "No commits or credits" message.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart stale - The note shown when the figures are older ones the proxy kept because Metronome is not answering.
 * @csspart total - One credit type's totals: bar and figures.
 * @csspart table - The table of commits and credits.
 * @csspart row - One commit's or credit's row.
 * @csspart ledger - The ledger table under an expanded row.
 * @csspart invoice - A deduction's invoice button.
 * @csspart loading - The skeleton shown while loading.
 * @csspart empty - Shown when there are no commits or credits.
 * @csspart error - Shown when loading failed.
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-gray-dark=#111827] - Text; the page's own by default, unless a theme is forced. Dark: #f3f4f6.
 * @cssproperty [--metronome-gray-medium=#4b5563] - Labels, notes, state messages, and (half-toned) expired amounts. Dark: #9ca3af.
 * @cssproperty [--metronome-gray-light=#d1d5db] - Table rules. Dark: #4b5563.
 * @cssproperty [--metronome-gray-extralight=#e5e7eb] - The loading skeleton. Dark: #374151.
 * @cssproperty [--metronome-white=#ffffff] - Background, painted when set or when a theme is in force; also popups. Dark: #111827.
 * @cssproperty [--metronome-primary-medium=#2563eb] - Focus ring. Dark: #60a5fa.
 * @cssproperty [--metronome-primary-green=#047857] - Remaining amounts. Dark: #34d399.
 * @cssproperty [--metronome-progress-bar=#2563eb] - Used amounts. Dark: #60a5fa.
 * @cssproperty [--metronome-progress-bar-background=#e5e7eb] - Track behind the bars. Dark: #374151.
 * @cssproperty [--metronome-action=#1d4ed8] - Invoice links and the Retry button. Dark: #93c5fd.
 * @cssproperty [--metronome-action-hover=#1e40af] - Invoice links and the Retry button under the pointer. Dark: #bfdbfe.
 * @cssproperty [--metronome-font-family] - Font; the page's by default.
 * @cssproperty [--metronome-radius=6px] - Corner radius of buttons, controls and popups.
 * @cssproperty [--metronome-spacing=0.5rem] - Spacing unit: gaps and cell padding are multiples of it.
 * @cssproperty [--metronome-state-min-height=12rem] - Height of the loading, empty and error states.
 */
export class BalanceLedger extends LitElement {
  static override styles = [theme, stateStyles, staleStyles, tableStyles, styles];

  protected readonly themeController = new ThemeController(this);
  #connection = new ConnectionController(this);
  protected readonly localeController = new LocaleController(this);
  #fit = new TableFit(this);

  #balances = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider] as const,
    task: ([endpoint, tokenProvider], { signal }) =>
      tokenProvider ? reportErrors(this, getJson<BalancesResponse & Freshness>({ endpoint, tokenProvider }, '/api/balances', {}, { signal }), signal) : null,
  });

  @state() accessor #expanded: ReadonlySet<string> = new Set();

  /** `dark` or `light` forces that palette; otherwise an ancestor's `dark`/`light` class or the system's setting decides. */
  @property({ reflect: true }) accessor theme: ThemeName | undefined = undefined;
  /** Base URL of the proxy; empty for the page's `configure()`, else the page's own origin. */
  @property() accessor endpoint = '';
  /** Returns a session token from the host's backend (`() => string | Promise<string>`); called again before a JWT's `exp` and when the proxy answers 401. Wins over `token-url`. */
  @property({ attribute: false }) accessor tokenProvider: TokenProvider | undefined = undefined;
  /** URL answering a session token (`text/plain`, or JSON `{"token": "…"}`) to a GET with credentials; empty for the page's `configure()`. */
  @property({ attribute: 'token-url' }) accessor tokenUrl = '';
  /** Credentials sent to `token-url`: `same-origin` (the default) or `include` for a token URL on another origin. */
  @property({ attribute: 'token-credentials' }) accessor tokenCredentials: RequestCredentials | '' = '';
  /** BCP 47 locale for words, numbers, dates and money; the page's `configure({ locale })`, `lang` or the browser's when empty. */
  @property() accessor locale = '';
  /** IANA time zone for moments; the page's `configure({ timeZone })` or UTC when empty. Metronome's days keep their dates. */
  @property({ attribute: 'time-zone' }) accessor timeZone = '';

  /** A server-rendered placeholder is replaced, not hydrated (see shared/server-render.ts). */
  override createRenderRoot() {
    return replaceServerRender(this) ?? super.createRenderRoot();
  }

  override render() {
    if (isServer) return serverPlaceholder('Loading balances…', LEDGER_SKELETON);
    const pending = this.#balances.status === TaskStatus.PENDING;
    return html`<div part="base" aria-busy=${pending ? 'true' : 'false'}>${staleTemplate([this.#balances.value], this.#format)}${this.#body(pending)}</div>`;
  }

  #body(pending: boolean) {
    const t = messages(this.#format.locale);
    if (this.#balances.status === TaskStatus.ERROR) {
      return errorTemplate(t, errorText(this.#balances.error, t), () => this.#balances.run());
    }
    if (!this.#connection.tokenProvider) return emptyTemplate(t.noSession);
    const data = this.#balances.value;
    if (!data) return pending ? loadingTemplate(t.loadingBalances, LEDGER_SKELETON) : nothing;
    if (data.items.length === 0) return emptyTemplate(t.noBalances);
    return html`<div class="totals">${data.totals.map((total) => this.#total(total))}</div>
      <div class="table-scroll" data-fit="items">
        <table part="table" class=${this.#fit.stacked('items') ? 'cards' : ''}>
          <caption>${t.balancesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">${t.name}</th>
              <th scope="col" class="num">${t.granted}</th>
              <th scope="col" class="num">${t.used}</th>
              <th scope="col" class="num">${t.remaining}</th>
              <th scope="col" class="num">${t.expired}</th>
              <th scope="col" class="num">${t.upcoming}</th>
              <th scope="col"><span class="visually-hidden">${t.shareUsed}</span></th>
            </tr>
          </thead>
          ${data.items.map((item) => this.#item(item))}
        </table>
      </div>`;
  }

  #total(total: BalanceAmounts & { credit_type: BalanceItem['credit_type'] }) {
    const money = (v: number) => formatMoney(v, total.credit_type, this.#format.locale);
    const amount = (v: number) => moneyTemplate(v, total.credit_type, this.#format.locale);
    const t = messages(this.#format.locale);
    const whole = total.used + total.remaining + total.expired || 1;
    const width = (v: number) => styleProperties({ width: `${(100 * Math.max(0, v)) / whole}%` });
    return html`<section part="total" aria-label=${t.totalsIn(creditTypeLabel(total.credit_type))}>
      <h3>${creditTypeLabel(total.credit_type)}</h3>
      <div class="meter" role="img" aria-label=${t.meter(money(total.used), money(total.remaining), money(total.expired))}>
        <span class="used" ${width(total.used)}></span><span class="remaining" ${width(total.remaining)}></span><span class="expired" ${width(total.expired)}></span>
      </div>
      <dl>
        <div><span class="dot remaining" aria-hidden="true"></span><dt>${t.remaining}</dt><dd>${amount(total.remaining)}</dd></div>
        <div><span class="dot used" aria-hidden="true"></span><dt>${t.used}</dt><dd>${amount(total.used)}</dd></div>
        <div><span class="dot expired" aria-hidden="true"></span><dt>${t.expired}</dt><dd>${amount(total.expired)}</dd></div>
        <div><dt>${t.upcoming}</dt><dd>${amount(total.upcoming)}</dd></div>
      </dl>
    </section>`;
  }

  #item(item: BalanceItem) {
    const format = this.#format;
    const money = (v: number) => moneyTemplate(v, item.credit_type, format.locale);
    const t = messages(format.locale);
    const open = this.#expanded.has(item.id);
    const ledgerId = `ledger-${item.id}`;
    const share = item.granted > 0 ? item.used / item.granted : 0;
    return html`<tbody>
      <tr part="row">
        <th scope="row" class="name">
          <button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${ledgerId} @click=${() => this.#toggle(item.id)}>${item.name}</button>
          <span class="small">${itemTypeLabel(item.type, format.locale)}${item.priority === null ? '' : ` · ${t.priority(String(item.priority))}`}</span>
          ${item.segments.map((s) => html`<span class="small">${formatPeriod(s.starting_at, s.ending_before, format)}: ${money(s.amount)}, ${t.segmentStatus(s.status)}</span>`)}
          <span class="small">${runwayText(item, format)}</span>
        </th>
        <td class="num" data-label=${t.granted}>${money(item.granted)}</td>
        <td class="num" data-label=${t.used}>${money(item.used)}</td>
        <td class="num" data-label=${t.remaining}>${money(item.remaining)}</td>
        <td class="num" data-label=${t.expired}>${money(item.expired)}</td>
        <td class="num" data-label=${t.upcoming}>${money(item.upcoming)}</td>
        <td class="share">
          <div class="progress" aria-hidden="true"><span class="used" ${styleProperties({ width: `${Math.min(100, 100 * share)}%` })}></span></div>
        </td>
      </tr>
      <tr id=${ledgerId} ?hidden=${!open}>
        <td colspan="7">${open ? this.#ledger(item) : nothing}</td>
      </tr>
    </tbody>`;
  }

  #ledger(item: BalanceItem) {
    const format = this.#format;
    const money = (v: number) => moneyTemplate(v, item.credit_type, format.locale);
    const t = messages(format.locale);
    return html`<div class="table-scroll" data-fit="ledger"><table part="ledger" class=${this.#fit.stacked('ledger') ? 'cards' : ''}>
      <caption>${t.ledgerOf(item.name)}</caption>
      <thead>
        <tr><th scope="col">${t.date}</th><th scope="col">${t.entry}</th><th scope="col" class="num">${t.amount}</th><th scope="col" class="num">${t.balance}</th><th scope="col">${t.invoice}</th></tr>
      </thead>
      <tbody>
        ${item.ledger.map(
          (entry) => html`<tr>
            <td>${formatDay(new Date(entry.timestamp), format)}</td>
            <td>${entryLabel(entry.type, format.locale)}${entry.pending ? html`<span class="pending" title=${t.pendingTitle}>${t.pending}</span>` : nothing}</td>
            <td class="num" data-label=${t.amount}>${money(entry.amount)}</td>
            <td class="num" data-label=${t.balance}>${money(entry.balance_after)}</td>
            <td>${entry.invoice_id ? html`<button type="button" part="invoice" class="link" @click=${() => requestInvoice(this, entry.invoice_id!)}>${t.viewInvoice}</button>` : nothing}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  get #format(): FormatOptions {
    return widgetFormat(this, this.locale, this.timeZone);
  }

  #toggle(id: string) {
    const expanded = new Set(this.#expanded);
    if (!expanded.delete(id)) expanded.add(id);
    this.#expanded = expanded;
  }
}

defineElement('balance-ledger', BalanceLedger);

declare global {
  interface HTMLElementTagNameMap {
    'balance-ledger': BalanceLedger;
  }
}
