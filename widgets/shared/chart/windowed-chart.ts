import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { type FormatOptions, formatPeriod } from '../format.ts';
import { messages } from '../i18n/messages.ts';
import { dataTableTemplate } from './data-table.ts';
import { type ChartMode, layout, type UsageLayout, windowAt } from './layout.ts';
import { legendTemplate } from './legend.ts';
import { buildModel, type ChartModel, type ModelOptions, visibleSeries, type WindowedData } from './model.ts';
import { axisText, describeWindow, highlightTemplate, svgTemplate, tooltipTemplate, type ValueFormat } from './plot.ts';
import { SizeController } from './size-controller.ts';
import { tableData } from './table.ts';

/**
 * Bars (windows × series drawn) from which the plot has those layers from its first paint: making them
 * on the first read re-rasterises every bar (about 60 ms of raster at 21,600, which delays the next
 * few reads), while a smaller chart re-rasterises in a few milliseconds and keeps no extra layers.
 */
const LAYERED_FROM = 2000;

const changed = (key: unknown[], known: unknown[] | undefined) => !known || key.some((k, i) => k !== known[i]);

const touchy = (event: PointerEvent) => event.pointerType === 'touch' || event.pointerType === 'pen';

/**
 * Everything a windowed chart element (usage, spend) does besides fetching: the series the viewer
 * hid, the window under the pointer or keyboard, the model and geometry (rebuilt only when their
 * inputs change, so moving the pointer does not re-lay 20,000 values), and the chart, table and
 * legend templates. A controller rather than a base class, so each element stays a plain LitElement.
 *
 * Reading a window touches only the layers above and below the series: the series' SVG, its axis
 * labels and the summary that names it are made once per model (and size and mode), and the same
 * template is handed back on every move, so lit leaves that SVG alone and the browser does not
 * re-rasterise its paths.
 */
