import { css } from 'lit';
import { themeStyles } from '../shared/theme/theme.styles.ts';

export const theme = themeStyles('gray-medium', 'gray-light', 'gray-extralight', 'primary-medium', 'primary-light', 'primary-green', 'primary-red', 'action', 'action-hover');

/**
 * - The base is one column as wide as the widget: an auto column would grow to its widest content.
 * - An invoice's period and a line's name keep 10rem: narrower, they would wrap word by word, and the
 *   table overflowing instead is what turns it into cards (TableFit).
 * - As cards, a line's quantity, unit price and total sit side by side where there is room for them (in
 *   one column below 18rem, as every card's figures do), and a product's total and the amount due stay
 *   on their name's line.
 * (Reasons live here, not in the CSS: comments inside a css template are shipped in the bundle.)
 */
export default css`
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 2);
  }
  [part='base'][aria-busy='true'] table {
    opacity: 0.6;
  }
  button {
    font: inherit;
    color: inherit;
    background: transparent;
  }
  button.link {
    border: 0;
    padding: 0;
    color: var(--_action);
    text-decoration: underline;
    cursor: pointer;
  }
  button.link:hover {
    color: var(--_action-hover);
  }
  tr[aria-current='true'] {
    background: var(--_primary-light);
  }
  [part~='status'],
  [part~='payment'] {
    display: inline-block;
    padding: 0 0.45rem;
    border-radius: 999px;
    font-size: 0.75rem;
    border: 1px solid currentColor;
  }
  .status-draft { color: var(--_primary-medium); }
  .status-finalized { color: var(--_primary-green); }
  .status-void { color: var(--_gray-medium); text-decoration: line-through; }
  .payment-paid { color: var(--_primary-green); }
  :is(.payment-failed, .payment-uncollectible, .pdf-failed) { color: var(--_primary-red); }
  [part~='pay-now'] {
    margin-inline-end: var(--_space);
    color: var(--_action);
    font-weight: 600;
  }
  [part~='pay-now']:hover { color: var(--_action-hover); }
  .product th {
    font-weight: 600;
    background: color-mix(in srgb, currentColor 4%, transparent);
  }
  .application td:first-child {
    padding-left: calc(var(--_space) * 3);
    color: var(--_gray-medium);
  }
  .small {
    display: block;
    font-size: 0.8125rem;
    color: var(--_gray-medium);
  }
  .explain {
    display: grid;
    gap: 0.3rem;
    margin: 0 0 0 1rem;
    font-size: 0.8125rem;
  }
  .explain div {
    display: flex;
    gap: 0.5rem;
  }
  .explain dt {
    min-width: 7rem;
    color: var(--_gray-medium);
  }
  .explain dd {
    margin: 0;
  }
  .ok,
  .warn {
    margin-left: 0.4rem;
    padding: 0 0.4rem;
    border-radius: 999px;
    border: 1px solid currentColor;
  }
  .ok { color: var(--_primary-green); }
  .warn { color: var(--_primary-red); }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  [part~='row'] th {
    min-width: 10rem;
  }
  [data-fit='lines'] tr > td:first-child {
    min-width: 10rem;
  }
  @container (min-width: 18rem) {
    [data-fit='lines'] .cards tr:not([hidden]) {
      grid-template-columns: repeat(auto-fill, minmax(5rem, 1fr));
    }
  }
  .cards tr:is(.product, tfoot tr):not([hidden]) {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .cards :is(.product, tfoot tr) > td {
    flex: none;
    white-space: nowrap;
  }
  :focus-visible {
    outline: 2px solid var(--_primary-medium);
    outline-offset: 2px;
  }
`;
