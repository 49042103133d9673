import { css } from 'lit';

/**
 * Tables of records drawn as cards (`cards`, where they would not fit the widget: see TableFit), after
 * `tableStyles`, for the elements that have such tables (a module of its own, so that the charts do not
 * carry it). A card per row, its first cell (the row's name) across the top and the other cells in as
 * many columns as fit, each figure under its column's name (`data-label`, whose generated text has empty
 * alternative text: screen readers keep the table's own headers). Where a card has room for one column
 * only (under 18rem), each figure reads on one line beside its name. Only a table's own rows are cards:
 * a table inside a cell decides for itself.
 * (Reasons live here, not in the CSS: comments inside a css template are shipped in the bundle.)
 */
export const cardStyles = css`
  .cards,
  .cards > *,
  .cards > * > tr,
  .cards > * > tr > * {
    display: block;
  }
  .cards > thead {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  .cards > * > tr:not([hidden]) {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.5rem), 1fr));
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    padding: var(--_space) 0;
    border-bottom: 1px solid var(--_gray-light);
  }
  .cards > * > tr > * {
    min-width: 0;
    padding: 0;
    border: 0;
    text-align: left;
    white-space: normal;
    overflow-wrap: break-word;
  }
  .cards > * > tr > :is(:first-child, [colspan]) {
    grid-column: 1 / -1;
  }
  /* A figure a row does not have (a postpaid minimum's remaining) leaves no blank line in its card. */
  .cards > * > tr > td:empty {
    display: none;
  }
  .cards > * > tr > [data-label]::before {
    content: attr(data-label) / '';
    display: block;
    font-size: 0.75rem;
    font-weight: normal;
    color: var(--_gray-medium);
  }
  @container (max-width: 18rem) {
    .cards > * > tr > [data-label] {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: baseline;
      gap: 0 var(--_space);
    }
  }
`;