export class WindowedChart implements ReactiveController {
  hidden: ReadonlySet<string> = new Set();
  /** The window being read, by pointer or keyboard; null when none. */
  active: number | null = null;
  readonly size: SizeController;
  /** The model, rebuilt when the data or what it is built with changes, not when the chart is resized. */
  #model: { key: unknown[]; model: ChartModel } | undefined;
  /** That model's geometry at the chart's size, in its mode and axis font. */
  #memo: { key: unknown[]; model: ChartModel; geometry: UsageLayout | null } | undefined;
  /** What is worded once per model: the summary, the legend's name for the period compared with. */
  #drawn: { model: ChartModel; summary: string; previous: string | undefined } | undefined;
  /** The series' SVG, drawn once per geometry. */
  #series: { geometry: UsageLayout; svg: TemplateResult } | undefined;
  #context: CanvasRenderingContext2D | null | undefined;
  /** A window has been read: the plot keeps its highlight and tooltip layers from then on (see chart.styles.ts). */
  #read = false;
  /** A raw pointer move has been read since the last frame began (see #onRawMove). */
  #readRaw = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
    this.size = new SizeController(host, () => host.renderRoot.querySelector('[part="chart"]'));
  }

  /** A chart moved elsewhere in the page starts without a window being read. */
  hostDisconnected() {
    this.active = null;
    document.removeEventListener('pointerdown', this.#outside, true);
  }

  /** `format` and `tick` write the axes' labels (`tick` is taken to change only with `data` or the locale). */
  view(data: WindowedData | null | undefined, options: Omit<ModelOptions, 'hidden'>, mode: ChartMode, format: FormatOptions, tick: (value: number) => string) {
    if (!data) return null;
    const chart = this.host.renderRoot.querySelector('[part="chart"]');
    const style = chart && getComputedStyle(chart);
    // The axis labels' font, so that they are measured as drawn.
    const font = style ? `${style.fontWeight} ${style.fontSize} ${style.fontFamily}` : '';
    // The locale for numbers and dates, and its catalogue for words (a catalogue that loads later is a new object).
    const modelKey = [data, this.hidden, options.title, options.maxGroups, options.overrides, options.negative?.values, options.negative?.label, options.locale, messages(options.locale)];
    if (changed(modelKey, this.#model?.key)) this.#model = { key: modelKey, model: buildModel(data, { ...options, maxGroups: Math.max(1, options.maxGroups), hidden: this.hidden }) };
    const { model } = this.#model!;
    const key = [model, mode, this.size.width, this.size.height, format.timeZone, font];
    if (changed(key, this.#memo?.key)) {
      const { width, height } = this.size;
      const context = (this.#context ??= document.createElement('canvas').getContext('2d'));
      if (context) context.font = font;
      const measure = (label: string) => context?.measureText(label).width ?? label.length * 7;
      const text = axisText(format, tick, model.windowSize !== 'hour', measure);
      this.#memo = { key, model, geometry: width > 0 && height > 0 ? layout(model, { width, height }, mode, text) : null };
    }
    return this.#memo;
  }

  toggle(key: string) {
    const hidden = new Set(this.hidden);
    if (!hidden.delete(key)) hidden.add(key);
    this.hidden = hidden;
    this.host.requestUpdate();
  }

  reset() {
    this.hidden = new Set();
    this.active = null;
    this.host.requestUpdate();
  }

  /** What the live region announces for the active window. */
  liveText(model: ChartModel | null | undefined, format: FormatOptions, values: ValueFormat) {
    return model && this.active !== null && this.active < model.windows.length ? describeWindow(model, this.active, format, values).text : '';
  }

  /**
   * The chart (or its table), the hint when every series is hidden, and the legend. `summary` words the
   * model in one sentence (the chart's name, the table's caption); it is called once per model.
   */
  template(p: { model: ChartModel; summary: (model: ChartModel) => string; mode: ChartMode; format: FormatOptions; values: ValueFormat; table: boolean; legend: boolean }) {
    const { model, format, values } = p;
    const t = messages(format.locale);
    const geometry = this.#memo?.model === model ? this.#memo.geometry : null;
    // The legend's entry for the dashed line names the period compared with by its days.
    if (this.#drawn?.model !== model)
      this.#drawn = { model, summary: p.summary(model), previous: model.previous ? `${t.previousPeriod}: ${formatPeriod(model.previous.startingOn, model.previous.endingBefore, format)}` : undefined };
    const { summary, previous } = this.#drawn;
    const toggles = [...model.series, ...(model.negative ? [model.negative] : [])];
    const legend = p.legend && (model.grouped || model.negative || previous) ? legendTemplate(model.grouped || model.negative ? toggles : [], (key) => this.toggle(key), t.series, previous) : nothing;
    if (p.table) return html`${dataTableTemplate(tableData(model, summary, format, values))}${legend}`;
    const active = this.active !== null && this.active < model.windows.length ? this.active : null;
    const layered = this.#read || model.windows.length * visibleSeries(model).length >= LAYERED_FROM;
    return html`<div part="chart">
        <div part="plot" class="plot ${layered ? 'layered' : ''}" tabindex="0" role="group" aria-roledescription=${t.chartRole} aria-busy=${geometry ? 'false' : 'true'}
          aria-label=${`${summary} ${t.chartKeys}`}
          @keydown=${this.#onKey} @pointerrawupdate=${this.#onRawMove} @pointermove=${this.#onPointer} @pointerleave=${this.#onLeave} @pointerup=${this.#onTap} @blur=${this.#clear}>
          ${geometry ? this.#seriesSvg(geometry, p.mode, summary) : nothing}
          ${geometry ? highlightTemplate(geometry, this.size, active) : nothing}
          ${geometry && active !== null ? tooltipTemplate(model, geometry, active, format, values) : nothing}
        </div>
      </div>
      ${toggles.every((s) => s.hidden) ? html`<p class="hint">${t.allHidden}</p>` : nothing}
      ${legend}`;
  }

  #seriesSvg(geometry: UsageLayout, mode: ChartMode, summary: string) {
    if (this.#series?.geometry !== geometry) this.#series = { geometry, svg: svgTemplate(geometry, mode, this.size, summary) };
    return this.#series.svg;
  }

  #set(active: number | null) {
    if (active === this.active) return;
    this.active = active;
    this.#read ||= active !== null;
    if (active === null) document.removeEventListener('pointerdown', this.#outside, true);
    this.host.requestUpdate();
    // Lays the new tooltip out as soon as it is rendered, while the page waits for the next frame, rather
    // than at that frame's start, where its style and layout (milliseconds at 2,160 windows) delay the paint.
    void this.host.updateComplete.then(() => this.host.offsetTop);
  }

  #onKey = (event: KeyboardEvent) => {
    const count = this.#memo?.model.windows.length ?? 0;
    if (!count) return;
    const current = this.active ?? count;
    const moves: Record<string, number> = { ArrowLeft: current - 1, ArrowRight: this.active === null ? count - 1 : current + 1, Home: 0, End: count - 1, PageUp: current - 7, PageDown: current + 7 };
    if (event.key === 'Escape') this.#set(null);
    else if (event.key in moves) this.#set(Math.min(count - 1, Math.max(0, moves[event.key]!)));
    else return;
    event.preventDefault();
  };

  #windowAt(event: PointerEvent) {
    const svg = this.host.renderRoot.querySelector('svg');
    const geometry = this.#memo?.geometry;
    return svg && geometry ? windowAt(geometry, event.clientX - svg.getBoundingClientRect().left - geometry._margin.left) : null;
  }

  // A mouse reads the window it hovers. A finger or a pen has no hover: a tap shows the tapped window (and
  // lifting the finger, which "leaves", keeps it), another tap moves it or, on the same window, hides it,
  // and a tap anywhere outside the chart hides it.
  #onPointer = (event: PointerEvent) => {
    if (!touchy(event)) this.#set(this.#windowAt(event));
  };

  // Chrome hands pointermove to the page at the start of the next frame, so its tooltip is made inside that
  // frame and painted a few milliseconds after a key's. Where there is `pointerrawupdate` (sent as the pointer
  // moves), the first move after a frame is read at once, before the next frame begins, as a key is; the
  // frame's pointermove (everywhere else, the only one) then reads where the pointer has got to, usually the same window.
  #onRawMove = (event: PointerEvent) => {
    if (this.#readRaw) return;
    this.#readRaw = true;
    requestAnimationFrame(() => (this.#readRaw = false));
    this.#onPointer(event);
  };

  #onLeave = (event: PointerEvent) => {
    if (!touchy(event)) this.#clear();
  };

  #onTap = (event: PointerEvent) => {
    if (!touchy(event)) return;
    const tapped = this.#windowAt(event);
    this.#set(tapped === this.active ? null : tapped);
    if (this.active !== null) document.addEventListener('pointerdown', this.#outside, true);
  };

  #outside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this.host.renderRoot.querySelector('[part="plot"]')!)) this.#clear();
  };

  #clear = () => this.#set(null);
}
