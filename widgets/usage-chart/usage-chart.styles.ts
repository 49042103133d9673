import { css } from 'lit';

export default css`
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
  }
  [part='base'] {
    display: grid;
    gap: 0.75rem;
  }
  [part='base'][aria-busy='true'] [part='chart'] {
    opacity: 0.6;
    transition: opacity 0.2s;
  }
  [part='chart'] {
    height: var(--usage-chart-height, 16rem);
    min-width: 0;
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
  [part='legend'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.875rem;
  }
  [part='legend'] li {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  .swatch {
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 2px;
  }
  .s1 { fill: var(--series-1); background: var(--series-1); }
  .s2 { fill: var(--series-2); background: var(--series-2); }
  .s3 { fill: var(--series-3); background: var(--series-3); }
  .s4 { fill: var(--series-4); background: var(--series-4); }
  .s5 { fill: var(--series-5); background: var(--series-5); }
  .s6 { fill: var(--series-6); background: var(--series-6); }
  .s7 { fill: var(--series-7); background: var(--series-7); }
  .s8 { fill: var(--series-8); background: var(--series-8); }
`;
