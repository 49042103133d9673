import { html, nothing, svg } from 'lit';
import { type FormatOptions, formatDate, formatDay, formatWindow, isUtcMidnight } from '../format.ts';
import { messages } from '../i18n/messages.ts';
import type { AxisText, ChartMode, UsageLayout } from './layout.ts';
import { type ChartModel, type Series, visibleSeries } from './model.ts';

/** A chart's SVG and tooltip, drawn from a layout; no state of its own. */

/** How a chart writes its numbers: usage counts, or money in a credit type. */
export interface ValueFormat {
  /** Exact enough for a tooltip or table cell. */
  value(v: number): string;
  /** Short, for axis ticks. */
  tick(v: number): string;
  /** Appended to the total when read out, e.g. the metric's name; empty for money. */
  unit: string;
  /** The exact value, for a table cell's title, when `value` rounded it (money); otherwise absent or undefined. */
  exact?(v: number): string | undefined;
}

/** Palette class of a series; the negative series (colour -1) has its own. */
/** Series colours in the theme (`--metronome-usage-line-0` … `-9`); more series reuse them in turn. */
export const SERIES_COLOURS = 10;
export const colourClass = (colour: number) => (colour < 0 ? 'negative' : `s${colour % SERIES_COLOURS}`);

const isMidnight = (date: Date, format: FormatOptions) => formatDate(date, format, { hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }) === '00:00';

/**
 * The axes' words in the widget's locale (`tick` writes the values), measured by `measure`. `days`: the windows are Metronome's
 * (UTC) days, so a tick at a UTC midnight is named by its date in every time zone, as the windows are;
 * hourly charts read in the widget's zone.
 */
export function axisText(format: FormatOptions, tick: (value: number) => string, days: boolean, measure: (label: string) => number): AxisText {
  return {
    x: (d) =>
      days && isUtcMidnight(d) ? formatDay(d, format, { month: 'short', day: 'numeric' }) : isMidnight(d, format) ? formatDate(d, format) : formatDate(d, format, { hour: 'numeric', minute: '2-digit' }),
    y: tick,
    measure,
  };
}

/** The axes, gridlines and series: everything that stays put while a window is read. */
export function svgTemplate(geometry: UsageLayout, mode: ChartMode, size: { width: number; height: number }, summary: string) {
  const { _margin: margin, _innerWidth: innerWidth, _innerHeight: innerHeight } = geometry;
  return html`<svg role="img" aria-label=${summary} width=${size.width} height=${size.height}>
    <g transform="translate(${margin.left} ${margin.top})">
      <g part="axis y-axis" aria-hidden="true">
        ${geometry._yTicks.map(
          (t) => svg`<line x1="0" x2=${innerWidth} y1=${t.position} y2=${t.position}></line>
            <text x="-6" y=${t.position} dy="0.32em" text-anchor="end">${t.label}</text>`,
        )}
      </g>
      <g aria-hidden="true">
        ${geometry._paths.map((p) => svg`<path part="series" class="${colourClass(p.series.colour)} ${mode}" data-series=${p.series.key} d=${p.d}></path>`)}
        ${geometry._totalPath ? svg`<path part="total-line" class="total-line" d=${geometry._totalPath}></path>` : nothing}
        ${geometry._previousPath ? svg`<path part="previous-line" class="previous-line" d=${geometry._previousPath}></path>` : nothing}
        ${partialTemplate(geometry.partial, innerHeight)}
      </g>
      <g part="axis x-axis" aria-hidden="true" transform="translate(0 ${innerHeight})">
        ${geometry._xTicks.map((t) => svg`<text x=${t.position} y="16" text-anchor=${t.anchor}>${t.label}</text>`)}
      </g>
    </g>
  </svg>`;
}

/** The band behind the window being read, in its own layer under the series, so that moving it repaints nothing else. */
export function highlightTemplate(geometry: UsageLayout, size: { width: number; height: number }, active: number | null) {
  const { _margin: margin } = geometry;
  return html`<svg class="underlay" aria-hidden="true" width=${size.width} height=${size.height}>
    ${active === null
      ? nothing
      : svg`<rect part="highlight" class="highlight" x=${margin.left + geometry._windowLeft[active]!} y=${margin.top}
          width=${Math.max(1, geometry._windowRight[active]! - geometry._windowLeft[active]!)} height=${geometry._innerHeight}></rect>`}
  </svg>`;
}

/** The window still being counted, hatched across its height: a day that is not over does not read as a low day. */
const partialTemplate = (partial: UsageLayout['partial'], height: number) =>
  partial
    ? svg`<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="6"></rect></pattern>
        <rect part="partial" fill="url(#hatch)" x=${partial.x} width=${partial.width} height=${height}></rect>`
    : nothing;

/** A window's name, "(so far)" when it is the one still being counted. */
export function windowName(model: ChartModel, index: number, format: FormatOptions) {
  const window = model.windows[index]!;
  const name = formatWindow(window.start, window.end, format);
  return model.partial && index === model.windows.length - 1 ? messages(format.locale).soFar(name) : name;
}

/**
 * What one window holds, in words: the tooltip's rows (the visible series, the total, the negative
 * series, the previous period; each with its swatch's class, none for the total) and what the live
 * region announces, which names the total's unit.
 */
export function describeWindow(model: ChartModel, index: number, format: FormatOptions, values: ValueFormat) {
  const t = messages(format.locale);
  const { negative, previous } = model;
  const row = (swatch: string, label: string, value: number) => ({ swatch, label, value: values.value(value) });
  const series = (s: Series) => row(colourClass(s.colour), s.label, s.values[index]!);
  const rows = [
    ...(model.grouped ? visibleSeries(model).map(series) : []),
    row('', t.total, model.totals[index]!),
    ...(negative && !negative.hidden ? [series(negative)] : []),
    ...(previous ? [row('previous', t.previousPeriod, previous.totals[index] ?? 0)] : []),
  ];
  const title = windowName(model, index, format);
  const text = [title, ...rows.map((r) => `${r.label}: ${r.value}${r.swatch || !values.unit ? '' : ` ${values.unit}`}`)].join('. ');
  return { title, rows, text };
}

export function tooltipTemplate(model: ChartModel, geometry: UsageLayout, index: number, format: FormatOptions, values: ValueFormat) {
  const { title, rows } = describeWindow(model, index, format, values);
  const centre = geometry._margin.left + (geometry._windowLeft[index]! + geometry._windowRight[index]!) / 2;
  // Beside the window, on the side with more room: the frame's spacer (`--_at`, the room on that side)
  // shrinks where the tooltip would not fit, which pushes it back inside the chart at any width.
  const leftHalf = centre < geometry._margin.left + geometry._innerWidth / 2;
  // `.style` is the CSSOM (cssText), which a strict Content-Security-Policy allows, unlike a style attribute.
  return html`<div class="tooltip-frame ${leftHalf ? '' : 'end'}" .style=${`--_at:${leftHalf ? `${centre + 12}px` : `calc(100% - ${centre - 12}px)`}`}>
    <div part="tooltip" class="tooltip" aria-hidden="true">
      <div class="tooltip-title">${title}</div>
      ${rows.map(
        (r) =>
          html`<div class="tooltip-row ${r.swatch ? '' : 'total'}"><span class=${r.swatch ? `swatch ${r.swatch}` : ''}></span><span>${r.label}</span><span class="num">${r.value}</span></div>`,
      )}
    </div>
  </div>`;
}
