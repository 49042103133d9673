import { css } from 'lit';

/** The row of pickers some widgets show above their content: labelled selects, checkboxes and buttons. */
export const controlStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
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
    border: 1px solid var(--_gray-light);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2) var(--_space);
  }
`;
