import { html, isServer, LitElement, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import { SessionTask } from '../shared/session-task.ts';
import { getBlob, getJson } from '../shared/api.ts';
import type { Freshness, InvoiceDetailResponse, InvoiceExplainResponse, InvoiceLineItem, InvoicesResponse, InvoiceSummary } from '../../contract/index.ts';
import { downloadBlob } from '../shared/csv.ts';
import { MwErrorEvent, type MwInvoiceRequestEvent, reportErrors } from '../shared/events.ts';
import { type FormatOptions, formatDay, formatNumber, formatPeriod, formatQuantity, widgetFormat } from '../shared/format.ts';
import { moneyTemplate, rateTemplate } from '../shared/money.ts';
import { LocaleController } from '../shared/i18n/locale-controller.ts';
import { messages } from '../shared/i18n/messages.ts';
import { invoiceList } from '../shared/i18n/en.ts';
import type { TokenProvider } from '../shared/session.ts';
import { ConnectionController } from '../shared/connection.ts';
import { type ThemeName, ThemeController } from '../shared/theme/theme-controller.ts';
import { emptyTemplate, errorTemplate, errorText, loadingTemplate, stateStyles } from '../shared/states.ts';
import { replaceServerRender, serverPlaceholder } from '../shared/server-render.ts';
import { staleStyles, staleTemplate } from '../shared/freshness.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { cardStyles } from '../shared/card.styles.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { TableFit } from '../shared/table-fit.ts';
import { explanationFor, explanationTemplate } from './invoice-list.explain.ts';
import { type PayUrl, paymentTemplate, payTemplate } from './invoice-list.payment.ts';
import styles, { theme } from './invoice-list.styles.ts';
import { defineElement } from '../shared/define.ts';

const DAY = 86_400_000;

/**
 * The customer's current and past invoices, newest first, with filters, PDF download and each
 * invoice's lines grouped by product, commits and credits applied shown as their own lines.
 * With `listen-invoice-requests` it opens the invoice of any `mw-invoice-request` on the page (a
 * `<balance-ledger>`'s "View invoice"); `showInvoice(id)` does the same for a host's own links.
 * Each finalized invoice says whether it was paid; with `pay-url`, one still to pay (unpaid, or its
 * payment failed) has a "Pay now" link to the host's own checkout.
 *
 * Themed by the page's `--metronome-*` tokens over the light or dark defaults below (README, Theming);
 * matches `:state(dark)` / `:state(light)` while a palette is in force.
 *
 * @tagname invoice-list
 * @summary Invoices, and what each one charged for.
 *
 * @fires {MwErrorEvent} mw-error - Loading failed; the widget shows plain words with Retry, and `event.message`, `event.status` and `event.code` carry the technical detail (`event.error`, the error).
 * @fires {MwLoadEvent} mw-load - After the render that shows freshly loaded data; once per load, reloads included.
 *
 * @slot empty - Replaces the "No invoices in this period" message.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart stale - The note shown when the figures are older ones the proxy kept because Metronome is not answering.
 * @csspart controls - The filters above the list.
 * @csspart table - The list of invoices.
 * @csspart row - One invoice in the list.
 * @csspart status - An invoice's status badge.
 * @csspart payment - An invoice's payment status badge, in words: Paid, Unpaid, Processing, Payment failed, Uncollectible.
 * @csspart pay-now - An unpaid invoice's "Pay now" link, shown when `pay-url` is set.
 * @csspart detail - The open invoice's lines.
 * @csspart pdf - An invoice's PDF download button; it shows the download's progress, and Retry after a failure.
 * @csspart why - A usage line's "Why this charge?" button.
 * @csspart loading - The skeleton shown while loading.
 * @csspart empty - Shown when there is nothing to list.
 * @csspart error - Shown when loading failed.
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-gray-dark=#111827] - Text; the page's own by default, unless a theme is forced. Dark: #f3f4f6.
 * @cssproperty [--metronome-gray-medium=#4b5563] - Void invoices, commit lines, notes and state messages. Dark: #9ca3af.
 * @cssproperty [--metronome-gray-light=#d1d5db] - Table rules and control borders. Dark: #4b5563.
 * @cssproperty [--metronome-gray-extralight=#e5e7eb] - The loading skeleton. Dark: #374151.
 * @cssproperty [--metronome-white=#ffffff] - Background, painted when set or when a theme is in force; also popups. Dark: #111827.
 * @cssproperty [--metronome-primary-medium=#2563eb] - Focus ring and the draft badge. Dark: #60a5fa.
 * @cssproperty [--metronome-primary-light=#eff6ff] - The open invoice's row. Dark: #172554.
 * @cssproperty [--metronome-primary-green=#047857] - The finalized badge and figures that reconcile. Dark: #34d399.
 * @cssproperty [--metronome-primary-red=#b91c1c] - Figures that don't reconcile. Dark: #f87171.
 * @cssproperty [--metronome-action=#1d4ed8] - Invoice numbers, PDF, "Pay now" and "Why this charge?" links, and the Retry button. Dark: #93c5fd.
 * @cssproperty [--metronome-action-hover=#1e40af] - The same under the pointer. Dark: #bfdbfe.
 * @cssproperty [--metronome-font-family] - Font; the page's by default.
 * @cssproperty [--metronome-radius=6px] - Corner radius of buttons, controls and popups.
 * @cssproperty [--metronome-spacing=0.5rem] - Spacing unit: gaps and cell padding are multiples of it.
 * @cssproperty [--metronome-state-min-height=12rem] - Height of the loading, empty and error states.
 */
export class InvoiceList extends LitElement {
  static override styles = [theme, stateStyles, staleStyles, tableStyles, cardStyles, controlStyles, styles];
  // Declared fields below, defaults set in the constructor: a class field would hide the accessor lit defines,
  // and decorators cost kilobytes once esbuild lowers them (scripts/build.mjs).
  static override properties = {
    theme: { reflect: true },
    endpoint: {},
    tokenProvider: { attribute: false },
    tokenUrl: { attribute: 'token-url' },
    tokenCredentials: { attribute: 'token-credentials' },
    days: { type: Number },
    status: {},
    type: {},
    contractId: { attribute: 'contract-id' },
    showZeroUsageLineItems: { attribute: 'show-zero-usage-line-items', type: Boolean },
    locale: {},
    timeZone: { attribute: 'time-zone' },
    noControls: { attribute: 'no-controls', type: Boolean },
    refreshInterval: { attribute: 'refresh-interval', type: Number },
    listenInvoiceRequests: { attribute: 'listen-invoice-requests', type: Boolean },
    payUrl: { attribute: 'pay-url' },
  };

  protected readonly themeController = new ThemeController(this);
  #connection = new ConnectionController(this, () => {
    // Another customer: the open invoice, its explanations and the contracts seen are not theirs.
    this.#open = '';
    this.#explaining = new Set();
    this.#contracts = new Map();
    this.#downloads.clear();
  });
  protected readonly localeController = new LocaleController(this);
  #fit = new TableFit(this);

  #invoices = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider, this.#since, this.status, this.type, this.contractId] as const,
    task: ([endpoint, tokenProvider, since, status, type, contract], { signal }) =>
      tokenProvider
        ? reportErrors(this, getJson<InvoicesResponse & Freshness>({ endpoint, tokenProvider }, '/api/invoices', { since, status, type, contract_id: contract }, { signal }), signal).then((data) => {
            // Remember every contract seen, so filtering by one keeps the others to choose from.
            this.#contracts = new Map([...this.#contracts, ...data.invoices.flatMap((i) => (i.contract_id ? [[i.contract_id, i.contract_name] as const] : []))]);
            return data;
          })
        : null,
  });

  #detail = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider, this.#open, this.showZeroUsageLineItems] as const,
    task: ([endpoint, tokenProvider, id, zero], { signal }) =>
      tokenProvider && id
        ? reportErrors(this, getJson<InvoiceDetailResponse & Freshness>({ endpoint, tokenProvider }, `/api/invoices/${encodeURIComponent(id)}`, { show_zero_usage_line_items: zero ? 'true' : '' }, { signal }), signal)
        : null,
  });

  /** Loaded the first time the viewer asks why a line costs what it does. */
  #explain = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider, this.#open, this.#explaining.size > 0, this.showZeroUsageLineItems] as const,
    // Zero-usage lines are explained too while they are shown: each has a "Why this charge?" button.
    task: ([endpoint, tokenProvider, id, wanted, zero], { signal }) =>
      tokenProvider && id && wanted
        ? reportErrors(this, getJson<InvoiceExplainResponse & Freshness>({ endpoint, tokenProvider }, `/api/invoices/${encodeURIComponent(id)}/explain`, { show_zero_usage_line_items: zero ? 'true' : '' }, { signal }), signal)
        : null,
  });

  #refreshTimer: ReturnType<typeof setInterval> | undefined;
  /** Set by showInvoice(): once the invoice is drawn, scroll to it and move focus there. */
  #reveal = false;
  #onRequest = (event: MwInvoiceRequestEvent) => this.listenInvoiceRequests && this.showInvoice(event.invoiceId);
  /** PDF downloads by invoice id: the share received (null while the size is unknown), or 'failed' until retried. */
  #downloads = new Map<string, number | null | 'failed'>();

  // Private state re-renders through its setters (lit's reactive properties take no private names).
  /** The id of the invoice whose detail is shown; '' for none. */
  #openId = '';
  get #open() {
    return this.#openId;
  }
  set #open(id) {
    this.#openId = id;
    this.requestUpdate();
  }
  /** Keys of the lines whose explanation is shown. */
  #explainingKeys: ReadonlySet<string> = new Set();
  get #explaining() {
    return this.#explainingKeys;
  }
  set #explaining(keys) {
    this.#explainingKeys = keys;
    this.requestUpdate();
  }
  /** Contracts seen in the unfiltered list (id to name), so the contract filter keeps its choices while filtering. */
  #contractNames: ReadonlyMap<string, string | null> = new Map();
  get #contracts() {
    return this.#contractNames;
  }
  set #contracts(names) {
    this.#contractNames = names;
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
  /** Invoices for periods ending in the last this-many days. */
  declare days: number;
  /** `draft`, `finalized`, `void` or empty for all. */
  declare status: string;
  /** `usage`, `scheduled`, `trueup` or empty for all. */
  declare type: string;
  /** Only the invoices of this contract (Metronome's id); all when empty. The controls offer a choice when there are several. */
  declare contractId: string;
  /** Also list usage lines with zero quantity (the viewer can also tick the box). */
  declare showZeroUsageLineItems: boolean;
  /** BCP 47 locale for words, numbers, dates and money; the page's `configure({ locale })`, `lang` or the browser's when empty. */
  declare locale: string;
  /** IANA time zone for moments; the page's `configure({ timeZone })` or UTC when empty. Invoice periods keep their dates. */
  declare timeZone: string;
  /** Hide the status, type and contract filters. */
  declare noControls: boolean;
  /** While a draft invoice is open, reload it (and its explanations) every this many seconds; 0 for never. */
  declare refreshInterval: number;
  /** Open the invoice of every `mw-invoice-request` on the page (a `<balance-ledger>`'s "View invoice"), as `showInvoice()` does. */
  declare listenInvoiceRequests: boolean;
  /**
   * Where "Pay now" leads for an invoice still to pay (unpaid or failed, with an amount due): a URL in
   * which `{id}` stands for the invoice's id (`pay-url="/billing/pay?invoice={id}"`), or a function of
   * the invoice (`InvoiceSummary`) returning its URL, or nothing for no link. No link when unset.
   */
  declare payUrl: PayUrl | undefined;

  constructor() {
    super();
    this.endpoint = '';
    this.tokenUrl = '';
    this.tokenCredentials = '';
    this.days = 90;
    this.status = '';
    this.type = '';
    this.contractId = '';
    this.showZeroUsageLineItems = false;
    this.locale = '';
    this.timeZone = '';
    this.noControls = false;
    this.refreshInterval = 60;
    this.listenInvoiceRequests = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    // Server rendering calls this too, without a document.
    if (!isServer) document.addEventListener('mw-invoice-request', this.#onRequest);
  }

  override updated() {
    // Once the invoice showInvoice() asked for is drawn: focus on its heading, which scrolls it into view.
    const heading = this.renderRoot.querySelector<HTMLElement>('#detail-title');
    if (this.#reveal && heading && this.#detail.value?.invoice.id === this.#open) {
      this.#reveal = false;
      heading.focus();
    }
    // Drafts change as usage arrives; finalized and void invoices never do.
    const live = this.#detail.value?.invoice.status === 'draft' && this.refreshInterval > 0;
    if (live && !this.#refreshTimer) {
      this.#refreshTimer = setInterval(() => {
        this.#detail.run();
        if (this.#explaining.size) this.#explain.run();
      }, this.refreshInterval * 1000);
    } else if (!live && this.#refreshTimer) {
      clearInterval(this.#refreshTimer);
      this.#refreshTimer = undefined;
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('mw-invoice-request', this.#onRequest);
    clearInterval(this.#refreshTimer);
    this.#refreshTimer = undefined;
  }

  /** A server-rendered placeholder is replaced, not hydrated (see shared/server-render.ts). */
  override createRenderRoot() {
    return replaceServerRender(this) ?? super.createRenderRoot();
  }

  override render() {
    SERVER: if (isServer) return serverPlaceholder('Loading invoices…', ['table']);
    const pending = this.#invoices.status === TaskStatus.PENDING || this.#detail.status === TaskStatus.PENDING;
    return html`<div part="base" aria-busy=${pending ? 'true' : 'false'}>
      ${staleTemplate([this.#invoices.value, this.#detail.value, this.#explain.value], this.#format)}
      ${this.noControls ? nothing : this.#controls()}
      ${this.#list(pending)}
      ${this.#open ? this.#detailView() : nothing}
    </div>`;
  }

  #list(pending: boolean) {
    const format = this.#format;
    const t = messages(format.locale, invoiceList);
    if (this.#invoices.status === TaskStatus.ERROR) return errorTemplate(t, errorText(this.#invoices.error, t), () => this.#invoices.run());
    if (!this.#connection.tokenProvider) return emptyTemplate(t.noSession);
    const data = this.#invoices.value;
    if (!data) return pending ? loadingTemplate(t.loadingInvoices, ['table']) : nothing;
    if (data.invoices.length === 0) return emptyTemplate(t.noInvoices);
    const day = (iso: string) => formatDay(new Date(iso), format);
    return html`<div class="table-scroll" data-fit="invoices">
      <table part="table" class=${this.#fit.stacked('invoices') ? 'cards' : ''}>
        <caption>${t.invoicesSince(day(data.since))}</caption>
        <thead>
          <tr><th scope="col">${t.period}</th><th scope="col">${t.status}</th><th scope="col">${t.type}</th><th scope="col">${t.issued}</th><th scope="col" class="num">${t.charges}</th><th scope="col" class="num">${t.commitsAndCredits}</th><th scope="col" class="num">${t.amountDue}</th><th scope="col"><span class="visually-hidden">${t.actions}</span></th></tr>
        </thead>
        <tbody>
          ${data.invoices.map((invoice) => {
            const money = (v: number) => moneyTemplate(v, invoice.credit_type, format.locale);
            // The contract's name when the customer has several: which one an invoice is for is then not obvious.
            const contract = this.#contracts.size > 1 && invoice.contract_name;
            const download = this.#downloads.get(invoice.id);
            const failed = download === 'failed';
            // aria-disabled rather than disabled: the PDF button keeps focus while it shows the download's progress.
            const busy = download !== undefined && !failed;
            return html`<tr part="row" aria-current=${invoice.id === this.#open ? 'true' : 'false'}>
              <th scope="row"><button type="button" class="link" aria-expanded=${invoice.id === this.#open ? 'true' : 'false'} @click=${() => this.#toggle(invoice.id)}>${this.#period(invoice)}</button>${contract ? html`<span class="small">${contract}</span>` : nothing}</th>
              <td data-label=${t.status}>
                <span part="status" class="status-${invoice.status}">${t.invoiceStatus(invoice.status)}</span>
                ${paymentTemplate(invoice, t)}
              </td>
              <td data-label=${t.type}>${t.invoiceType(invoice.type)}</td>
              <td data-label=${t.issued}>${invoice.issued_at ? day(invoice.issued_at) : t.notIssued}</td>
              <td class="num" data-label=${t.charges}>${money(invoice.charges)}</td>
              <td class="num" data-label=${t.commitsAndCredits}>${money(invoice.applied)}</td>
              <td class="num due" data-label=${t.amountDue}>${money(invoice.total)}</td>
              <td>${payTemplate(invoice, this.payUrl, this.#period(invoice), t)}<span aria-live="polite"><button type="button" part="pdf" class="link" aria-disabled=${busy} @click=${() => busy || this.#pdf(invoice)}>${busy
                ? t.downloading(download === null ? null : formatNumber(download, format.locale, { style: 'percent' }))
                : failed
                  ? t.retry
                  : t.pdf}<span class="visually-hidden">${failed ? `: ${t.pdf}` : ''}${t.pdfOf(this.#period(invoice))}</span></button>${failed ? html`<span class="small pdf-failed">${t.pdfFailed}</span>` : nothing}</span></td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  #detailView() {
    const locale = this.#format.locale;
    const t = messages(locale, invoiceList);
    if (this.#detail.status === TaskStatus.ERROR) return errorTemplate(t, errorText(this.#detail.error, t), () => this.#detail.run());
    const data = this.#detail.value;
    // The task keeps the invoice before while the next one loads: never show it under the one asked for.
    if (data?.invoice.id !== this.#open) return loadingTemplate(t.loadingInvoice, ['table']);
    const { invoice } = data;
    const money = (v: number) => moneyTemplate(v, invoice.credit_type, locale);
    return html`<section part="detail" aria-labelledby="detail-title">
      <h3 id="detail-title" tabindex="-1">${t.invoiceFor(this.#period(invoice), t.invoiceStatus(invoice.status))}</h3>
      <label class="inline controls"><input type="checkbox" .checked=${this.showZeroUsageLineItems} @change=${(e: Event) => (this.showZeroUsageLineItems = (e.target as HTMLInputElement).checked)} /> ${t.showZero}</label>
      <div class="table-scroll" data-fit="lines">
        <table class=${this.#fit.stacked('lines') ? 'cards' : ''}>
          <caption class="visually-hidden">${t.linesOf(this.#period(invoice))}</caption>
          <thead><tr><th scope="col">${t.line}</th><th scope="col" class="num">${t.quantity}</th><th scope="col" class="num">${t.unitPrice}</th><th scope="col" class="num">${t.total}</th></tr></thead>
          ${data.products.map(
            (product) => html`<tbody>
              <tr class="product"><th scope="rowgroup" colspan="3">${product.name}</th><td class="num">${money(product.total)}</td></tr>
              ${product.lines.map((line, i) => this.#line(line, money, product.product_id, `${product.product_id}:${i}`, invoice))}
            </tbody>`,
          )}
          <tfoot><tr><th scope="row" colspan="3">${t.amountDue}</th><td class="num">${money(invoice.total)}</td></tr></tfoot>
        </table>
      </div>
    </section>`;
  }

  #line(line: InvoiceLineItem, money: (v: number) => ReturnType<typeof moneyTemplate>, productId: string | null, key: string, invoice: InvoiceSummary) {
    const locale = this.#format.locale;
    const t = messages(locale, invoiceList);
    const groups = Object.entries(line.presentation_group_values ?? {}).map(([key, value]) => `${key}: ${value ?? '(none)'}`);
    const tier = line.tier ? t.tier(line.tier.level, formatNumber(line.tier.starting_at, locale)) : '';
    const label = line.kind === 'application' ? t.paidBy(line.name) : line.name;
    const open = this.#explaining.has(key);
    const explanation = open ? explanationFor(line, productId, this.#explain.value?.lines ?? []) : undefined;
    return html`<tr class=${line.kind}>
        <td>
          ${label}${groups.length || tier ? html`<span class="small">${[...groups, tier].filter(Boolean).join(' · ')}</span>` : nothing}
          ${line.kind === 'usage'
            ? html`<button type="button" part="why" class="link small" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.#toggleExplain(key)}>${t.why}</button>`
            : nothing}
        </td>
        <td class="num" data-label=${line.quantity === null ? nothing : t.quantity}>${line.quantity === null ? '' : formatQuantity(line.quantity, locale)}</td>
        <td class="num" data-label=${line.unit_price === null ? nothing : t.unitPrice}>${line.unit_price === null ? '' : rateTemplate(line.unit_price, invoice.credit_type, locale)}</td>
        <td class="num" data-label=${t.total}>${money(line.total)}</td>
      </tr>
      ${open
        ? html`<tr class="why"><td colspan="4">
            ${explanation
              ? explanationTemplate(explanation, invoice.credit_type, locale, this.#format.timeZone)
              : this.#explain.status === TaskStatus.ERROR
                ? html`<span class="small">${t.explainFailed(errorText(this.#explain.error, t))}</span>`
                : this.#explain.status === TaskStatus.PENDING || !this.#explain.value
                  ? html`<span class="small" role="status">${t.loadingExplain}</span>`
                  : html`<span class="small">${t.noExplain}</span>`}
          </td></tr>`
        : nothing}`;
  }

  #controls() {
    const value = (e: Event) => (e.target as HTMLSelectElement).value;
    const contracts = this.#contracts;
    const t = messages(this.#format.locale, invoiceList);
    return html`<div part="controls" class="controls">
      <label>${t.status}
        <select @change=${(e: Event) => (this.status = value(e))}>
          ${(['', 'draft', 'finalized', 'void'] as const).map((v) => html`<option value=${v} ?selected=${this.status === v}>${v ? t.invoiceStatus(v) : t.all}</option>`)}
        </select>
      </label>
      <label>${t.type}
        <select @change=${(e: Event) => (this.type = value(e))}>
          ${(['', 'usage', 'scheduled', 'trueup'] as const).map((v) => html`<option value=${v} ?selected=${this.type === v}>${v ? t.invoiceType(v) : t.all}</option>`)}
        </select>
      </label>
      ${contracts.size > 1
        ? html`<label>${t.contract}
            <select @change=${(e: Event) => (this.contractId = value(e))}>
              <option value="" ?selected=${!this.contractId}>${t.all}</option>
              ${[...contracts].map(([c, name], i) => html`<option value=${c} ?selected=${this.contractId === c}>${name ?? t.contractNumber(i + 1)}</option>`)}
            </select>
          </label>`
        : nothing}
    </div>`;
  }

  get #format(): FormatOptions {
    return widgetFormat(this, this.locale, this.timeZone);
  }

  /** Whole UTC days, so the list does not change every time it renders. */
  get #since() {
    return new Date((Math.floor(Date.now() / DAY) - Math.max(1, this.days)) * DAY).toISOString();
  }

  #period(invoice: InvoiceSummary) {
    return formatPeriod(invoice.period.starting_on, invoice.period.ending_before, this.#format);
  }

  #toggle(id: string) {
    this.#open = this.#open === id ? '' : id;
    this.#explaining = new Set();
    // A request whose invoice never came (not found) does not take focus when the viewer opens another.
    this.#reveal = false;
  }

  /**
   * Opens an invoice's lines, whether or not it is in the list (an older one is fetched by its id),
   * scrolls to them and moves focus to their heading.
   */
  showInvoice(invoiceId: string) {
    if (this.#open !== invoiceId) this.#toggle(invoiceId);
    this.#reveal = true;
    this.requestUpdate();
  }

  #toggleExplain(key: string) {
    const explaining = new Set(this.#explaining);
    if (!explaining.delete(key)) explaining.add(key);
    this.#explaining = explaining;
  }

  /** The PDF through the proxy (it needs the session token), its progress on the button; a failure says so there and fires mw-error. */
  async #pdf(invoice: InvoiceSummary) {
    const { endpoint, tokenProvider } = this.#connection;
    const set = (state: number | null | 'failed') => (this.#downloads.set(invoice.id, state), this.requestUpdate());
    set(null);
    try {
      const progress = (received: number, size: number | null) => set(size && Math.min(1, received / size));
      const blob = await getBlob({ endpoint, tokenProvider }, `/api/invoices/${encodeURIComponent(invoice.id)}/pdf`, { signal: new AbortController().signal, progress });
      downloadBlob(blob, `invoice-${invoice.period.starting_on.slice(0, 10)}-${invoice.id.slice(0, 8)}.pdf`);
      this.#downloads.delete(invoice.id);
      this.requestUpdate();
    } catch (error) {
      set('failed');
      this.dispatchEvent(new MwErrorEvent(error as Error));
    }
  }

}

defineElement('invoice-list', InvoiceList);

declare global {
  interface HTMLElementTagNameMap {
    'invoice-list': InvoiceList;
  }
}
