import { css } from 'lit';

/** Tables of figures (balances, invoices, a chart's table view): rules between rows, numbers right-aligned in tabular figures. */
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
`;
