import { css } from 'lit';

/** The row of pickers some widgets show above their content: labelled selects, checkboxes and buttons. */
export const controlStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
    font-size: 0.875rem;
  }
  .controls label {
    display: grid;
    gap: 0.2rem;
  }
  label.inline {
    display: flex;
    align-items: center;
    gap: 0.35rem;
  }
  select,
  input,
  .controls button {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--mw-border-color, #d1d5db);
    border-radius: var(--mw-radius, 6px);
    padding: 0.25rem 0.5rem;
  }
`;
