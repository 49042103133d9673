import { plural } from '../intl.ts';
import type { PaymentStatus } from '../../../contract/index.ts';

/** A tier of a tiered rate by its place: "first 1,000", "next 4,000", "over 5,000" (the last, open-ended). */
const tierSpan = (first: boolean, size: string | null, from: string) => (size === null ? (first ? 'all' : `over ${from}`) : `${first ? 'first' : 'next'} ${size}`);

/**
 * Every word the widgets show, in English: labels, buttons, headings, messages, accessible names,
 * table and CSV headers. Other catalogues translate this one key by key (`Messages`); a missing key
 * falls back to English. Functions take figures already formatted for the locale. Words that come
 * from the proxy or Metronome (error messages, a projection's method, a payment status) are shown as
 * sent and are not here.
 *
 * In sections, so that an element's file carries only the words it shows: `common`, which every
 * widget reads, and each element's own, which it adds through `messages(locale, usageChart)`. An
 * element's type has only its sections' keys, so a key it reads from another's fails the typecheck.
 */
export const common = {
  // Every widget
  retry: 'Retry',
  /** The title of an amount the money rule rounded: its exact value. */
  exactly: (amount: string) => `Exactly ${amount}`,
  noSession: 'Waiting for a billing session: the page must set tokenProvider.',
  /**
   * A failed load, by kind: `session` (no token could be had, or the proxy refused the session), `notFound`,
   * `busy` (rate limited), `badInput` (the proxy refused the range or a filter), `network` (nothing
   * answered) and `unavailable` (everything else: Metronome or the proxy failing). The technical detail is
   * in `mw-error` only.
   */
  failure: (kind: 'session' | 'notFound' | 'busy' | 'badInput' | 'network' | 'unavailable'): string =>
    ({
      session: 'You are not signed in, or your session has ended. Sign in again to see your billing data.',
      notFound: 'This billing information could not be found.',
      busy: 'Too many requests at once. Wait a moment, then try again.',
      badInput: 'This range or filter cannot be shown. Choose another one.',
      network: 'Could not reach the billing service. Check your connection and try again.',
      unavailable: 'Billing data is temporarily unavailable. Try again in a moment.',
    })[kind],
  /** Around the time of the older figures: "Figures as of 10:42 AM · …". */
  stale: ['Figures as of ', ' · The billing service is not answering, so these are the last figures it sent.'] as [string, string],
  /** A column of <invoice-list>, a figure and a chart's series of <spend-breakdown>. */
  commitsAndCredits: 'Commits and credits',

  // Charts (usage and spend)
  series: 'Series',
  chartRole: 'interactive chart',
  chartKeys: 'Use the arrow keys to read each window.',
  allHidden: 'Every series is hidden; choose one in the legend to draw it.',
  total: 'Total',
  other: (count: number) => `Other (${count})`,
  previousPeriod: 'Previous period',
  /** A window, or a range, still being counted: "Sun, Nov 29, 2026 (so far)". */
  soFar: (window: string) => `${window} (so far)`,
  hour: 'Hour',
  day: 'Day',
  period: 'Period',
  csvStart: 'starting_on',
  csvEnd: 'ending_before',
  csvTotal: 'total',
  csvPrevious: 'previous_period_total',
  /** A CSV column of amounts, named with their unit: "total (USD)". */
  csvUnit: (column: string, unit: string) => `${column} (${unit})`,
  /** Of a range still being counted, compared with as far into the previous period (<usage-chart> too). */
  sameAsBefore: 'about the same as at this point of the previous period',
  changeOnSamePoint: (up: boolean, percent: string) => `${up ? 'up' : 'down'} ${percent} on the same point of the previous period`,

  // Ranges and the controls above charts
  rangeTooLong: (days: number) => `A range covers at most ${days} days (3 years); choose a shorter one.`,
  hourlyTooLong: (days: number) => `Hourly windows cover at most ${days} days; choose daily windows or a shorter range.`,
  onDay: (day: string) => `on ${day}`,
  fromTo: (from: string, to: string) => `from ${from} to ${to}`,
  range: 'Range',
  currentPeriod: 'Current billing period',
  lastDays: (days: number) => `Last ${days} days`,
  custom: 'Custom',
  customPick: 'Custom…',
  from: 'From',
  to: 'To',
  windows: 'Windows',
  daily: 'Daily',
  hourly: 'Hourly',
  hourlyAtMost: (days: number) => `Hourly (${days} days at most)`,
  chartType: 'Chart type',
  bars: 'Bars',
  lines: 'Lines',
  table: 'Table',
  exportCsv: 'Export CSV',
};

