import { css } from 'lit';

/** Tables of figures (balances, invoices): rules between rows, numbers right-aligned in tabular figures. */
export const tableStyles = css`
  .table-scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
  }
  caption {
    text-align: left;
    padding-bottom: var(--_space);
    font-weight: 600;
  }
  th,
  td {
    padding: calc(var(--_space) * 0.8) var(--_space);
    border-bottom: 1px solid var(--_gray-light);
    text-align: left;
    vertical-align: top;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  /*
   * A table drawn as cards, where it would not fit the widget (see TableFit): a card per row, its first
   * cell (the row's name) across the top, the other cells in as many columns as fit, each figure under
   * its column's name (data-label; the table's headers stay for screen readers).
   */
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
  .cards > * > tr > [data-label]::before {
    content: attr(data-label) / '';
    display: block;
    font-size: 0.75rem;
    font-weight: normal;
    color: var(--_gray-medium);
  }
  /* Where a card has room for one column only, each figure reads on one line beside its name. */
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
