import { css } from 'lit';
import { themeStyles } from '../shared/theme/theme.styles.ts';

export const theme = themeStyles('gray-medium', 'gray-light', 'gray-extralight', 'primary-medium', 'primary-green', 'primary-red', 'progress-bar', 'progress-bar-background', 'action', 'action-hover');

/**
 * - The base is one column as wide as the widget: an auto column would grow to its widest content.
 * - A commit's name keeps 12rem: narrower, it and its segments would be a column of single words, and
 *   the table overflowing instead is what turns it into cards (TableFit).
 * - A commit's ledger keeps each entry on one line as a table; where it cannot, it becomes cards too,
 *   on its own, and an entry's date and words share the card's first line.
 * - As cards, a commit's bar runs across the card, under its figures.
 * - Upcoming is the rule grey, quieter than expired: it is not there yet.
 * (Reasons live here, not in the CSS: comments inside a css template are shipped in the bundle.)
 */
export default css`
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 2);
  }
  [part='base'][aria-busy='true'] [part='table'] {
    opacity: 0.6;
  }
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2) calc(var(--_space) * 5);
  }
  [part='total'] {
    flex: 1 1 18rem;
    display: grid;
    gap: 0.5rem;
  }
  [part='total'] h3 {
    margin: 0;
    font-size: 0.875rem;
    font-weight: 600;
  }
  [part='headline'] dd {
    font-size: var(--balance-headline-font-size, 1.5rem);
  }
  .meter {
    display: flex;
    width: 100%;
    min-width: 6rem;
    height: 0.75rem;
    border-radius: 999px;
    overflow: hidden;
    background: var(--_progress-bar-background);
  }
  .meter span {
    display: block;
    height: 100%;
  }
  .used { background: var(--_progress-bar); }
  .remaining { background: var(--_primary-green); }
  .expired { background: color-mix(in srgb, var(--_gray-medium) 50%, var(--_white)); }
  .upcoming { background: var(--_gray-light); }
  .projected { background: color-mix(in srgb, var(--_progress-bar) 40%, var(--_white)); }
  .shortfall { background: var(--_primary-red); }
  dl,
  [part='legend'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1.5rem;
    margin: 0;
    padding: 0;
    font-size: 0.875rem;
  }
  [part='legend'] {
    list-style: none;
    color: var(--_gray-medium);
  }
  dl div,
  [part='legend'] li {
    display: flex;
    align-items: baseline;
    gap: 0.35rem;
  }
  dt {
    color: var(--_gray-medium);
  }
  dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .dot {
    display: inline-block;
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
  }
  [part='segments'] {
    margin: 0.25rem 1.25rem;
    padding: 0;
    list-style: none;
  }
  .name [aria-expanded],
  .link {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-align: left;
  }
  .name [aria-expanded] {
    font-weight: 600;
  }
  .name {
    min-width: 12rem;
  }
  .name [aria-expanded]::before {
    content: '▸ ';
  }
  .name [aria-expanded='true']::before {
    content: '▾ ';
  }
  .link {
    color: var(--_action);
    text-decoration: underline;
  }
  .link:hover {
    color: var(--_action-hover);
  }
  [part='purchase'] {
    margin-top: 0.2rem;
    font-size: 0.8125rem;
  }
  .small {
    display: block;
    font-weight: normal;
    font-size: 0.8125rem;
    color: var(--_gray-medium);
    margin-top: 0.2rem;
  }
  .pending {
    display: inline-block;
    margin-left: 0.35rem;
    padding: 0 0.35rem;
    border-radius: 999px;
    border: 1px dashed currentColor;
    font-size: 0.75rem;
  }
  [part='ledger'] {
    margin: 0.25rem 0 0.5rem 1.25rem;
    width: calc(100% - 1.25rem);
  }
  .cards .share {
    grid-column: 1 / -1;
  }
  .cards [part='ledger'] {
    margin-left: 0;
    width: 100%;
  }
  [part='ledger']:not(.cards) td {
    white-space: nowrap;
  }
  [part='ledger'].cards > * > tr > :first-child {
    grid-column: auto;
  }
  :focus-visible {
    outline: 2px solid var(--_primary-medium);
    outline-offset: 2px;
  }
`;
