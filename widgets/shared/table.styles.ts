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
    padding-bottom: 0.5rem;
    font-weight: 600;
  }
  th,
  td {
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--mw-border-color, #d1d5db);
    text-align: left;
    vertical-align: top;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
`;
