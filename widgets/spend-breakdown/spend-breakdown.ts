import { html, isServer, LitElement, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import { SessionTask } from '../shared/session-task.ts';
import { getJson } from '../shared/api.ts';
import { chartStyles } from '../shared/chart/chart.styles.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { tableStyles } from '../shared/table.styles.ts';
import type { ChartMode } from '../shared/chart/layout.ts';
import type { ChartModel, WindowedData } from '../shared/chart/model.ts';
import type { ValueFormat } from '../shared/chart/plot.ts';
import { chartCsv, csvFilename } from '../shared/chart/table.ts';
import { WindowedChart } from '../shared/chart/windowed-chart.ts';
import { type Freshness, MAX_HOURLY_DAYS, type SpendEntry, type SpendResponse, type SpendSummaryResponse } from '../../contract/index.ts';
import { downloadCsv } from '../shared/csv.ts';
import { MwChangeEvent, reportErrors } from '../shared/events.ts';
import { creditTypeLabel, type FormatOptions, formatMoney, moneyForCsv, widgetFormat } from '../shared/format.ts';
import { exactTitle } from '../shared/money.ts';
import { LocaleController } from '../shared/i18n/locale-controller.ts';
import { messages } from '../shared/i18n/messages.ts';
import { spendBreakdown } from '../shared/i18n/en.ts';
import { DAY, type RangePreset, rangeRefusal, resolveRange } from '../shared/range.ts';
import type { TokenProvider } from '../shared/session.ts';
import { ConnectionController } from '../shared/connection.ts';
import { type ThemeName, ThemeController } from '../shared/theme/theme-controller.ts';
import { emptyTemplate, errorTemplate, errorText, loadingTemplate, skeletonTemplate, stateStyles } from '../shared/states.ts';
import { replaceServerRender, serverPlaceholder } from '../shared/server-render.ts';
import { staleStyles, staleTemplate } from '../shared/freshness.ts';
import { headlineTemplate } from './spend-breakdown.headline.ts';
import styles, { theme } from './spend-breakdown.styles.ts';
import { spendSummary } from './spend-breakdown.text.ts';
import { defineElement } from '../shared/define.ts';

/**
 * What the signed-in customer has spent this billing period and where the money goes: headline
 * figures for the period so far, then spend over time stacked by product or any presentation group,
 * with commits and credits applied drawn below zero, never subtracted from a group.
 *
 * Themed by the page's `--metronome-*` tokens over the light or dark defaults below (README, Theming);
 * matches `:state(dark)` / `:state(light)` while a palette is in force.
 *
 * @tagname spend-breakdown
 * @summary Spend so far this period, and spend over time by product or dimension.
 *
 * @fires {MwErrorEvent} mw-error - Loading failed; the widget shows plain words with Retry, and `event.message`, `event.status` and `event.code` carry the technical detail (`event.error`, the error).
 * @fires {MwLoadEvent} mw-load - After the render that shows freshly loaded data; once per load, reloads included.
 * @fires {MwChangeEvent} mw-change - The viewer changed a setting through the controls; `event.settings` has the new values.
 *
 * @slot empty - Replaces the "No spend in this period" message.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart stale - The note shown when the figures are older ones the proxy kept because Metronome is not answering.
 * @csspart headline - The current period's figures.
 * @csspart controls - The row of pickers above the chart.
 * @csspart table-toggle - The button that switches between chart and table.
 * @csspart export - The Export CSV button.
 * @csspart chart - The box the chart is drawn in; its height is `--usage-chart-height`.
 * @csspart plot - The focusable chart area; arrow keys move between windows.
 * @csspart series - One group's bars (or line), or the commits and credits below zero.
 * @csspart highlight - The band behind the window under the pointer or focus.
 * @csspart tooltip - The details of the window under the pointer, the finger that tapped it, or focus.
 * @csspart axis - Both axes; also `x-axis` and `y-axis`.
 * @csspart legend - The list of series; each `legend-item` toggles one.
 * @csspart legend-item - One series' toggle button.
 * @csspart table-container - The scrolling box around the table view.
 * @csspart table - The table view.
 * @csspart row - One window's row in the table.
 * @csspart loading - The skeleton shown while the first data loads.
 * @csspart empty - Shown when there is nothing to draw.
 * @csspart error - Shown when loading failed, or for a range the proxy would refuse (no Retry then).
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-gray-dark=#111827] - Text, the total and the previous period's line; the page's own text colour by default, unless a theme is forced. Dark: #f3f4f6.
 * @cssproperty [--metronome-gray-medium=#4b5563] - Axis labels, notes, state messages, and (half-toned) commits and credits drawn below zero. Dark: #9ca3af.
 * @cssproperty [--metronome-gray-light=#d1d5db] - Borders of controls, tooltip and menus. Dark: #4b5563.
 * @cssproperty [--metronome-gray-extralight=#e5e7eb] - Gridlines and the loading skeleton. Dark: #374151.
 * @cssproperty [--metronome-white=#ffffff] - Background, painted when set or when a theme is in force; also popups. Dark: #111827.
 * @cssproperty [--metronome-primary-medium=#2563eb] - Focus ring and the border of pressed toggles. Dark: #60a5fa.
 * @cssproperty [--metronome-primary-light=#eff6ff] - Pressed toggles. Dark: #172554.
 * @cssproperty [--metronome-usage-line-0=#2563eb] - Series 1. Dark: #60a5fa.
 * @cssproperty [--metronome-usage-line-1=#ea580c] - Series 2. Dark: #fb923c.
 * @cssproperty [--metronome-usage-line-2=#059669] - Series 3. Dark: #34d399.
 * @cssproperty [--metronome-usage-line-3=#a855f7] - Series 4. Dark: #c084fc.
 * @cssproperty [--metronome-usage-line-4=#e11d48] - Series 5. Dark: #fb7185.
 * @cssproperty [--metronome-usage-line-5=#0891b2] - Series 6. Dark: #22d3ee.
 * @cssproperty [--metronome-usage-line-6=#a16207] - Series 7. Dark: #facc15.
 * @cssproperty [--metronome-usage-line-7=#64748b] - Series 8. Dark: #94a3b8.
 * @cssproperty [--metronome-usage-line-8=#db2777] - Series 9. Dark: #f472b6.
 * @cssproperty [--metronome-usage-line-9=#65a30d] - Series 10 (series 11 on take these colours again). Dark: #a3e635.
 * @cssproperty [--metronome-action=#1d4ed8] - The Retry button. Dark: #93c5fd.
 * @cssproperty [--metronome-action-hover=#1e40af] - The Retry button under the pointer. Dark: #bfdbfe.
 * @cssproperty [--usage-chart-height=16rem] - Height of the chart area.
 * @cssproperty [--spend-headline-font-size=1.5rem] - Size of the headline figures.
 * @cssproperty [--metronome-axis-font-size=0.75rem] - Axis labels.
 * @cssproperty [--metronome-font-family] - Font; the page's by default.
 * @cssproperty [--metronome-radius=6px] - Corner radius of buttons, controls and popups.
 * @cssproperty [--metronome-spacing=0.5rem] - Spacing unit: gaps and cell padding are multiples of it.
 * @cssproperty [--metronome-state-min-height=12rem] - Height of the loading, empty and error states.
 */
export class SpendBreakdown extends LitElement {
  static override styles = [theme, stateStyles, staleStyles, tableStyles, controlStyles, chartStyles, styles];
  // Declared fields below, defaults set in the constructor: a class field would hide the accessor lit defines,
  // and decorators cost kilobytes once esbuild lowers them (scripts/build.mjs).
  static override properties = {
    theme: { reflect: true },
    endpoint: {},
    tokenProvider: { attribute: false },
    tokenUrl: { attribute: 'token-url' },
    tokenCredentials: { attribute: 'token-credentials' },
    groupBy: { attribute: 'group-by' },
    windowSize: { attribute: 'window-size' },
    range: {},
    startingOn: { attribute: 'starting-on' },
    endingBefore: { attribute: 'ending-before' },
    creditTypeId: { attribute: 'credit-type-id' },
    chartType: { attribute: 'chart-type' },
    maxGroups: { attribute: 'max-groups', type: Number },
    view: {},
    locale: {},
    timeZone: { attribute: 'time-zone' },
    noControls: { attribute: 'no-controls', type: Boolean },
    noLegend: { attribute: 'no-legend', type: Boolean },
    noHeadline: { attribute: 'no-headline', type: Boolean },
  };

  protected readonly themeController = new ThemeController(this);
  #connection = new ConnectionController(this);
  protected readonly localeController = new LocaleController(this);

  #chart = new WindowedChart(this);
  #shapes = new WeakMap<SpendEntry, { data: WindowedData; credits: number[] }>();

  #summary = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider, this.#needsSummary] as const,
    task: ([endpoint, tokenProvider, needed], { signal }) =>
      needed && tokenProvider ? reportErrors(this, getJson<SpendSummaryResponse & Freshness>({ endpoint, tokenProvider }, '/api/spend/summary', {}, { signal }), signal) : null,
  });

  #spend = new SessionTask(this, this.#connection, {
    args: () => {
      const range = this.#range;
      return [this.#connection.endpoint, this.#connection.tokenProvider, range?.startingOn, range?.endingBefore, this.windowSize, this.groupBy] as const;
    },
    task: ([endpoint, tokenProvider, from, to, windowSize, groupBy], { signal }) =>
      tokenProvider && from && to && !rangeRefusal({ startingOn: from, endingBefore: to }, windowSize)
        ? reportErrors(this, getJson<SpendResponse & Freshness>({ endpoint, tokenProvider }, '/api/spend', { starting_on: from, ending_before: to, window_size: windowSize, group_by: groupBy }, { signal }), signal)
        : null,
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
  /** `product`, or a presentation group key such as `region`; the controls offer the customer's keys. */
  declare groupBy: string;
  /** `day` or `hour` (ranges of 92 days at most). */
  declare windowSize: 'day' | 'hour';
  /** `current-period` (when empty: the current billing period, or the last 30 days without one), `7d`, `30d` or `90d`; ignored when both dates are set. */
  declare range: RangePreset | '';
  /** Start of a custom range, ISO 8601 (`2026-10-01` is UTC midnight); with `ending-before`, overrides `range`. */
  declare startingOn: string;
  /** End of a custom range, ISO 8601, excluded; with `starting-on`, overrides `range`. */
  declare endingBefore: string;
  /** Which credit type to show when the customer is billed in several; the first (USD) when empty. */
  declare creditTypeId: string;
  /** `bars` (stacked) or `lines`. */
  declare chartType: ChartMode;
  /** Most series drawn; smaller groups fold into "Other (n)". */
  declare maxGroups: number;
  /** `chart`, or `table`: a table of exactly what the chart draws. */
  declare view: 'chart' | 'table';
  /** BCP 47 locale for words, numbers, dates and money; the page's `configure({ locale })`, `lang` or the browser's when empty. */
  declare locale: string;
  /** IANA time zone for times and for today's date; the page's `configure({ timeZone })` or UTC when empty. */
  declare timeZone: string;
  /** Hide the controls row. */
  declare noControls: boolean;
  /** Hide the legend. */
  declare noLegend: boolean;
  /** Hide the headline figures of the current period. */
  declare noHeadline: boolean;

  constructor() {
    super();
    this.endpoint = '';
    this.tokenUrl = '';
    this.tokenCredentials = '';
    this.groupBy = 'product';
    this.windowSize = 'day';
    this.range = '';
    this.startingOn = '';
    this.endingBefore = '';
    this.creditTypeId = '';
    this.chartType = 'bars';
    this.maxGroups = 8;
    this.view = 'chart';
    this.locale = '';
    this.timeZone = '';
    this.noControls = false;
    this.noLegend = false;
    this.noHeadline = false;
  }

  /** A server-rendered placeholder is replaced, not hydrated (see shared/server-render.ts). */
  override createRenderRoot() {
    return replaceServerRender(this) ?? super.createRenderRoot();
  }

  override render() {
    SERVER: if (isServer) return serverPlaceholder('Loading spend…', this.noHeadline ? [this.view] : ['headline', this.view]);
    const pending = this.#spend.status === TaskStatus.PENDING || this.#summary.status === TaskStatus.PENDING;
    const entry = this.#entry;
    const view = entry ? this.#view(entry) : null;
    const format = this.#format;
    return html`<div part="base" aria-busy=${pending ? 'true' : 'false'}>
      ${staleTemplate([this.#summary.value, this.#spend.value], format)}
      ${this.noHeadline
        ? nothing
        : this.#summary.value
          ? headlineTemplate(this.#summary.value, this.#summaryEntry, format.locale)
          : this.#summary.status === TaskStatus.PENDING
            ? skeletonTemplate('headline')
            : nothing}
      ${this.noControls ? nothing : this.#controls()}
      ${this.#body(entry, view?.model ?? null, pending)}
      <div class="visually-hidden" aria-live="polite">${entry && view ? this.#chart.liveText(view.model, format, this.#values(entry)) : ''}</div>
    </div>`;
  }

  #body(entry: SpendEntry | undefined, model: ChartModel | null, pending: boolean) {
    const t = messages(this.#format.locale, spendBreakdown);
    const failed = [this.#spend, this.#summary].find((task) => task.status === TaskStatus.ERROR);
    if (failed) return errorTemplate(t, errorText(failed.error, t), () => this.#retry());
    if (!this.#connection.tokenProvider) return emptyTemplate(t.noSession);
    const refusal = rangeRefusal(this.#range, this.windowSize, this.#format.locale);
    if (refusal) return errorTemplate(t, refusal);
    if (!this.#spend.value) return pending ? loadingTemplate(t.loadingSpend, [this.view]) : nothing;
    if (!entry || !model || (model.total === 0 && (model.negative?.total ?? 0) === 0)) return emptyTemplate(t.noSpend);
    return this.#chart.template({
      model,
      summary: (m) => spendSummary(m, entry.credit_type, this.#format),
      mode: this.chartType,
      format: this.#format,
      values: this.#values(entry),
      table: this.view === 'table',
      legend: !this.noLegend,
    });
  }

  #controls() {
    const types = this.#spend.value?.credit_types ?? [];
    const range = this.#range;
    const days = range ? (Date.parse(range.endingBefore) - Date.parse(range.startingOn)) / DAY : 0;
    const value = (e: Event) => (e.target as HTMLSelectElement).value;
    const preset = this.startingOn && this.endingBefore ? 'custom' : this.range || (this.#summary.value?.period ? 'current-period' : '30d');
    const t = messages(this.#format.locale, spendBreakdown);
    return html`<div part="controls" class="controls">
      <label>${t.splitBy}
        <select @change=${(e: Event) => this.#change({ groupBy: value(e) })}>
          ${[...new Set(['product', ...(this.#spend.value?.group_by_options ?? []), this.groupBy])].map(
            (key) => html`<option value=${key} ?selected=${key === this.groupBy}>${key === 'product' ? t.product : key}</option>`,
          )}
        </select>
      </label>
      <label>${t.range}
        <select @change=${(e: Event) => this.#change({ range: value(e) as RangePreset, startingOn: '', endingBefore: '' })}>
          ${this.#summary.value?.period ? html`<option value="current-period" ?selected=${preset === 'current-period'}>${t.currentPeriod}</option>` : nothing}
          <option value="7d" ?selected=${preset === '7d'}>${t.lastDays(7)}</option>
          <option value="30d" ?selected=${preset === '30d'}>${t.lastDays(30)}</option>
          <option value="90d" ?selected=${preset === '90d'}>${t.lastDays(90)}</option>
          ${preset === 'custom' ? html`<option value="custom" selected>${t.custom}</option>` : nothing}
        </select>
      </label>
      <label>${t.windows}
        <select @change=${(e: Event) => this.#change({ windowSize: value(e) as 'day' | 'hour' })}>
          <option value="day" ?selected=${this.windowSize === 'day'}>${t.daily}</option>
          <option value="hour" ?selected=${this.windowSize === 'hour'} ?disabled=${days > MAX_HOURLY_DAYS}>${t.hourly}</option>
        </select>
      </label>
      ${types.length > 1
        ? html`<label>${t.creditType}
            <select @change=${(e: Event) => this.#change({ creditTypeId: value(e) })}>
              ${types.map((type) => html`<option value=${type.credit_type.id} ?selected=${type === this.#entry}>${creditTypeLabel(type.credit_type)}</option>`)}
            </select>
          </label>`
        : nothing}
      <div class="segmented" role="group" aria-label=${t.chartType}>
        <button type="button" aria-pressed=${this.chartType === 'bars'} @click=${() => this.#change({ chartType: 'bars' })}>${t.bars}</button>
        <button type="button" aria-pressed=${this.chartType === 'lines'} @click=${() => this.#change({ chartType: 'lines' })}>${t.lines}</button>
      </div>
      <button type="button" part="table-toggle" aria-pressed=${this.view === 'table'} @click=${() => this.#change({ view: this.view === 'table' ? 'chart' : 'table' })}>${t.table}</button>
      <button type="button" part="export" ?disabled=${!this.#entry} @click=${this.#export}>${t.exportCsv}</button>
    </div>`;
  }

  get #format(): FormatOptions {
    return widgetFormat(this, this.locale, this.timeZone);
  }

  #values(entry: SpendEntry): ValueFormat {
    const { locale } = this.#format;
    return {
      value: (v) => formatMoney(v, entry.credit_type, locale),
      tick: (v) => formatMoney(v, entry.credit_type, locale, { compact: true }),
      unit: '',
      exact: (v) => exactTitle(v, entry.credit_type, locale),
    };
  }

  get #needsSummary() {
    return !this.noHeadline || (!(this.startingOn && this.endingBefore) && (this.range || 'current-period') === 'current-period');
  }

  get #range() {
    const summary = this.#summary.value;
    const period = summary?.period ? { current_billing_period: summary.period } : null;
    return resolveRange(this, period, this.#summary.status === TaskStatus.COMPLETE || !this.#needsSummary, Date.now(), this.#format.timeZone);
  }

  get #entry(): SpendEntry | undefined {
    const types = this.#spend.value?.credit_types ?? [];
    return types.find((t) => t.credit_type.id === this.creditTypeId) ?? types[0];
  }

  get #summaryEntry() {
    const types = this.#summary.value?.credit_types ?? [];
    const id = this.#entry?.credit_type.id ?? this.creditTypeId;
    return types.find((t) => t.credit_type.id === id) ?? types[0];
  }

  /** The entry as a windowed chart's data, converted once per answer so memoized geometry holds. */
  #view(entry: SpendEntry) {
    let shape = this.#shapes.get(entry);
    if (!shape) {
      const response = this.#spend.value!;
      shape = {
        data: { window_size: entry.window_size, starting_on: response.starting_on, ending_before: response.ending_before, group_key: [entry.group_by], groups: entry.groups, windows: entry.windows },
        credits: entry.windows.map((w) => w.credits_applied),
      };
      this.#shapes.set(entry, shape);
    }
    const format = this.#format;
    const { locale } = format;
    const t = messages(locale, spendBreakdown);
    return this.#chart.view(shape.data, { title: t.spendIn(creditTypeLabel(entry.credit_type)), maxGroups: this.maxGroups, negative: { label: t.commitsAndCredits, values: shape.credits }, locale }, this.chartType, format, this.#values(entry).tick);
  }

  #retry() {
    if (this.#summary.status === TaskStatus.ERROR) this.#summary.run();
    if (this.#spend.status === TaskStatus.ERROR) this.#spend.run();
  }

  #change(settings: Partial<Pick<SpendBreakdown, 'groupBy' | 'range' | 'startingOn' | 'endingBefore' | 'windowSize' | 'creditTypeId' | 'chartType' | 'view'>>) {
    Object.assign(this, settings);
    if ('groupBy' in settings || 'creditTypeId' in settings) this.#chart.reset();
    this.dispatchEvent(new MwChangeEvent(settings));
  }

  #export = () => {
    const entry = this.#entry;
    const model = entry ? this.#view(entry)?.model : null;
    if (entry && model) downloadCsv(chartCsv(model, this.#format.locale, moneyForCsv(entry.credit_type)), csvFilename(model));
  };
}

defineElement('spend-breakdown', SpendBreakdown);

declare global {
  interface HTMLElementTagNameMap {
    'spend-breakdown': SpendBreakdown;
  }
}
