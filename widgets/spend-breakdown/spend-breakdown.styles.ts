import { css } from 'lit';
import { chartTheme } from '../shared/chart/chart.styles.ts';

export const theme = chartTheme;

/** Under 24rem the headline figures are a fifth smaller, so that an amount with its unit's name fits a line. */
export default css`
  /* Commits and credits applied, drawn below zero. */
  .negative {
    --_negative: color-mix(in srgb, var(--_gray-medium) 50%, var(--_white));
    fill: var(--_negative);
    stroke: var(--_negative);
    background: var(--_negative);
  }
  path.lines.negative {
    fill: none;
  }
  .headline {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 1.5) calc(var(--_space) * 4);
    margin: 0;
  }
  .headline dt {
    font-size: 0.8125rem;
    color: var(--_gray-medium);
  }
  .headline dd {
    margin: 0.1rem 0 0;
    font-size: var(--spend-headline-font-size, 1.5rem);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  @container (max-width: 24rem) {
    .headline dd {
      font-size: calc(var(--spend-headline-font-size, 1.5rem) * 0.8);
    }
  }
  .headline dd.note,
  .headline-none {
    font-size: 0.8125rem;
    font-weight: normal;
    color: var(--_gray-medium);
    max-width: 16rem;
  }
`;
