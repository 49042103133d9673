import { html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { getJson } from '../shared/api.ts';
import { SizeController } from '../shared/chart/size-controller.ts';
import type { UsageResponse, WindowSize } from '../shared/contract.ts';
import { MwErrorEvent } from '../shared/events.ts';
import { formatCompact, formatDate, formatDateTime } from '../shared/format.ts';
import type { TokenProvider } from '../shared/session.ts';
import { emptyTemplate, errorTemplate, loadingTemplate, stateStyles } from '../shared/states.ts';
import { layout, type UsageLayout } from './usage-chart.layout.ts';
import styles from './usage-chart.styles.ts';
import { summarize } from './usage-chart.summary.ts';

const SERIES_COLOURS = 8;
const DAY = 86_400_000;

/**
 * A stacked bar chart of one billable metric's usage per time window, stacked by group.
 *
 * @summary Usage of one billable metric over time, for the signed-in customer.
 *
 * @fires mw-error - The usage could not be loaded; `event.error.message` is what the widget shows.
 *
 * @slot empty - Replaces the "No usage in this period" message.
 *
 * @csspart base - The wrapper of everything the widget shows.
 * @csspart chart - The box the chart is drawn in; its height is `--usage-chart-height`.
 * @csspart bar - One group's part of one window's bar.
 * @csspart axis - Both axes; also `x-axis` and `y-axis`.
 * @csspart legend - The list of groups and their colours.
 * @csspart loading - The skeleton shown while the first data loads.
 * @csspart empty - Shown when there is no usage, or the widget is not configured yet.
 * @csspart error - Shown when loading failed.
 * @csspart retry - The error state's Retry button.
 *
 * @cssproperty [--usage-chart-height=16rem] - Height of the chart area.
 * @cssproperty [--mw-color-1=#2563eb] - Colour of the first series (and every eighth after it).
 * @cssproperty [--mw-color-2=#f97316] - Colour of the second series.
 * @cssproperty [--mw-color-3=#10b981] - Colour of the third series.
 * @cssproperty [--mw-color-4=#a855f7] - Colour of the fourth series.
 * @cssproperty [--mw-color-5=#e11d48] - Colour of the fifth series.
 * @cssproperty [--mw-color-6=#0891b2] - Colour of the sixth series.
 * @cssproperty [--mw-color-7=#ca8a04] - Colour of the seventh series.
 * @cssproperty [--mw-color-8=#64748b] - Colour of the eighth series.
 * @cssproperty [--mw-muted-color=#4b5563] - Axis labels and state messages.
 * @cssproperty [--mw-grid-color=#e5e7eb] - Gridlines.
 * @cssproperty [--mw-axis-font-size=0.75rem] - Axis labels.
 * @cssproperty [--mw-skeleton-color=#e5e7eb] - The loading skeleton.
 * @cssproperty [--mw-state-min-height=12rem] - Height of the loading, empty and error states.
 * @cssproperty [--mw-radius=6px] - Corner radius of buttons.
 * @cssproperty [--mw-focus-color=#2563eb] - Focus ring.
 */
@customElement('usage-chart')
export class UsageChart extends LitElement {
  static override styles = [stateStyles, styles];

  #size = new SizeController(this, () => this.renderRoot.querySelector('[part="chart"]'));

  #usage = new Task(this, {
    args: () =>
      [this.endpoint, this.tokenProvider, this.billableMetricId, this.groupKey, this.windowSize, this.startingOn, this.endingBefore] as const,
    task: async ([endpoint, tokenProvider, metric, groupKey, windowSize, startingOn, endingBefore], { signal }) => {
      if (!metric || !tokenProvider) return null;
      const range = startingOn && endingBefore ? { startingOn, endingBefore } : defaultRange();
      try {
        return await getJson<UsageResponse>(
          { endpoint, tokenProvider },
          '/api/usage',
          {
            billable_metric_id: metric,
            window_size: windowSize,
            starting_on: range.startingOn,
            ending_before: range.endingBefore,
            group_key: groupKey,
          },
          { signal },
        );
      } catch (error) {
        if (!signal.aborted) this.dispatchEvent(new MwErrorEvent(error as Error));
        throw error;
      }
    },
  });

  /** Base URL of the proxy; empty for the page's own origin. */
  @property() accessor endpoint = '';

  /** Returns a session token from the host's backend; called again when the proxy answers 401. */
  @property({ attribute: false }) accessor tokenProvider: TokenProvider | undefined = undefined;

  @property({ attribute: 'billable-metric-id' }) accessor billableMetricId = '';

  /** Comma-separated keys to group by; a compound key lists all of its keys. Empty for totals only. */
  @property({ attribute: 'group-key' }) accessor groupKey = '';

  @property({ attribute: 'window-size' }) accessor windowSize: WindowSize = 'day';

  /** ISO 8601 start of the range; with `ending-before` unset too, the last 30 UTC days are shown. */
  @property({ attribute: 'starting-on' }) accessor startingOn = '';

  @property({ attribute: 'ending-before' }) accessor endingBefore = '';

  /** BCP 47 locale for numbers and dates; the page's language when empty. */
  @property() accessor locale = '';

  override render() {
    const data = this.#usage.value;
    const pending = this.#usage.status === TaskStatus.PENDING;
    return html`<div part="base" aria-busy=${pending ? 'true' : 'false'}>${this.#renderState(data, pending)}</div>`;
  }

  #renderState(data: UsageResponse | null | undefined, pending: boolean) {
    if (!this.billableMetricId) return emptyTemplate('Set the billable-metric-id attribute to choose a metric.');
    if (!this.tokenProvider) return emptyTemplate('Waiting for a billing session: the page must set tokenProvider.');
    if (this.#usage.status === TaskStatus.ERROR) {
      return errorTemplate((this.#usage.error as Error)?.message ?? 'Usage could not be loaded.', () => this.#usage.run());
    }
    // While reloading, the previous chart stays (dimmed) instead of flashing the skeleton.
    if (!data) return pending ? loadingTemplate('Loading usage…') : nothing;
    if (data.total === 0) return emptyTemplate('No usage in this period');
    return this.#renderChart(data);
  }

  #renderChart(data: UsageResponse) {
    const locale = this.#locale;
    const summary = summarize(data, locale);
    const { width, height } = this.#size;
    const geometry = width > 0 && height > 0 ? layout(data, { width, height }) : null;
    return html`
      <div part="chart">${geometry ? this.#renderSvg(geometry, data, summary, { width, height }) : nothing}</div>
      ${geometry && geometry.series.length > 1
        ? html`<ul part="legend" aria-label="Groups">
            ${geometry.series.map((name, i) => html`<li><span class="swatch ${colourClass(i)}" aria-hidden="true"></span>${name}</li>`)}
          </ul>`
        : nothing}
    `;
  }

  #renderSvg(geometry: UsageLayout, data: UsageResponse, summary: string, size: { width: number; height: number }) {
    const { margin, innerWidth, innerHeight } = geometry;
    const locale = this.#locale;
    const hourly = data.window_size === 'hour' && new Date(data.ending_before).getTime() - new Date(data.starting_on).getTime() <= 3 * DAY;
    const xLabel = (d: Date) => (hourly ? formatDateTime(d, locale) : formatDate(d, locale));
    return html`<svg role="img" aria-label=${summary} width=${size.width} height=${size.height}>
      <g transform="translate(${margin.left} ${margin.top})">
        <g part="axis y-axis" aria-hidden="true">
          ${geometry.yTicks.map(
            (t) => svg`<line x1="0" x2=${innerWidth} y1=${t.position} y2=${t.position}></line>
              <text x="-6" y=${t.position} dy="0.32em" text-anchor="end">${formatCompact(t.value as number, locale)}</text>`,
          )}
        </g>
        <g aria-hidden="true">
          ${geometry.bars.map(
            (b) => svg`<rect part="bar" class=${colourClass(b.series)} x=${b.x} y=${b.y} width=${b.width} height=${b.height}
              data-series=${geometry.series[b.series]!} data-window=${b.window} data-value=${b.value}></rect>`,
          )}
        </g>
        <g part="axis x-axis" aria-hidden="true" transform="translate(0 ${innerHeight})">
          ${geometry.xTicks.map(
            (t) => svg`<text x=${t.position} y="16" text-anchor=${t.anchor}>${xLabel(t.value)}</text>`,
          )}
        </g>
      </g>
    </svg>`;
  }

  get #locale() {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || undefined;
  }
}

const colourClass = (series: number) => `s${(series % SERIES_COLOURS) + 1}`;

/** The last 30 whole UTC days, today included. */
function defaultRange() {
  const end = (Math.floor(Date.now() / DAY) + 1) * DAY;
  return { startingOn: new Date(end - 30 * DAY).toISOString(), endingBefore: new Date(end).toISOString() };
}

declare global {
  interface HTMLElementTagNameMap {
    'usage-chart': UsageChart;
  }
}
