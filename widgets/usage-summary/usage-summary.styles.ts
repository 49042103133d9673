import { css } from 'lit';
import { themeStyles } from '../shared/theme/theme.styles.ts';

export const theme = themeStyles('gray-medium', 'gray-light', 'gray-extralight', 'primary-medium', 'primary-light', 'usage-line-0', 'action', 'action-hover');

/**
 * - Each metric is one button laid out as a grid: its name and quantity on the left, spend and change
 *   on the right, the sparkline under them on a narrow widget and between them from 30rem.
 * - The sparkline's box stretches to its cell (preserveAspectRatio none); its stroke keeps its width.
 * - The chosen metric is marked by background and an edge, and by aria-pressed for screen readers.
 * (Reasons live here, not in the CSS: comments inside a css template are shipped in the bundle.)
 */
export default css`
  [part='base'][aria-busy='true'] ul {
    opacity: 0.6;
  }
  [part='headline'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) * 2);
    margin: 0 0 var(--_space);
    font-size: 0.875rem;
  }
  [part='headline'] span,
  .unit {
    color: var(--_gray-medium);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li + li {
    border-top: 1px solid var(--_gray-light);
  }
  [part='metric'] {
    display: grid;
    grid-template: 'name spend' 'quantity change' 'line line' / minmax(0, 1fr) auto;
    gap: 0.25rem var(--_space);
    align-items: center;
    width: 100%;
    padding: var(--_space);
    font: inherit;
    color: inherit;
    text-align: left;
    background: none;
    border: 0;
    border-left: 3px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  [part='metric'][aria-pressed='true'] {
    background: var(--_primary-light);
    border-left-color: var(--_primary-medium);
  }
  .name {
    grid-area: name;
    font-weight: 600;
  }
  .quantity {
    grid-area: quantity;
  }
  .spend,
  [part='change'] {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .spend {
    grid-area: spend;
    font-weight: 600;
  }
  [part='change'] {
    grid-area: change;
    font-size: 0.8125rem;
  }
  [part='sparkline'] {
    grid-area: line;
    width: 100%;
    height: 1.75rem;
    overflow: visible;
  }
  polyline {
    fill: none;
    stroke: var(--_usage-line-0);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  @container (min-width: 30rem) {
    [part='metric'] {
      grid-template: 'name line spend' 'quantity line change' / minmax(0, 1fr) minmax(6rem, 12rem) minmax(7rem, auto);
      column-gap: calc(var(--_space) * 2);
    }
  }
  :focus-visible {
    outline: 2px solid var(--_primary-medium);
    outline-offset: 2px;
  }
`;
