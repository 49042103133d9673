import { CHART_TOKENS } from '../shared/chart/chart.styles.ts';
import { themeStyles } from '../shared/theme/theme.styles.ts';

/** Everything else <usage-chart> wears is the shared chart sheet. */
export const theme = themeStyles(...CHART_TOKENS);
