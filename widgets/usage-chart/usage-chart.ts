import { html, isServer, LitElement, nothing, type PropertyValues } from 'lit';
import { TaskStatus } from '@lit/task';
import { SessionTask } from '../shared/session-task.ts';
import { getJson } from '../shared/api.ts';
import { chartStyles } from '../shared/chart/chart.styles.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { theme, totalStyles } from './usage-chart.styles.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { legendTemplate } from '../shared/chart/legend.ts';
import { type CustomerResponse, type Freshness, MAX_HOURLY_DAYS, type UsageResponse, type WindowSize } from '../../contract/index.ts';
import { downloadCsv } from '../shared/csv.ts';
import { MwChangeEvent, reportErrors } from '../shared/events.ts';
import { type FormatOptions, formatCompact, formatNumber, widgetFormat } from '../shared/format.ts';
import { LocaleController } from '../shared/i18n/locale-controller.ts';
import { messages } from '../shared/i18n/messages.ts';
import { usageChart } from '../shared/i18n/en.ts';
import type { GroupKeyOverrides } from '../shared/labels.ts';
import type { TokenProvider } from '../shared/session.ts';
import { ConnectionController } from '../shared/connection.ts';
import { type ThemeName, ThemeController } from '../shared/theme/theme-controller.ts';
import { emptyTemplate, errorTemplate, errorText, loadingTemplate, stateStyles } from '../shared/states.ts';
import { replaceServerRender, serverPlaceholder } from '../shared/server-render.ts';
import { staleStyles, staleTemplate } from '../shared/freshness.ts';
import { controlsTemplate, type ControlsHandlers, type Settings } from './usage-chart.controls.ts';
import type { ChartMode } from '../shared/chart/layout.ts';
import type { ChartModel } from '../shared/chart/model.ts';
import type { ValueFormat } from '../shared/chart/plot.ts';
import { WindowedChart } from '../shared/chart/windowed-chart.ts';
import { DAY, parseGroupFilter, type RangePreset, rangeRefusal, resolveRange, serializeGroupFilter } from '../shared/range.ts';
import { summarize } from './usage-chart.summary.ts';
import { chartCsv, csvFilename } from '../shared/chart/table.ts';
import { defineElement } from '../shared/define.ts';

/**
 * Usage of one billable metric over time, stacked by group, for the signed-in customer, with controls
 * to pick the metric, grouping, filters, range, granularity and comparison.
 *
 * Themed by the page's `--metronome-*` tokens over the light or dark defaults below (README, Theming);
 * matches `:state(dark)` / `:state(light)` while a palette is in force.
 *
 * @tagname usage-chart
 * @summary Granular usage that customers slice themselves.
 *
 * @fires {MwErrorEvent} mw-error - Loading failed; the widget shows plain words with Retry, and `event.message`, `event.status` and `event.code` carry the technical detail (`event.error`, the error).
 * @fires {MwLoadEvent} mw-load - After the render that shows freshly loaded data; once per load, reloads included.
 * @fires {MwChangeEvent} mw-change - The viewer changed a setting through the controls; `event.settings` has the new values.
 *
 * @slot empty - Replaces the "No usage in this period" message.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart stale - The note shown when the figures are older ones the proxy kept because Metronome is not answering.
 * @csspart controls - The row of pickers above the chart.
 * @csspart total - The range's total and the metric it counts, above the chart; "so far" while the range is under way.
 * @csspart filter - One group key's value filter.
 * @csspart table-toggle - The button that switches between chart and table.
 * @csspart export - The Export CSV button.
 * @csspart chart - The box the chart is drawn in; its height is `--usage-chart-height`.
 * @csspart plot - The focusable chart area; arrow keys move between windows.
 * @csspart series - One series' bars or line.
 * @csspart highlight - The band behind the window under the pointer or focus.
 * @csspart partial - The hatching over the window still being counted, in a range under way (later windows are not drawn).
 * @csspart total-line - The total, drawn in lines mode when comparing.
 * @csspart previous-line - The previous period's totals: the billing period before the current one, or the same length back; the legend names its days.
 * @csspart tooltip - The details of the window under the pointer, the finger that tapped it, or focus.
 * @csspart axis - Both axes; also `x-axis` and `y-axis`.
 * @csspart legend - The list of series; each `legend-item` toggles one.
 * @csspart legend-item - One series' toggle button.
 * @csspart table-container - The scrolling box around the table view.
 * @csspart table - The table view.
 * @csspart row - One window's row in the table.
 * @csspart loading - The skeleton shown while the first data loads.
 * @csspart empty - Shown when there is nothing to draw or the widget is not configured.
 * @csspart error - Shown when loading failed, or for a range the proxy would refuse (no Retry then).
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--metronome-gray-dark=#111827] - Text, the total and the previous period's line; the page's own text colour by default, unless a theme is forced. Dark: #f3f4f6.
 * @cssproperty [--metronome-gray-medium=#4b5563] - Axis labels, notes and state messages. Dark: #9ca3af.
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
 * @cssproperty [--metronome-axis-font-size=0.75rem] - Axis labels.
 * @cssproperty [--metronome-font-family] - Font; the page's by default.
 * @cssproperty [--metronome-radius=6px] - Corner radius of buttons, controls and popups.
 * @cssproperty [--metronome-spacing=0.5rem] - Spacing unit: gaps and cell padding are multiples of it.
 * @cssproperty [--metronome-state-min-height=12rem] - Height of the loading, empty and error states.
 */
