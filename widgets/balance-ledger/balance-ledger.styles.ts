import { css } from 'lit';

export default css`
  :host {
    display: block;
    --used: var(--mw-used-color, #2563eb);
    --remaining: var(--mw-remaining-color, #10b981);
    --expired: var(--mw-expired-color, #94a3b8);
    --border: var(--mw-border-color, #d1d5db);
  }
  [part='base'] {
    display: grid;
    gap: 1rem;
  }
  [part='base'][aria-busy='true'] [part='table'] {
    opacity: 0.6;
  }
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem 2.5rem;
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
  .meter {
    display: flex;
    height: 0.75rem;
    border-radius: 999px;
    overflow: hidden;
    background: var(--mw-grid-color, #e5e7eb);
  }
  .meter span {
    display: block;
    height: 100%;
  }
  .used { background: var(--used); }
  .remaining { background: var(--remaining); }
  .expired { background: var(--expired); }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    margin: 0;
    font-size: 0.875rem;
  }
  dl div {
    display: flex;
    align-items: center;
    gap: 0.35rem;
  }
  dt {
    color: var(--mw-muted-color, #4b5563);
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
  .name button,
  .link {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-align: left;
  }
  .name button {
    font-weight: 600;
  }
  .name button::before {
    content: '▸ ';
  }
  .name button[aria-expanded='true']::before {
    content: '▾ ';
  }
  .link {
    text-decoration: underline;
  }
  .small {
    display: block;
    font-weight: normal;
    font-size: 0.8125rem;
    color: var(--mw-muted-color, #4b5563);
    margin-top: 0.2rem;
  }
  .progress {
    width: 6rem;
    height: 0.5rem;
    border-radius: 999px;
    background: var(--mw-grid-color, #e5e7eb);
    overflow: hidden;
    display: flex;
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
  :focus-visible {
    outline: 2px solid var(--mw-focus-color, #2563eb);
    outline-offset: 2px;
  }
`;