/** The words of <usage-chart> alone. */
export const usageChart = {
  metric: 'Metric',
  groupBy: 'Group by',
  noGrouping: 'Nothing (totals)',
  compare: 'Compare with previous period',
  filterKept: (kept: number, known: number) => `${kept} of ${known}`,
  filterAll: 'all',
  filterShow: (key: string) => `Show ${key}`,
  loadingUsage: 'Loading usage…',
  noMetrics: 'This customer has no billable metrics yet.',
  setMetric: 'Set the billable-metric-id attribute to choose a metric.',
  noUsage: 'No usage in this period',
  usageNone: (metric: string, range: string) => `No ${metric} usage ${range}`,
  usageDownFrom: (previous: string) => `, down from ${previous} in the previous period`,
  usageTotal: (total: string, metric: string, range: string) => `${total} ${metric} ${range}`,
  /** Above the chart: the label before the range's total and unit. */
  rangeTotal: (partial: boolean): string => (partial ? 'Total so far' : 'Total'),
  noneEither: 'none in the previous period either',
  upFromNone: 'up from none in the previous period',
  aboutSame: 'about the same as the previous period',
  changeOnPrevious: (up: boolean, percent: string) => `${up ? 'up' : 'down'} ${percent} on the previous period`,
  mostIn: (group: string, share: string) => `; most in ${group} (${share})`,
};

/** The words of <spend-breakdown> alone. */
export const spendBreakdown = {
  splitBy: 'Split by',
  product: 'Product',
  creditType: 'Credit type',
  loadingSpend: 'Loading spend…',
  noSpend: 'No spend in this period',
  spendIn: (creditType: string) => `Spend in ${creditType}`,
  noPeriod: 'No current billing period: this account has no contract in force.',
  nothingBilled: 'Nothing billed yet this period.',
  spentSoFar: 'Spent so far',
  netSoFar: 'Net so far',
  daysLeft: 'Days left',
  projected: 'Projected by period end',
  /** The rest of the period paid in full by prepaid commits and credits, at the rate <balance-ledger> states. */
  projectedCovered: (method: string, due: string) => `${method}; covered by your commits and credits: ${due} due`,
  projectedDue: (method: string, due: string) => `${method}; ${due} due after commits and credits`,
  days: (count: number, days: string) => plural('en', count, { one: `${days} day`, other: `${days} days` }),
  periodEndsToday: 'Period ends today',
  spendNone: (range: string) => `No spend ${range}.`,
  spent: (total: string, range: string) => `${total} spent ${range}`,
  spentNet: (credits: string, net: string) => `, ${credits} paid by commits and credits, ${net} net`,
  mostOn: (group: string, share: string) => `; most on ${group} (${share})`,
  nothingEither: 'nothing spent at this point of the previous period either',
  upFromNothing: 'up from nothing at this point of the previous period',
};

