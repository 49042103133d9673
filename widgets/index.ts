/** The all-widgets bundle: importing it defines every element. */
export { BalanceLedger } from './balance-ledger/balance-ledger.ts';
export { MetronomeDashboard } from './metronome-dashboard/metronome-dashboard.ts';
export { InvoiceList } from './invoice-list/invoice-list.ts';
export { SpendBreakdown } from './spend-breakdown/spend-breakdown.ts';
export { UsageChart } from './usage-chart/usage-chart.ts';
export { UsageAlerts } from './usage-alerts/usage-alerts.ts';
export { UsageSummary } from './usage-summary/usage-summary.ts';
export { COLOR_TOKENS, type ColorToken } from './shared/theme/palette.ts';
export { ApiError } from './shared/api.ts';
export { defineElement } from './shared/define.ts';
export { MwChangeEvent, MwErrorEvent, MwInvoiceRequestEvent, MwInvoiceSelectEvent, MwLoadEvent, MwMetricSelectEvent } from './shared/events.ts';
export { configure, type PageConfig } from './shared/page-config.ts';
export type { TokenProvider } from './shared/session.ts';
export { registerMessages, type Messages } from './shared/i18n/messages.ts';
export type * from '../contract/index.ts';
// <balance-ledger purchase>'s request, and the widgets' one money rule, to show its suggested amount as they would.
export { MwPurchaseRequestEvent } from './shared/events.ts';
export { formatMoney } from './shared/format.ts';