export class UsageChart extends LitElement {
  static override styles = [theme, stateStyles, staleStyles, tableStyles, controlStyles, chartStyles, totalStyles];
  // Declared fields below, defaults set in the constructor: a class field would hide the accessor lit defines,
  // and decorators cost kilobytes once esbuild lowers them (scripts/build.mjs).
  static override properties = {
    theme: { reflect: true },
    endpoint: {},
    tokenProvider: { attribute: false },
    tokenUrl: { attribute: 'token-url' },
    tokenCredentials: { attribute: 'token-credentials' },
    billableMetricId: { attribute: 'billable-metric-id' },
    groupKey: { attribute: 'group-key' },
    groupFilter: { attribute: 'group-filter' },
    windowSize: { attribute: 'window-size' },
    range: {},
    startingOn: { attribute: 'starting-on' },
    endingBefore: { attribute: 'ending-before' },
    compare: { type: Boolean },
    chartType: { attribute: 'chart-type' },
    maxGroups: { attribute: 'max-groups', type: Number },
    groupKeyOverrides: { attribute: 'group-key-overrides', type: Object },
    view: {},
    refreshInterval: { attribute: 'refresh-interval', type: Number },
    locale: {},
    timeZone: { attribute: 'time-zone' },
    noControls: { attribute: 'no-controls', type: Boolean },
    noLegend: { attribute: 'no-legend', type: Boolean },
  };

  protected readonly themeController = new ThemeController(this);
  #connection = new ConnectionController(this, () => this.#knownValues.clear());
  protected readonly localeController = new LocaleController(this);

  #chart = new WindowedChart(this);
  #refreshTimer: ReturnType<typeof setInterval> | undefined;
  /**
   * The first data's skeleton waits for the element's second frame: an answer already at hand (a warm proxy,
   * a cache) then draws the chart without a frame of skeleton before it, whose layout and paint the chart's
   * first frame would wait for. Later loads, and a server's placeholder being replaced, show it at once.
   */
  #skeletonDue: boolean | undefined;
  #knownValues = new Map<string, Record<string, string[]>>();