/** The words of <balance-ledger> alone. */
export const balanceLedger = {
  loadingBalances: 'Loading balances…',
  noBalances: 'No commits or credits',
  balancesCaption: 'Commits and credits, in the order they are used',
  name: 'Name',
  granted: 'Granted',
  used: 'Used',
  remaining: 'Remaining',
  expired: 'Expired',
  upcoming: 'Upcoming',
  shareUsed: 'Share used',
  totalsIn: (creditType: string) => `Totals in ${creditType}`,
  availableNow: 'Available now',
  meter: (used: string, remaining: string, expired: string, upcoming: string, amount: string) =>
    `${used} used, ${remaining} remaining, ${expired} expired, ${upcoming} upcoming, of ${amount}`,
  consumed: 'Consumed',
  projectedMore: 'Projected',
  projectedShortfall: 'Projected shortfall',
  minimumProgress: (consumed: string, minimum: string) => `${consumed} of ${minimum} minimum consumed`,
  shortfall: (amount: string, end: string | null) => `Projected shortfall ${amount}, invoiced at the end of the commitment${end ? ` (${end})` : ''}.`,
  onTrack: (end: string | null) => `On track to reach the minimum${end ? ` by ${end}` : ''}.`,
  priority: (priority: string) => `priority ${priority}`,
  itemType: (type: 'PREPAID' | 'POSTPAID' | 'CREDIT'): string => (type === 'PREPAID' ? 'Prepaid commit' : type === 'POSTPAID' ? 'Postpaid commit' : 'Credit'),
  segmentStatus: (status: 'active' | 'upcoming' | 'expired'): string => status,
  ledgerOf: (item: string) => `Ledger of ${item}`,
  date: 'Date',
  entry: 'Entry',
  amount: 'Amount',
  balance: 'Balance',
  invoice: 'Invoice',
  pending: 'Pending',
  pendingTitle: 'From the current draft invoice; final when the period closes',
  viewInvoice: 'View invoice',
  /** Ledger entry types without their PREPAID_COMMIT_ / POSTPAID_COMMIT_ / CREDIT_ prefix; others are shown as Metronome names them. */
  entryTypes: {
    SEGMENT_START: 'Granted',
    INITIAL_BALANCE: 'Commitment started',
    AUTOMATED_INVOICE_DEDUCTION: 'Used on an invoice',
    EXPIRATION: 'Expired',
    TRUEUP: 'True-up invoiced',
    ROLLOVER: 'Rolled over',
    MANUAL: 'Manual adjustment',
    CANCELED: 'Canceled',
    CREDITED: 'Credited back',
    SEAT_BASED_ADJUSTMENT: 'Seat change adjustment',
  } as Record<string, string>,
  otherEntry: 'Other entry',
  nothingLeft: 'Nothing left to use.',
  /** `expiry`: the last day of its segments in force, with which what is left expires, as the segments' periods show it. */
  notUsed: (expiry: string | null) => `Not used in the last 30 days${expiry ? `; usable through ${expiry}` : ''}.`,
  burnRate: (perDay: string) => `At ${perDay} a day (the last 30 days' rate)`,
  lastsPastExpiry: (rate: string, expiry: string) => `${rate}, this lasts past ${expiry}, when what is left expires.`,
  runsOut: (rate: string, day: string, expiry: string | null) => `${rate}, this runs out around ${day}${expiry ? `, before its balance expires on ${expiry}` : ''}.`,
  // Top-up (with `purchase`): the runway's warning in words, and the button that asks the page to sell more.
  runsOutEarly: 'Runs out early:',
  buyMore: 'Buy more',
  buyMoreOf: (item: string) => `Buy more ${item}`,
};

