import { css } from 'lit';

export default css`
  :host {
    display: block;
    --border: var(--mw-border-color, #d1d5db);
  }
  [part='base'] {
    display: grid;
    gap: 1rem;
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
    text-decoration: underline;
    cursor: pointer;
  }
  tr[aria-current='true'] {
    background: color-mix(in srgb, var(--mw-focus-color, #2563eb) 8%, transparent);
  }
  [part~='status'] {
    display: inline-block;
    padding: 0 0.45rem;
    border-radius: 999px;
    font-size: 0.75rem;
    border: 1px solid currentColor;
  }
  .status-draft { color: var(--mw-draft-color, #b45309); }
  .status-finalized { color: var(--mw-finalized-color, #047857); }
  .status-void { color: var(--mw-muted-color, #4b5563); text-decoration: line-through; }
  .product th {
    font-weight: 600;
    background: color-mix(in srgb, currentColor 4%, transparent);
  }
  .application td:first-child {
    padding-left: 1.5rem;
    color: var(--mw-muted-color, #4b5563);
  }
  .small {
    display: block;
    font-size: 0.8125rem;
    color: var(--mw-muted-color, #4b5563);
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
    color: var(--mw-muted-color, #4b5563);
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
  .ok { color: var(--mw-finalized-color, #047857); }
  .warn { color: var(--mw-draft-color, #b45309); }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  :focus-visible {
    outline: 2px solid var(--mw-focus-color, #2563eb);
    outline-offset: 2px;
  }
`;
