import { css } from 'lit';
import { themeStyles } from '../shared/theme/theme.styles.ts';

export const theme = themeStyles('gray-medium', 'gray-light', 'gray-extralight', 'primary-medium', 'primary-light', 'usage-line-0', 'action', 'action-hover');

/**
 * - Each metric is one button laid out as a grid, filled in reading order (name, spend, quantity,
 *   change): name and quantity on the left, spend and change on the right, the sparkline across
 *   under them on a narrow widget; from 30rem the sparkline is placed between them first, over two
 *   rows, and the others flow around it.
 * - The sparkline's box stretches to its cell (preserveAspectRatio none); its stroke keeps its width.
 * - The chosen metric is marked by background and an inset edge (which takes no room), and by
 *   aria-pressed for screen readers.
 * - Font, colour, corners, pointer and focus ring are every button's (stateStyles).
 * (Reasons live here, not in the CSS: comments inside a css template are shipped in the bundle.)
 */
export default css`
  [part='base'][aria-busy='true'] ul {
    opacity: 0.6;
  }
  [part='headline'] {
    margin: 0 0 var(--_space);
    font-size: 0.875rem;
  }
  .note {
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
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0.25rem var(--_space);
    align-items: center;
    width: 100%;
    padding: var(--_space);
    border: 0;
    text-align: left;
  }
  [aria-pressed='true'] {
    background: var(--_primary-light);
    box-shadow: inset 3px 0 var(--_primary-medium);
  }
  .name,
  .spend {
    font-weight: 600;
  }
  .spend,
  [part='change'] {
    text-align: right;
  }
  [part='change'] {
    font-size: 0.8125rem;
  }
  svg {
    grid-column: 1 / -1;
    width: 100%;
    height: 1.75rem;
  }
  polyline {
    fill: none;
    stroke: var(--_usage-line-0);
    stroke-width: 1.5;
    stroke-linecap: round;
    vector-effect: non-scaling-stroke;
  }
  @container (min-width: 30rem) {
    [part='metric'] {
      grid-template-columns: minmax(0, 1fr) 10rem auto;
    }
    svg {
      grid-area: 1 / 2 / 3;
    }
  }
`;
