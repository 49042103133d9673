import { css } from 'lit';

export default css`
  /* Commits and credits applied, drawn below zero. */
  .negative { fill: var(--mw-negative-color, #94a3b8); stroke: var(--mw-negative-color, #94a3b8); background: var(--mw-negative-color, #94a3b8); }
  path.lines.negative {
    fill: none;
  }
  .headline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 2rem;
    margin: 0;
  }
  .headline dt {
    font-size: 0.8125rem;
    color: var(--mw-muted-color, #4b5563);
  }
  .headline dd {
    margin: 0.1rem 0 0;
    font-size: var(--spend-headline-font-size, 1.5rem);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .headline dd.note,
  .headline-none {
    font-size: 0.8125rem;
    font-weight: normal;
    color: var(--mw-muted-color, #4b5563);
    max-width: 16rem;
  }
`;
