import { css } from 'lit';

/** Styles of the windowed charts (usage, spend): controls row, plot, tooltip, legend, table, palette. */
export const chartStyles = css`
  :host {
    display: block;
    position: relative;
    --series-1: var(--mw-color-1, #2563eb);
    --series-2: var(--mw-color-2, #f97316);
    --series-3: var(--mw-color-3, #10b981);
    --series-4: var(--mw-color-4, #a855f7);
    --series-5: var(--mw-color-5, #e11d48);
    --series-6: var(--mw-color-6, #0891b2);
    --series-7: var(--mw-color-7, #ca8a04);
    --series-8: var(--mw-color-8, #64748b);
    --border: var(--mw-border-color, #d1d5db);
  }
  [part='base'] {
    display: grid;
    gap: 0.75rem;
  }
  [part='base'][aria-busy='true'] [part='chart'] {
    opacity: 0.6;
    transition: opacity 0.2s;
  }
  .filter summary {
    border: 1px solid var(--border);
    border-radius: var(--mw-radius, 6px);
    padding: 0.25rem 0.5rem;
  }
  .controls button[aria-pressed='true'] {
    background: color-mix(in srgb, var(--series-1) 15%, transparent);
    border-color: var(--series-1);
  }
  .segmented {
    display: inline-flex;
  }
  .segmented button:first-child {
    border-radius: var(--mw-radius, 6px) 0 0 var(--mw-radius, 6px);
  }
  .segmented button:last-child {
    border-radius: 0 var(--mw-radius, 6px) var(--mw-radius, 6px) 0;
    margin-left: -1px;
  }
  .filter {
    position: relative;
  }
  .filter summary {
    cursor: pointer;
    list-style: none;
  }
  .filter fieldset {
    position: absolute;
    z-index: 2;
    margin: 0.25rem 0 0;
    padding: 0.5rem 0.75rem;
    display: grid;
    gap: 0.25rem;
    max-height: 16rem;
    overflow: auto;
    background: var(--mw-surface-color, #ffffff);
    border: 1px solid var(--border);
    border-radius: var(--mw-radius, 6px);
  }
  :focus-visible {
    outline: 2px solid var(--mw-focus-color, #2563eb);
    outline-offset: 2px;
  }
  [part='chart'] {
    height: var(--usage-chart-height, 16rem);
    min-width: 0;
  }
  .plot {
    position: relative;
    height: 100%;
  }
  svg {
    display: block;
    overflow: visible;
  }
  [part~='axis'] {
    font-size: var(--mw-axis-font-size, 0.75rem);
    fill: var(--mw-muted-color, #4b5563);
  }
  [part~='axis'] line {
    stroke: var(--mw-grid-color, #e5e7eb);
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
  .previous-line {
    stroke: var(--mw-previous-color, #111827);
    stroke-dasharray: 4 3;
  }
  .tooltip {
    position: absolute;
    top: 0;
    z-index: 1;
    pointer-events: none;
    min-width: 10rem;
    padding: 0.5rem 0.65rem;
    font-size: 0.8125rem;
    background: var(--mw-surface-color, #ffffff);
    border: 1px solid var(--border);
    border-radius: var(--mw-radius, 6px);
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
    border-top: 1px solid var(--border);
    margin-top: 0.25rem;
    padding-top: 0.25rem;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .swatch.previous {
    border: 2px dashed var(--mw-previous-color, #111827);
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
  [part='legend-item'] {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0.15rem 0.3rem;
    cursor: pointer;
  }
  [part='legend-item'][aria-pressed='false'] {
    opacity: 0.45;
    text-decoration: line-through;
  }
  .swatch {
    display: inline-block;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 2px;
  }
  .table-scroll {
    max-height: var(--usage-chart-height, 16rem);
    overflow: auto;
  }
  /* Figures stay on one line; the table scrolls instead. */
  th,
  td {
    white-space: nowrap;
  }
  thead th {
    position: sticky;
    top: 0;
    background: var(--mw-surface-color, #ffffff);
  }
  .hint {
    margin: 0;
    color: var(--mw-muted-color, #4b5563);
  }
  .s1 { fill: var(--series-1); stroke: var(--series-1); background: var(--series-1); }
  .s2 { fill: var(--series-2); stroke: var(--series-2); background: var(--series-2); }
  .s3 { fill: var(--series-3); stroke: var(--series-3); background: var(--series-3); }
  .s4 { fill: var(--series-4); stroke: var(--series-4); background: var(--series-4); }
  .s5 { fill: var(--series-5); stroke: var(--series-5); background: var(--series-5); }
  .s6 { fill: var(--series-6); stroke: var(--series-6); background: var(--series-6); }
  .s7 { fill: var(--series-7); stroke: var(--series-7); background: var(--series-7); }
  .s8 { fill: var(--series-8); stroke: var(--series-8); background: var(--series-8); }
  path.lines.s1, path.lines.s2, path.lines.s3, path.lines.s4, path.lines.s5, path.lines.s6, path.lines.s7, path.lines.s8 {
    fill: none;
  }
`;
