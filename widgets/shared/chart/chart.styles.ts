import { css, unsafeCSS } from 'lit';
import { CHART_DEFAULTS } from '../theme/palette.ts';
import { themeOf } from '../theme/theme.styles.ts';
import { SERIES_COLOURS } from './plot.ts';

/** The windowed charts' share of the theme: the tokens they paint with (see `themeStyles`). */
export const chartTheme = themeOf(CHART_DEFAULTS);

/**
 * Styles of the windowed charts (usage, spend): controls row, plot, tooltip, legend, table, series colours.
 *
 * - The base is one column as wide as the widget: an auto column would grow to its widest content.
 * - A filter's values open under its summary across the whole controls row (their containing block), in
 *   as many columns as fit: never narrower than its values, never wider than the widget.
 * - The window still being counted is striped in the text's colour across its height, over its bar too.
 * - The axes' font size is the chart part's, so that layout() measures the labels in the font they are
 *   drawn in.
 * - Once a window has been read, or from the first paint for a chart of thousands of bars (class
 *   `layered`, see WindowedChart), the highlight under the series and the tooltip above them are
 *   compositing layers of their own (`will-change`; the series then get one too), so that reading
 *   another repaints the highlight and tooltip but not the series' paths (hundreds of kilobytes at 2,160
 *   hourly windows). Not before for a smaller chart: one nobody reads keeps no extra layers and is
 *   painted as it always was; and not only while hovered, since making and dropping the layers
 *   re-rasterises the series each time. The highlight sits under the series, as it did when drawn inside their SVG, in
 *   the plot's own stacking context (`isolation`), so that it stays above the widget's background.
 * - The SVGs take no pointer events: the plot finds the window from the pointer's x, and hit-testing
 *   the series' paths (thousands of rectangles each) cost milliseconds on every move.
 * - The tooltip's frame spans the plot; its spacer (`--_at`, the room beside the window, set on the
 *   frame by the template) shrinks where the tooltip would not fit, which pushes the tooltip back inside
 *   the chart.
 * - The table view is a grid of windows by series, read across as much as down, so it keeps its columns
 *   and scrolls in its own box (focusable, named by its caption) rather than turning into cards. The days
 *   stay in view on the left and the right edge fades out: columns cut by the fade say that more lie that
 *   way, and once the last is scrolled into view only the trailing padding fades. (A shadow drawn by
 *   scroll-attached backgrounds is not painted by Chromium on a box that also scrolls vertically.) The
 *   caption wraps to the widget's width instead of running off with the table.
 * (Reasons live here, not in the CSS: comments inside a css template are shipped in the bundle.)
 */