  #customer = new SessionTask(this, this.#connection, {
    args: () => [this.#connection.endpoint, this.#connection.tokenProvider, this.#needsCustomer] as const,
    task: ([endpoint, tokenProvider, needed], { signal }) =>
      needed && tokenProvider ? reportErrors(this, getJson<CustomerResponse & Freshness>({ endpoint, tokenProvider }, '/api/customer', {}, { signal }), signal) : null,
  });

  #usage = new SessionTask(this, this.#connection, {
    args: () => {
      const range = this.#range;
      const period = this.#customer.value?.current_billing_period;
      // The range is the customer's current billing period (picked, or the same dates).
      const current = range?.startingOn === period?.starting_on && range?.endingBefore === period?.ending_before;
      return [this.#connection.endpoint, this.#connection.tokenProvider, this.#metricId, this.groupKey, this.windowSize, range?.startingOn, range?.endingBefore, this.groupFilter, this.compare, current] as const;
    },
    task: async ([endpoint, tokenProvider, metric, groupKey, windowSize, from, to, filter, compare, currentPeriod], { signal }) => {
      if (!metric || !tokenProvider || !from || !to || rangeRefusal({ startingOn: from, endingBefore: to }, windowSize)) return null;
      // The current period is compared with the billing period before it, which only the proxy knows (it may be longer or shorter).
      const period = compare && currentPeriod;
      const params = {
        billable_metric_id: metric,
        window_size: windowSize,
        starting_on: period ? '' : from,
        ending_before: period ? '' : to,
        current_period: period ? 'true' : '',
        group_key: groupKey,
        group_filter: serializeGroupFilter(parseGroupFilter(filter)),
        compare: compare ? 'previous' : '',
      };
      const data = await reportErrors(this, getJson<UsageResponse & Freshness>({ endpoint, tokenProvider }, '/api/usage', params, { signal }), signal);
      this.#rememberValues(metric, data);
      return data;
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
  /** The metric to show (its id); the customer's first metric when empty and the controls are shown. */
  declare billableMetricId: string;
  /** Comma-separated keys to group by; a compound key lists all of its keys. Empty for totals only. */
  declare groupKey: string;
  /** Values to keep per key: `region:us-east-1,eu-west-1;tier:hot`. */
  declare groupFilter: string;
  /** `day`, `hour` (ranges of 92 days at most) or `none` (one window for the whole range). */
  declare windowSize: WindowSize;
  /** `current-period` (when empty: the current billing period, or the last 30 days for a customer without a contract), `7d`, `30d` or `90d`; ignored when both dates are set. */
  declare range: RangePreset | '';
  /** Start of a custom range, ISO 8601 (`2026-10-01` is UTC midnight); with `ending-before`, overrides `range`. */
  declare startingOn: string;
  /** End of a custom range, ISO 8601, excluded; with `starting-on`, overrides `range`. */
  declare endingBefore: string;
  /** Also load the previous period and compare with it: for the current billing period, the billing period before it; otherwise the same length just before. */
  declare compare: boolean;
  /** `bars` (stacked) or `lines`. */
  declare chartType: ChartMode;
  /** Most series drawn; smaller groups fold into "Other (n)". */
  declare maxGroups: number;
  /** Display names for keys and values, as Metronome's group-key overrides: `{"region": {"display_name": "Region", "value_display_names": {…}}}`. */
  declare groupKeyOverrides: GroupKeyOverrides | undefined;
  /** `chart`, or `table`: a table of exactly what the chart draws. */
  declare view: 'chart' | 'table';
  /** Reload every this many seconds, keeping the chart on screen meanwhile; 0 for never. */
  declare refreshInterval: number;
  /** BCP 47 locale for words, numbers and dates; the page's `configure({ locale })`, `lang` or the browser's when empty. */
  declare locale: string;
  /** IANA time zone for times and for today's date; the page's `configure({ timeZone })` or UTC when empty. Days stay Metronome's UTC days, named by their dates. */
  declare timeZone: string;
  /** Hide the controls row, for a bare chart. */
  declare noControls: boolean;
  /** Hide the legend. */
  declare noLegend: boolean;

  constructor() {
    super();
    this.endpoint = '';
    this.tokenUrl = '';
    this.tokenCredentials = '';
    this.billableMetricId = '';
    this.groupKey = '';
    this.groupFilter = '';
    this.windowSize = 'day';
    this.range = '';
    this.startingOn = '';
    this.endingBefore = '';
    this.compare = false;
    this.chartType = 'bars';
    this.maxGroups = 8;
    this.view = 'chart';
    this.refreshInterval = 0;
    this.locale = '';
    this.timeZone = '';
    this.noControls = false;
    this.noLegend = false;
  }

  override updated(changed: PropertyValues<this>) {
    if (changed.has('refreshInterval')) {
      clearInterval(this.#refreshTimer);
      if (this.refreshInterval > 0) this.#refreshTimer = setInterval(() => this.#usage.run(), this.refreshInterval * 1000);
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    // Re-arm live refresh when a host moves the element around the page.
    if (this.hasUpdated) this.requestUpdate('refreshInterval', 0);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#refreshTimer);
  }

  /** A server-rendered placeholder is replaced, not hydrated (see shared/server-render.ts). */
  override createRenderRoot() {
    const server = replaceServerRender(this);
    if (server) this.#skeletonDue = true;
    return server ?? super.createRenderRoot();
  }

  override render() {
    SERVER: if (isServer) return serverPlaceholder(usageChart.loadingUsage, [this.view]);
    const pending = this.#usage.status === TaskStatus.PENDING || this.#customer.status === TaskStatus.PENDING;
    const model = this.#view?.model ?? null;
    return html`<div part="base" aria-busy=${pending ? 'true' : 'false'}>
      ${staleTemplate([this.#customer.value, this.#usage.value], this.#format)}
      ${this.noControls ? nothing : controlsTemplate(this, this.#controlsState(model), this.#handlers, messages(this.#format.locale, usageChart))}
      ${this.#renderBody(model, pending)}
      <div class="visually-hidden" aria-live="polite">${model ? this.#chart.liveText(model, this.#format, this.#values(model)) : ''}</div>
    </div>`;
  }

  #renderBody(model: ChartModel | null, pending: boolean) {
    const t = messages(this.#format.locale, usageChart);
    const failed = [this.#usage, this.#customer].find((task) => task.status === TaskStatus.ERROR);
    if (failed) return errorTemplate(t, errorText(failed.error, t), () => this.#retry());
    if (!this.#connection.tokenProvider) return emptyTemplate(t.noSession);
    const refusal = rangeRefusal(this.#range, this.windowSize, this.#format.locale);
    if (refusal) return errorTemplate(t, refusal);
    if (!this.#metricId) {
      if (pending) return this.#loading(t.loadingUsage);
      return emptyTemplate(this.#customer.value ? t.noMetrics : t.setMetric);
    }
    // While reloading, the previous chart stays (dimmed) instead of flashing the skeleton.
    if (!model) return pending ? this.#loading(t.loadingUsage) : nothing;
    const allHidden = model.series.every((s) => s.hidden);
    if (model.total === 0 && !allHidden && !model.previous?.total) {
      // A legend only when the viewer switched off the series that have usage, to switch them back on.
      const hiddenUsage = model.series.some((s) => s.hidden && s.total !== 0);
      return html`${emptyTemplate(t.noUsage)}${this.noLegend || !hiddenUsage ? nothing : legendTemplate(model.series, (key) => this.#chart.toggle(key), t.series)}`;
    }
    return html`<p part="total" class="hint">${t.rangeTotal(model.partial)} <strong>${formatNumber(model.total, this.#format.locale)}</strong> ${model.title}</p>
      ${this.#chart.template({ model, summary: (m) => summarize(m, this.#format), mode: this.chartType, format: this.#format, values: this.#values(model), table: this.view === 'table', legend: !this.noLegend })}`;
  }

  /** The skeleton once due; until then nothing, the next frame asked for once (false: asked; a frame's id is never 0). */
  #loading(label: string) {
    if (this.#skeletonDue) return loadingTemplate(label, [this.view]);
    this.#skeletonDue ??= !requestAnimationFrame(() => {
      this.#skeletonDue = true;
      if (this.#usage.status === TaskStatus.PENDING || this.#customer.status === TaskStatus.PENDING) this.requestUpdate();
    });
    return nothing;
  }

  /** Worked out once per update (from its start), not at each of its many reads: it walks up the page for a `lang`. */
  #formatNow: FormatOptions | undefined;

  override willUpdate() {
    this.#formatNow = undefined;
  }

  get #format(): FormatOptions {
    return (this.#formatNow ??= widgetFormat(this, this.locale, this.timeZone));
  }

  #values(model: ChartModel): ValueFormat {
    const { locale } = this.#format;
    return { value: (v) => formatNumber(v, locale), tick: (v) => formatCompact(v, locale), unit: model.title };
  }

  get #metricId() {
    return this.billableMetricId || (this.noControls ? '' : this.#customer.value?.billable_metrics[0]?.id) || '';
  }

  get #needsCustomer() {
    return !this.noControls || (Boolean(this.billableMetricId) && !(this.startingOn && this.endingBefore) && (this.range || 'current-period') === 'current-period');
  }

  get #range() {
    return resolveRange(this, this.#customer.value, this.#customer.status === TaskStatus.COMPLETE || !this.#needsCustomer, Date.now(), this.#format.timeZone);
  }

  get #view() {
    const data = this.#usage.value;
    const format = this.#format;
    return this.#chart.view(data, { title: data?.billable_metric.name ?? '', maxGroups: this.maxGroups, overrides: this.groupKeyOverrides, locale: format.locale }, this.chartType, format, (v) => formatCompact(v, format.locale));
  }

  #retry() {
    if (this.#customer.status === TaskStatus.ERROR) this.#customer.run();
    else this.#usage.run();
  }

  #rememberValues(metric: string, data: UsageResponse) {
    if (!data.group_key) return;
    const id = `${metric}|${data.group_key.join(',')}`;
    const known = this.#knownValues.get(id) ?? {};
    data.group_key.forEach((key, i) => {
      known[key] = [...new Set([...(known[key] ?? []), ...data.groups.map((g) => g.split(' / ')[i]!)])].sort();
    });
    this.#knownValues.set(id, known);
  }

  #controlsState(model: ChartModel | null) {
    const range = this.#range;
    const days = range ? (Date.parse(range.endingBefore) - Date.parse(range.startingOn)) / DAY : 0;
    const custom = Boolean(this.startingOn && this.endingBefore);
    return {
      _customer: this.#customer.value ?? undefined,
      _metricId: this.#metricId,
      _range: custom ? 'custom' : this.range || (this.#customer.value?.current_billing_period ? 'current-period' : '30d'),
      _customFrom: range?.startingOn.slice(0, 10) ?? '',
      _customTo: range ? new Date(Date.parse(range.endingBefore) - DAY).toISOString().slice(0, 10) : '',
      _hourlyAllowed: days <= MAX_HOURLY_DAYS,
      _knownValues: this.#knownValues.get(`${this.#metricId}|${this.groupKey}`) ?? {},
      _filter: parseGroupFilter(this.groupFilter),
      _canExport: Boolean(model),
    } as const;
  }

  #change(settings: Partial<Settings>) {
    Object.assign(this, settings);
    if ('billableMetricId' in settings || 'groupKey' in settings) this.#chart.reset();
    this.dispatchEvent(new MwChangeEvent(settings));
  }

  #handlers: ControlsHandlers = {
    change: (settings) => this.#change(settings),
    range: (range) =>
      range === 'custom'
        ? this.#change({ range, startingOn: this.#range?.startingOn ?? '', endingBefore: this.#range?.endingBefore ?? '' })
        : this.#change({ range, startingOn: '', endingBefore: '' }),
    customRange: (from, to) => {
      if (!from || !to || to < from) return;
      this.#change({ startingOn: `${from}T00:00:00.000Z`, endingBefore: new Date(Date.parse(`${to}T00:00:00Z`) + DAY).toISOString() });
    },
    filter: (key, values) => {
      const filter = { ...parseGroupFilter(this.groupFilter), [key]: values };
      this.#change({ groupFilter: serializeGroupFilter(filter).join(';') });
    },
    exportCsv: () => {
      const model = this.#view?.model;
      if (model) downloadCsv(chartCsv(model, this.#format.locale), csvFilename(model));
    },
  };
}

defineElement('usage-chart', UsageChart);

declare global {
  interface HTMLElementTagNameMap {
    'usage-chart': UsageChart;
  }
}