/** The words of <invoice-list> alone. */
export const invoiceList = {
  loadingInvoices: 'Loading invoices…',
  noInvoices: 'No invoices in this period',
  invoicesSince: (day: string) => `Invoices since ${day}, newest first`,
  status: 'Status',
  type: 'Type',
  issued: 'Issued',
  amountDue: 'Amount due',
  actions: 'Actions',
  all: 'All',
  invoiceStatus: (status: 'draft' | 'finalized' | 'void'): string => (status === 'draft' ? 'Draft' : status === 'finalized' ? 'Finalized' : 'Void'),
  invoiceType: (type: 'usage' | 'scheduled' | 'trueup'): string => (type === 'usage' ? 'Usage' : type === 'scheduled' ? 'Scheduled' : 'True-up'),
  /** Charges before commits and credits pay: usage, scheduled charges, commit purchases, true-ups. */
  charges: 'Charges',
  contract: 'Contract',
  /** A contract without a name, by its place in the filter. */
  contractNumber: (n: number) => `Contract ${n}`,
  /** Before the payment status, for screen readers. */
  payment: 'Payment: ',
  /** An invoice's payment (the proxy's plain status); an unknown one shows the billing provider's own status, made readable, when there is one. */
  paymentStatus: { paid: 'Paid', open: 'Unpaid', processing: 'Processing', failed: 'Payment failed', uncollectible: 'Uncollectible', unknown: 'Unknown' } as Record<PaymentStatus, string>,
  /** The link to the host's checkout for an invoice still to pay; the invoice follows for screen readers. */
  payNow: 'Pay now',
  payNowOf: (period: string) => `, invoice for ${period}`,
  notIssued: 'Not issued yet',
  pdf: 'PDF',
  pdfOf: (period: string) => ` of the invoice for ${period}`,
  /** The PDF button while it downloads: with how much has come ("40%") when the size is known. */
  downloading: (percent: string | null) => `Downloading…${percent ? ` ${percent}` : ''}`,
  pdfFailed: 'The PDF could not be downloaded.',
  loadingInvoice: 'Loading the invoice…',
  invoiceFor: (period: string, status: string) => `Invoice for ${period} · ${status}`,
  showZero: 'Show lines with no usage',
  linesOf: (period: string) => `Lines of the invoice for ${period}`,
  line: 'Line',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  tier: (level: number, from: string) => `Tier ${level} (from ${from})`,
  paidBy: (name: string) => `Paid by ${name}`,
  why: 'Why this charge?',
  explainFailed: (message: string) => `The explanation could not be loaded: ${message}`,
  loadingExplain: 'Loading the explanation…',
  noExplain: 'No explanation is available for this line.',
  charge: 'Charge',
  matchesInvoice: 'matches the invoice',
  invoiceSays: (total: string, difference: string) => `the invoice says ${total} (${difference} apart)`,
  /** Before a tiered line's quantity × price: "First 1,000: ", "Over 2,000: ". */
  tierCharge: (first: boolean, size: string | null, from: string) => `${tierSpan(first, size, from).replace(/^./, (c) => c.toUpperCase())}: `,
  /** A tiered charge on a line that does not say its tier: "1,500 at the tiered rate below = $0.25". */
  atTieredRate: 'at the tiered rate below',
  rate: 'Rate',
  rateSince: (override: boolean, rateType: string, since: string) => `${override ? 'Contract override' : 'List rate'} (${rateType}) since ${since}`,
  /** "first 1,000 at $0.20, next 1,000 at $0.15, then $0.10": `from` is where each tier starts. */
  tiers: (tiers: Array<{ size: string | null; from: string; price: string }>) =>
    tiers.map((t, i) => (i && t.size === null ? `then ${t.price}` : `${tierSpan(!i, t.size, t.from)} at ${t.price}`)).join(', '),
  commitRate: 'Commit rate',
  commitInstead: (rate: string) => `${rate}, charged instead where a prepaid commit pays`,
  metered: (conversion: { divide: boolean; factor: string } | null) =>
    conversion ? `metered units ${conversion.divide ? 'divided' : 'multiplied'} by ${conversion.factor}` : 'metered units',
  rounded: (method: string, places: number) => `, ${{ ROUND_UP: 'rounded up', ROUND_DOWN: 'rounded down' }[method] ?? 'rounded'} to ${places} decimal places`,
  meteredSoFar: 'Metered so far',
  matches: 'matches',
  invoicedApart: (invoiced: string, difference: string) => `invoiced ${invoiced}, ${difference} apart`,
  note: 'Note',
};

