import { css } from 'lit';

/**
 * The row of pickers some widgets show above their content: labelled selects, checkboxes and buttons.
 * A select is as wide as its longest option unless told otherwise: here never wider than the widget. In
 * a widget under 30rem the pickers share the rows two by two, each as wide as its half.
 */
export const controlStyles = css`
  .controls {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
    align-items: end;
    font-size: 0.875rem;
  }
  .controls label {
    display: grid;
    gap: 0.2rem;
    min-width: 0;
  }
  select {
    max-width: 100%;
  }
  @container (max-width: 30rem) {
    .controls > label:not(.inline) {
      flex: 1 1 8rem;
    }
    .controls select {
      width: 100%;
    }
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
