import { css } from 'lit';
import { chartTheme } from '../shared/chart/chart.styles.ts';

/** Everything else <usage-chart> wears is the shared chart sheet. */
export const theme = chartTheme;

/** The range's total above the chart (a hint's colour): the figure stands out; a whole number of pixels high. */
export const totalStyles = css`
  [part='total'] {
    line-height: 1.75rem;
  }
  [part='total'] strong {
    font-size: 1.25rem;
    color: var(--_gray-dark);
  }
`;