/** The words of <metronome-dashboard> alone. */
export const metronomeDashboard = {
  dashboard: (dashboard: string) => `${{ invoices: 'Invoices', usage: 'Usage', commits_and_credits: 'Commits and credits' }[dashboard] ?? 'Billing'} dashboard`,
  loadingDashboard: (title: string) => `Loading the ${title.toLowerCase()}…`,
  dashboardUnset: 'Set dashboard to invoices, usage or commits_and_credits.',
};

/** The words of <usage-summary> alone. */
export const usageSummary = {
  loadingSummary: 'Loading usage…',
  summaryEmpty: 'No billable metrics in this period',
  /** What each change is measured against: "Change against Oct 1 – Oct 25, 2026, the same point of the previous period". */
  comparedWith: (range: string) => `Change against ${range}, the same point of the previous period`,
  /** A metric's change: a signed percentage with words ("Up +12.3%"). */
  change: (kind: 'up' | 'down' | 'same' | 'new', percent: string) => ({ up: `Up ${percent}`, down: `Down ${percent}`, same: 'No change', new: 'New this period' })[kind],
  metricNoSpend: 'No spend',
  /** The sparkline's accessible name: "Daily usage Nov 1 – Nov 30, 2026 (so far): highest 1,200, last day 800". */
  dailyUsage: (range: string, high: string, last: string) => `Daily usage ${range}: highest ${high}, last day ${last}`,
};

/** The words of <usage-alerts> alone. */
export const usageAlerts = {
  loadingAlerts: 'Loading notifications…',
  noAlerts: 'No threshold notifications are set up',
  alertsCaption: 'Threshold notifications',
  /** What a notification watches, by the kind the proxy names; other kinds are shown in Metronome's words. */
  alertKinds: {
    low_commit_balance: 'Remaining commit balance',
    low_credit_balance: 'Remaining credit balance',
    low_balance: 'Remaining commit and credit balance',
    low_commit_percentage: 'Share of commit balance remaining',
    low_credit_percentage: 'Share of credit balance remaining',
    commit_days_left: 'Days before a commit\'s balance expires',
    credit_days_left: 'Days before a credit\'s balance expires',
    low_seat_balance: 'Remaining seats',
    spend: 'Spend this billing period',
    invoice_total: 'Invoice total this billing period',
  } as Record<string, string>,
  alertStatus: (status: 'ok' | 'in_alarm' | 'evaluating'): string => (status === 'in_alarm' ? 'Triggered' : status === 'ok' ? 'OK' : 'Being checked'),
  /** The threshold: a balance alerts when it falls to it (`low`), spend when it rises to it, other kinds just have one. */
  alertsAt: (direction: 'low' | 'high' | null, threshold: string) =>
    direction === 'low' ? `Alerts at or below ${threshold}` : direction === 'high' ? `Alerts at or above ${threshold}` : `Threshold: ${threshold}`,
  /** A `_days_left` kind's threshold: "14 days left". */
  daysLeftCount: (count: number, days: string) => plural('en', count, { one: `${days} day left`, other: `${days} days left` }),
  now: (current: string) => `Now ${current}`,
  /** The gauge's accessible value: "$33,322.87 of the $40,000.00 threshold". */
  ofThreshold: (current: string, threshold: string) => `${current} of the ${threshold} threshold`,
};

/** The words every widget reads; an element's own are added to them (`messages(locale, usageChart)`). */
export type CommonMessages = typeof common;
export type UsageChartMessages = CommonMessages & typeof usageChart;

/** A catalogue: the English one's keys, each translated. */
export type Messages = CommonMessages & typeof usageChart & typeof spendBreakdown & typeof balanceLedger & typeof invoiceList & typeof metronomeDashboard & typeof usageSummary & typeof usageAlerts;