export const chartStyles = css`
  :host {
    position: relative;
  }
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
  }
  [part='base'][aria-busy='true'] [part='chart'] {
    opacity: 0.6;
    transition: opacity 0.2s;
  }
  .controls button[aria-pressed='true'] {
    background: var(--_primary-light);
    border-color: var(--_primary-medium);
  }
  .segmented {
    display: inline-flex;
  }
  .segmented button:first-child {
    border-radius: var(--_radius) 0 0 var(--_radius);
  }
  .segmented button:last-child {
    border-radius: 0 var(--_radius) var(--_radius) 0;
    margin-left: -1px;
  }
  .filter summary {
    border: 1px solid var(--_gray-light);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2) var(--_space);
    cursor: pointer;
    list-style: none;
  }
  .filter fieldset {
    position: absolute;
    left: 0;
    right: 0;
    z-index: 2;
    margin: 0.25rem 0 0;
    padding: 0.5rem 0.75rem;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
    gap: 0.25rem 1rem;
    max-height: 16rem;
    overflow: auto;
    color: var(--_gray-dark);
    background: var(--_white);
    border: 1px solid var(--_gray-light);
    border-radius: var(--_radius);
  }
  :focus-visible {
    outline: 2px solid var(--_primary-medium);
    outline-offset: 2px;
  }
  [part='chart'] {
    height: var(--usage-chart-height, 16rem);
    min-width: 0;
    font-size: var(--metronome-axis-font-size, 0.75rem);
  }
  .plot {
    position: relative;
    height: 100%;
    isolation: isolate;
  }
  svg {
    display: block;
    overflow: visible;
    pointer-events: none;
  }
  .layered > .underlay,
  .tooltip-frame {
    will-change: transform;
  }
  .underlay {
    position: absolute;
    inset: 0 auto auto 0;
    z-index: -1;
    contain: strict;
  }
  [part~='axis'] {
    fill: var(--_gray-medium);
  }
  [part~='axis'] line {
    stroke: var(--_gray-extralight);
  }
  /* Bars are axis-aligned rectangles: no anti-aliasing needed, and skipping it makes dense charts paint several times faster. */
  path.bars {
    shape-rendering: crispEdges;
  }
  .highlight {
    fill: currentColor;
    opacity: 0.08;
  }
  path.lines,
  .total-line,
  .previous-line {
    fill: none;
    stroke-width: 2;
    stroke-linejoin: round;
  }
  .total-line {
    stroke: currentColor;
  }
  #hatch {
    fill: currentColor;
    fill-opacity: 0.3;
  }
  .previous-line {
    stroke: currentColor;
    stroke-dasharray: 4 3;
  }
  .tooltip-frame {
    --_at: 0px;
    position: absolute;
    inset: 0 0 auto;
    z-index: 1;
    display: flex;
    pointer-events: none;
  }
  .tooltip-frame::before {
    content: '';
    flex: 0 1 var(--_at);
  }
  .tooltip-frame.end {
    flex-direction: row-reverse;
  }
  .tooltip {
    flex: none;
    box-sizing: border-box;
    max-width: 100%;
    min-width: min(10rem, 100%);
    padding: 0.5rem 0.65rem;
    font-size: 0.8125rem;
    color: var(--_gray-dark);
    background: var(--_white);
    border: 1px solid var(--_gray-light);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.12);
  }
  .tooltip-title {
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .tooltip-row {
    display: grid;
    grid-template-columns: 0.75rem 1fr auto;
    gap: 0.4rem;
    align-items: center;
  }
  .tooltip-row.total {
    font-weight: 600;
    border-top: 1px solid var(--_gray-light);
    margin-top: 0.25rem;
    padding-top: 0.25rem;
  }
  .swatch.previous {
    border: 2px dashed currentColor;
    box-sizing: border-box;
    background: none;
  }
  [part='legend'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.875rem;
  }
  .legend-previous,
  [part='legend-item'] {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    padding: 0.15rem 0.3rem;
  }
  [part='legend-item'] {
    border: 0;
  }
  [part='legend-item'][aria-pressed='false'] {
    opacity: 0.45;
    text-decoration: line-through;
  }
  /* A flex or grid item wherever it is (legend entries, tooltip rows), so no display of its own. */
  .swatch {
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 2px;
  }
  [part='table-container'] {
    max-height: var(--usage-chart-height, 16rem);
    overflow: auto;
    padding-right: 2rem;
    mask-image: linear-gradient(to left, transparent, #000 2rem);
    outline-offset: -2px;
  }
  caption {
    position: sticky;
    left: 0;
    width: calc(100cqw - 2rem);
    white-space: normal;
  }
  /* Row names stay on one line, as the figures (.num) do; the table scrolls instead. */
  th {
    white-space: nowrap;
    position: sticky;
    top: 0;
    background: var(--_white);
  }
  tbody th,
  thead th:first-child {
    left: 0;
    z-index: 1;
    box-shadow: inset -1px 0 var(--_gray-light);
  }
  tbody th {
    top: auto;
    z-index: 0;
  }
  .hint {
    margin: 0;
    color: var(--_gray-medium);
  }
  ${unsafeCSS(
    // Minified as written: the build minifies only the static text of css`…`.
    Array.from({ length: SERIES_COLOURS }, (_, i) => `.s${i}{fill:var(--_usage-line-${i});stroke:var(--_usage-line-${i});background:var(--_usage-line-${i})}`).join(''),
  )}
`;
