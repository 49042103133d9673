import { html, isServer, LitElement, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import { SessionTask } from '../shared/session-task.ts';
import { getJson } from '../shared/api.ts';
import type { BalanceItem, BalancesResponse, Freshness } from '../../contract/index.ts';
import { MwPurchaseRequestEvent, reportErrors, requestInvoice } from '../shared/events.ts';
import { creditTypeLabel, type FormatOptions, formatDay, formatMoney, formatPeriod, widgetFormat } from '../shared/format.ts';
import { moneyTemplate } from '../shared/money.ts';
import { LocaleController } from '../shared/i18n/locale-controller.ts';
import { messages } from '../shared/i18n/messages.ts';
import { balanceLedger } from '../shared/i18n/en.ts';
import type { TokenProvider } from '../shared/session.ts';
import { ConnectionController } from '../shared/connection.ts';
import { type ThemeName, ThemeController } from '../shared/theme/theme-controller.ts';
import { emptyTemplate, errorTemplate, errorText, loadingTemplate, stateStyles } from '../shared/states.ts';
import { replaceServerRender, serverPlaceholder } from '../shared/server-render.ts';
import { staleStyles, staleTemplate } from '../shared/freshness.ts';
import { cardStyles } from '../shared/card.styles.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { TableFit } from '../shared/table-fit.ts';
import styles, { theme } from './balance-ledger.styles.ts';
import { commitmentText, entryLabel, itemTypeLabel, runwayText } from './balance-ledger.text.ts';
import { defineElement } from '../shared/define.ts';

/** The totals over the table of balances. */
const LEDGER_SKELETON = ['headline', 'table'] as const;

/** The bars' key: each part's class and its label; a postpaid minimum's two (its consumption is "used") only when there is one. */
const LEGEND = [
  ['used', 'used'],
  ['remaining', 'remaining'],
  ['expired', 'expired'],
  ['upcoming', 'upcoming'],
  ['projected', 'projectedMore'],
  ['shortfall', 'projectedShortfall'],
] as const;

/**
 * What can be spent now per credit type, then each commit and credit in the order they are used: a
 * bar of what is used, remaining, expired and upcoming, when it runs out at the recent rate, and,
 * behind its name (a disclosure button, closed at first), its segments and ledger. A postpaid
 * commitment is shown as progress toward its minimum with the projected shortfall its end invoices,
 * never as money remaining.
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
 * @fires {MwPurchaseRequestEvent} mw-purchase-request - With `purchase`: the viewer asked to buy more of a prepaid commit or credit ("Buy more"); `event.creditType`, `event.commit` and `event.suggestedAmount` (enough for the rest of its schedule at the last 30 days' rate, each segment's money expiring with it; 0 when it lasts, null when it was not used). The page runs its own checkout.
 *
 * @slot empty - Replaces the "No commits or credits" message.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart stale - The note shown when the figures are older ones the proxy kept because Metronome is not answering.
 * @csspart total - One credit type's headline figures.
 * @csspart headline - What prepaid commits and credits in force have left to spend now, per credit type.
 * @csspart legend - The key to the bars' colours.
 * @csspart table - The table of commits and credits.
 * @csspart row - One commit's or credit's row.
 * @csspart bar - A commit's or credit's stacked bar (its figures are its accessible name).
 * @csspart segments - The list of segments under an expanded row.
 * @csspart ledger - The ledger table under an expanded row.
 * @csspart invoice - A deduction's invoice button.
 * @csspart purchase - A prepaid commit's or credit's "Buy more" button (with `purchase`).
 * @csspart loading - The skeleton shown while loading.
 * @csspart empty - Shown when there are no commits or credits.
 * @csspart error - Shown when loading failed.
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-gray-dark=#111827] - Text; the page's own by default, unless a theme is forced. Dark: #f3f4f6.
 * @cssproperty [--metronome-gray-medium=#4b5563] - Labels, notes, state messages, and (half-toned) expired amounts. Dark: #9ca3af.
 * @cssproperty [--metronome-gray-light=#d1d5db] - Table rules and upcoming amounts. Dark: #4b5563.
 * @cssproperty [--metronome-gray-extralight=#e5e7eb] - The loading skeleton. Dark: #374151.
 * @cssproperty [--metronome-white=#ffffff] - Background, painted when set or when a theme is in force; also popups. Dark: #111827.
 * @cssproperty [--metronome-primary-medium=#2563eb] - Focus ring. Dark: #60a5fa.
 * @cssproperty [--metronome-primary-green=#047857] - Remaining amounts. Dark: #34d399.
 * @cssproperty [--metronome-primary-red=#b91c1c] - A postpaid minimum's projected shortfall. Dark: #f87171.
 * @cssproperty [--metronome-progress-bar=#2563eb] - Used amounts, and what a postpaid minimum has consumed (half-toned: its projected consumption). Dark: #60a5fa.
 * @cssproperty [--metronome-progress-bar-background=#e5e7eb] - Track behind the bars. Dark: #374151.
 * @cssproperty [--metronome-action=#1d4ed8] - Invoice links and the Retry button. Dark: #93c5fd.
 * @cssproperty [--metronome-action-hover=#1e40af] - Invoice links and the Retry button under the pointer. Dark: #bfdbfe.
 * @cssproperty [--metronome-font-family] - Font; the page's by default.
 * @cssproperty [--metronome-radius=6px] - Corner radius of buttons, controls and popups.
 * @cssproperty [--metronome-spacing=0.5rem] - Spacing unit: gaps and cell padding are multiples of it.
 * @cssproperty [--metronome-state-min-height=12rem] - Height of the loading, empty and error states.
 * @cssproperty [--balance-headline-font-size=1.5rem] - Size of the "Available now" figures.
 */
export class BalanceLedger extends LitElement {
  static override styles = [theme, stateStyles, staleStyles, tableStyles, cardStyles, styles];
  // Declared fields below, defaults set in the constructor: a class field would hide the accessor lit defines,
  // and decorators cost kilobytes once esbuild lowers them (scripts/build.mjs).
  static override properties = {
    theme: { reflect: true },
    endpoint: {},
    tokenProvider: { attribute: false },
    tokenUrl: { attribute: 'token-url' },
    tokenCredentials: { attribute: 'token-credentials' },
    locale: {},
    timeZone: { attribute: 'time-zone' },
    purchase: { type: Boolean },
  };

  protected readonly themeController = new ThemeController(this);
  #connection = new ConnectionController(this);
  protected readonly localeController = new LocaleController(this);
  #fit = new TableFit(this);

  #balances = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider] as const,
    task: ([endpoint, tokenProvider], { signal }) =>
      tokenProvider ? reportErrors(this, getJson<BalancesResponse & Freshness>({ endpoint, tokenProvider }, '/api/balances', {}, { signal }), signal) : null,
  });

  // Private state re-renders through its setter (lit's reactive properties take no private names).
  #expandedIds: ReadonlySet<string> = new Set();
  get #expanded() {
    return this.#expandedIds;
  }
  set #expanded(ids) {
    this.#expandedIds = ids;
    this.requestUpdate();
  }

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
  /** Shows a "Buy more" button on each prepaid commit and credit in force, which fires `mw-purchase-request`; the page sells. */
  declare purchase: boolean;

  constructor() {
    super();
    this.endpoint = '';
    this.tokenUrl = '';
    this.tokenCredentials = '';
    this.locale = '';
    this.timeZone = '';
    this.purchase = false;
  }

  /** A server-rendered placeholder is replaced, not hydrated (see shared/server-render.ts). */
  override createRenderRoot() {
    return replaceServerRender(this) ?? super.createRenderRoot();
  }

  override render() {
    SERVER: if (isServer) return serverPlaceholder('Loading balances…', LEDGER_SKELETON);
    const pending = this.#balances.status === TaskStatus.PENDING;
    return html`<div part="base" aria-busy=${pending ? 'true' : 'false'}>${staleTemplate([this.#balances.value], this.#format)}${this.#body(pending)}</div>`;
  }

  #body(pending: boolean) {
    const t = messages(this.#format.locale, balanceLedger);
    if (this.#balances.status === TaskStatus.ERROR) {
      return errorTemplate(t, errorText(this.#balances.error, t), () => this.#balances.run());
    }
    if (!this.#connection.tokenProvider) return emptyTemplate(t.noSession);
    const data = this.#balances.value;
    if (!data) return pending ? loadingTemplate(t.loadingBalances, LEDGER_SKELETON) : nothing;
    if (data.items.length === 0) return emptyTemplate(t.noBalances);
    const postpaid = data.items.some((item) => item.commitment);
    return html`<div class="totals">${data.totals.map((total) => this.#total(total))}</div>
      <ul part="legend" aria-hidden="true">${(postpaid ? LEGEND : LEGEND.slice(0, 4)).map(([name, label]) => html`<li><span class="dot ${name}"></span>${t[label]}</li>`)}</ul>
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

  /** The headline: what can be spent today, in the credit type's own unit ("$", never "USD (cents)"). */
  #total(total: BalancesResponse['totals'][number]) {
    const amount = (v: number) => moneyTemplate(v, total.credit_type, this.#format.locale);
    const t = messages(this.#format.locale, balanceLedger);
    return html`<section part="total" aria-label=${t.totalsIn(creditTypeLabel(total.credit_type))}>
      <h3>${creditTypeLabel(total.credit_type)}</h3>
      <dl><div part="headline"><dt>${t.availableNow}</dt><dd>${amount(total.available_now)}</dd></div></dl>
    </section>`;
  }

  /**
   * One bar per commit or credit, its parts as wide as their amounts: used, remaining, expired and
   * upcoming for a prepaid one; consumed, projected and the projected shortfall of a postpaid minimum.
   */
  #bar(item: BalanceItem) {
    const locale = this.#format.locale;
    const money = (v: number) => formatMoney(v, item.credit_type, locale);
    const t = messages(locale, balanceLedger);
    const c = item.commitment;
    const pieces: Array<[string, number]> = c
      ? [['used', c.consumed], ['projected', c.projected_consumption - c.consumed], ['shortfall', c.projected_shortfall]]
      : [['used', item.used], ['remaining', item.remaining], ['expired', item.expired], ['upcoming', item.upcoming]];
    const whole = pieces.reduce((sum, [, v]) => sum + Math.max(0, v), 0) || 1;
    const label = c
      ? commitmentText(item, this.#format)
      : t.meter(money(item.used), money(item.remaining), money(item.expired), money(item.upcoming), money(item.granted + item.upcoming));
    return html`<div part="bar" class="meter" role="img" aria-label=${label}>${pieces.map(([name, v]) =>
      v > 0 ? html`<span class=${name} .style=${`width:${(100 * v) / whole}%`}></span>` : nothing,
    )}</div>`;
  }

  #item(item: BalanceItem) {
    const format = this.#format;
    const money = (v: number) => moneyTemplate(v, item.credit_type, format.locale);
    const t = messages(format.locale, balanceLedger);
    const open = this.#expanded.has(item.id);
    const detailId = `ledger-${item.id}`;
    const c = item.commitment;
    const { runway } = item;
    // A postpaid minimum has nothing to spend or to expire: what it lacks is usage, said in words.
    return html`<tbody>
      <tr part="row">
        <th scope="row" class="name">
          <button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${detailId} @click=${() => this.#toggle(item.id)}>${item.name}</button>
          <span class="small">${itemTypeLabel(item.type, format.locale)}${item.priority === null ? '' : ` · ${t.priority(String(item.priority))}`}</span>
          <span class="small">${runway.runs_out_before_expiry && item.remaining > 0 ? html`<strong>${t.runsOutEarly}</strong> ` : ''}${runwayText(item, format)}</span>
          ${this.purchase && !c && item.segments.some((s) => s.status === 'active')
            ? html`<button type="button" part="purchase" class="link" aria-label=${t.buyMoreOf(item.name)} @click=${() =>
                this.dispatchEvent(new MwPurchaseRequestEvent(item.credit_type, { id: item.id, name: item.name, kind: item.type === 'CREDIT' ? 'credit' : 'commit' }, runway.burn_per_day > 0 ? runway.top_up : null))}>${t.buyMore}</button>`
            : nothing}
        </th>
        <td class="num" data-label=${t.granted}>${money(c ? c.minimum : item.granted)}</td>
        <td class="num" data-label=${c ? t.consumed : t.used}>${money(c ? c.consumed : item.used)}</td>
        <td class="num" data-label=${c ? '' : t.remaining}>${c ? nothing : money(item.remaining)}</td>
        <td class="num" data-label=${c ? '' : t.expired}>${c ? nothing : money(item.expired)}</td>
        <td class="num" data-label=${t.upcoming}>${money(item.upcoming)}</td>
        <td class="share">${this.#bar(item)}</td>
      </tr>
      <tr id=${detailId} ?hidden=${!open}>
        <td colspan="7">${open ? this.#ledger(item) : nothing}</td>
      </tr>
    </tbody>`;
  }

  /** Behind the disclosure: each segment's period and amount, then the ledger. */
  #ledger(item: BalanceItem) {
    const format = this.#format;
    const money = (v: number) => moneyTemplate(v, item.credit_type, format.locale);
    const t = messages(format.locale, balanceLedger);
    return html`<ul part="segments">${item.segments.map((s) => html`<li>${formatPeriod(s.starting_at, s.ending_before, format)}: ${money(s.amount)}, ${t.segmentStatus(s.status)}</li>`)}</ul>
      <div class="table-scroll" data-fit="ledger"><table part="ledger" class=${this.#fit.stacked('ledger') ? 'cards' : ''}>
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
