/**
 * The proxy's JSON shapes: the one public contract between proxy/ and widgets/. Types only; the
 * constants both sides share are in limits.ts.
 */

/**
 * Carried by every successful `/api` JSON answer, next to the route's own fields: how fresh the
 * Metronome figures behind it are.
 */
export interface Freshness {
  /** ISO time the oldest upstream answer used was fetched from Metronome. */
  as_of: string;
  /** True when Metronome failed and the proxy answered from figures it had fetched before. */
  stale: boolean;
}

export type WindowSize = 'hour' | 'day' | 'none';

/** One time window of usage. `values` is keyed by group name and omitted when the usage is not grouped. */
export interface UsageWindow {
  starting_on: string;
  ending_before: string;
  values?: Record<string, number>;
  total: number;
}

/** `GET /api/usage` */
export interface UsageResponse {
  billable_metric: { id: string; name: string };
  window_size: WindowSize;
  starting_on: string;
  ending_before: string;
  /** The keys grouped by, in order; null when the usage is not grouped. */
  group_key: string[] | null;
  /** Group names in a stable order (largest total first); empty when not grouped. */
  groups: string[];
  windows: UsageWindow[];
  total: number;
  /**
   * With `compare=previous`: the period compared with, window by window, same group names. With
   * `current_period=true`, the billing period before the current one on the contract's schedule (which
   * may have more or fewer windows: they pair up by position); otherwise the period of the same length
   * just before.
   */
  previous?: { starting_on: string; ending_before: string; windows: UsageWindow[]; total: number };
  /**
   * Present while the range is under way: the proxy's time when it counted the usage. The window holding
   * it is partial (usage so far) and later windows are still to come (their zeros are not usage).
   */
  through?: string;
}

/** `GET /api/customer`: who the session is for and what they can chart. */
export interface CustomerResponse {
  customer: { name: string };
  /** The contract's current billing period; null for a customer without a contract. */
  current_billing_period: { starting_on: string; ending_before: string } | null;
  billable_metrics: Array<{ id: string; name: string; group_keys: string[][] }>;
}

/** One credit type's spend, window by window. Amounts in the credit type's own unit (USD cents), unrounded. */
export interface SpendEntry {
  credit_type: { id: string; name: string };
  window_size: 'day' | 'hour';
  /** `product`, or the presentation group key the usage is split by. */
  group_by: string;
  /** Largest spend first; "(none)" for usage lines without the key. */
  groups: string[];
  windows: Array<{
    starting_on: string;
    ending_before: string;
    values: Record<string, number>;
    /** Gross spend: the sum of `values`. */
    total: number;
    /** Commit and credit application: zero or negative, never inside a group. */
    credits_applied: number;
    /** total + credits_applied */
    net: number;
  }>;
  total: number;
  credits_applied: number;
  net: number;
}

/** `GET /api/spend`: one entry per credit type the customer was billed in over the range, USD first. */
export interface SpendResponse {
  starting_on: string;
  ending_before: string;
  credit_types: SpendEntry[];
  /** What `group_by` accepts for this customer: `product` and the presentation group keys its products use. */
  group_by_options?: string[];
}

/** `GET /api/spend/summary`: the current billing period so far, per credit type. */
export interface SpendSummaryResponse {
  period: { starting_on: string; ending_before: string } | null;
  /** Whole and partial days left in the period, from now. */
  days_left: number | null;
  credit_types: Array<{
    credit_type: { id: string; name: string };
    /** Before commits and credits. */
    spend_to_date: number;
    credits_applied: number;
    net: number;
    projection: {
      /** Plain words for the UI, e.g. "at the average daily spend of the last 7 days". */
      method: string;
      spend: number;
      /**
       * Commits and credits applied by the period end (negative): those applied so far, plus what the
       * prepaid ones are projected to pay for the rest at their runway's rate in /api/balances.
       */
      credits: number;
      /** spend + credits: what the period is projected to leave due. */
      net: number;
      /** The spend projected for the rest of the period is paid in full by prepaid commits and credits. */
      covered: boolean;
    } | null;
    /** The previous period at the same elapsed point, for comparison; null without one. */
    previous: { spend_to_date: number; net: number } | null;
  }>;
}

export interface BalanceAmounts {
  /** Segments already started. */
  granted: number;
  /** Automated invoice deductions and true-ups, as a positive amount. */
  used: number;
  /** Metronome's balance: available now. */
  remaining: number;
  /** Expiration entries, as a positive amount. */
  expired: number;
  /** Segments not started yet; never counted as available. */
  upcoming: number;
}

export interface BalanceLedgerEntry {
  /** Metronome's entry type, e.g. CREDIT_SEGMENT_START; unknown types are passed on as they are. */
  type: string;
  timestamp: string;
  amount: number;
  /** Running sum of the entries up to and including this one. */
  balance_after: number;
  invoice_id: string | null;
  /** A deduction stamped after now or belonging to a draft invoice. */
  pending: boolean;
}

export interface BalanceItem extends BalanceAmounts {
  id: string;
  type: 'PREPAID' | 'POSTPAID' | 'CREDIT';
  /** The commit's or credit's name, else its product's. */
  name: string;
  priority: number | null;
  credit_type: { id: string; name: string };
  segments: Array<{ id: string; amount: number; starting_at: string; ending_before: string; status: 'active' | 'upcoming' | 'expired' }>;
  ledger: BalanceLedgerEntry[];
  /**
   * A postpaid commitment's progress toward its minimum (null for prepaid commits and credits): what
   * is left of it is not money to spend but usage still to reach, and a shortfall is invoiced at the end.
   */
  commitment: {
    /** Every segment's amount: what the customer committed to consume. */
    minimum: number;
    /** Automated invoice deductions so far (pending drafts included), as a positive amount. */
    consumed: number;
    /** The last 30 days' average daily usage of what the commitment applies to. */
    consumption_per_day: number;
    /** consumed + consumption_per_day × the days left until `ends_at`. */
    projected_consumption: number;
    /** minimum − projected_consumption, 0 when on track: what the end of the commitment is projected to invoice. */
    projected_shortfall: number;
    ends_at: string | null;
  } | null;
  /** At the burn rate of the last 30 days: when `remaining` runs out, and whether that is before it expires. */
  runway: {
    burn_per_day: number;
    runs_out_at: string | null;
    /** The end of its segments in force, with which what is left expires (of its upcoming ones when none is in force). */
    expires_at: string | null;
    runs_out_before_expiry: boolean | null;
    /**
     * Enough for the rest of the schedule at `burn_per_day`: what it draws from now to `expires_at` beyond
     * `remaining`, plus over each upcoming segment's span beyond that segment's amount; 0 without burn.
     */
    top_up: number;
  };
}

/** `GET /api/balances`: commits and credits in burn-down order, with totals per credit type. */
export interface BalancesResponse {
  totals: Array<
    BalanceAmounts & {
      credit_type: { id: string; name: string };
      /** What prepaid commits and credits with a segment in force now have left; postpaid commitments are not money to spend. */
      available_now: number;
    }
  >;
  items: BalanceItem[];
}

/** Every non-2xx answer of the proxy. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** One invoice of `GET /api/invoices`. Amounts are in the credit type's unit, unrounded. */
export interface InvoiceSummary {
  id: string;
  status: 'draft' | 'finalized' | 'void';
  /** usage: Metronome's USAGE and USAGE_CONSOLIDATED (and types it adds later); scheduled: scheduled charges and commit purchases; trueup: a postpaid commit's shortfall. */
  type: 'usage' | 'scheduled' | 'trueup';
  contract_id: string | null;
  /** The contract's name in Metronome; null when it has none, or when the contracts could not be read. */
  contract_name: string | null;
  credit_type: { id: string; name: string };
  /**
   * What the invoice is for. An invoice Metronome dates at a point (start = end: a commit purchase, a
   * scheduled charge, a true-up) has the span its lines cover instead (a true-up's postpaid segment),
   * or, when they cover none, that point: `starting_on` = `ending_before`.
   */
  period: { starting_on: string; ending_before: string };
  /** Null for a draft, which is not issued yet. */
  issued_at: string | null;
  /** Everything charged before commits and credits pay: usage, scheduled charges, commit purchases, true-ups (the sum of those lines). */
  charges: number;
  /** What commits and credits paid: the sum of their lines, negative, or 0. */
  applied: number;
  /** The amount due: Metronome's total, which is `charges + applied` unless Metronome leaves a line out of it. */
  total: number;
  /** Whether the amount due was paid; null for a draft, a void invoice, and an invoice with nothing due and no billing provider. */
  payment: InvoicePayment | null;
}

/**
 * An invoice's payment in plain categories: `paid`; `open`, due and not paid yet (partly paid
 * included); `processing`, a payment under way; `failed`, the last attempt failed and the customer
 * must act; `uncollectible`, written off by the billing provider; `unknown`, a status the proxy cannot
 * place or could not read (`external_status` then says what the provider said, when it said anything).
 */
export type PaymentStatus = 'paid' | 'open' | 'processing' | 'failed' | 'uncollectible' | 'unknown';

export interface InvoicePayment {
  status: PaymentStatus;
  /** The external billing provider (Stripe, NetSuite…) holding a copy of the invoice; null when it has none. */
  provider: string | null;
  /** The provider's status as Metronome relays it (ExternalInvoiceStatus: `PAID`, `PAYMENT_FAILED`…); null without a provider, where `status` comes from Metronome's payments. */
  external_status: string | null;
  external_invoice_id: string | null;
}

/** `GET /api/invoices`: newest first. */
export interface InvoicesResponse {
  since: string;
  invoices: InvoiceSummary[];
}

export interface InvoiceLineItem {
  /** usage: a metered charge; application: a commit or credit paying (negative); other: scheduled charges, commit purchases. */
  kind: 'usage' | 'application' | 'other';
  name: string;
  presentation_group_values: Record<string, string | null> | null;
  quantity: number | null;
  unit_price: number | null;
  total: number;
  /** Tiered rates: the tier this line's quantity fell in (size null for the last tier). */
  tier: { level: number; starting_at: number; size: number | null } | null;
  period: { starting_on: string; ending_before: string } | null;
  commit_id: string | null;
}

export interface InvoiceProductGroup {
  product_id: string | null;
  name: string;
  lines: InvoiceLineItem[];
  /** Sum of the lines, applications included. */
  total: number;
}

/** `GET /api/invoices/:id`. */
export interface InvoiceDetailResponse {
  invoice: InvoiceSummary;
  products: InvoiceProductGroup[];
}

/** One usage line of `GET /api/invoices/:id/explain`: how Metronome rated it. */
export interface InvoiceExplainLine {
  product_id: string | null;
  name: string;
  presentation_group_values: Record<string, string | null> | null;
  period: { starting_on: string; ending_before: string };
  /** Metronome's quantity, unit price, tier and total for the line. */
  quantity: number;
  unit_price: number | null;
  tier: { level: number; starting_at: number; size: number | null } | null;
  total: number;
  /** From the contract's rate schedule at the line's period start; null when there is none. */
  rate: {
    source: 'list' | 'override';
    rate_type: string;
    price: number | null;
    tiers: Array<{ size: number | null; price: number }> | null;
    starting_at: string;
    ending_before: string | null;
    /** The commit rate where the schedule has one (used instead when a commit pays). */
    commit_rate: { rate_type: string; price: number | null; tiers: Array<{ size: number | null; price: number }> | null } | null;
  } | null;
  product: {
    billable_metric_id: string | null;
    quantity_conversion: { conversion_factor: number; operation: string } | null;
    quantity_rounding: { decimal_places: number; rounding_method: string } | null;
    presentation_group_key: string[] | null;
  } | null;
  /** The total recomputed from the rate next to Metronome's; difference = Metronome's − computed. */
  computed: { price: number | null; total: number; matches: boolean; difference: number } | null;
  /**
   * Draft invoices only: the billable metric's usage over the line's period, converted and rounded like
   * the product, against the invoiced quantity (for a tiered product: the sum of its tier lines).
   */
  usage: { metered_raw: number; metered_quantity: number; invoiced_quantity: number; matches: boolean; difference: number } | null;
  /** Why part of the explanation is missing, if it is. */
  problems: string[];
}

/** `GET /api/invoices/:id/explain`. */
export interface InvoiceExplainResponse {
  invoice: InvoiceSummary;
  lines: InvoiceExplainLine[];
}

/**
 * `POST /api/dashboards/embeddable-url`: a URL for an iframe showing one of Metronome's hosted
 * dashboards for the session's customer. No expiry: Metronome calls the URL time-limited but neither
 * says when it expires nor sends a time, so fetch a fresh one whenever the iframe is (re)loaded.
 */
export interface DashboardUrlResponse {
  url: string;
}

/** One billable metric of `GET /api/usage/summary`. Quantities and amounts unrounded. */
export interface UsageSummaryMetric {
  billable_metric: { id: string; name: string };
  /** What the quantity counts, from the metric's `unit` custom field; null when the metric names none. */
  unit: string | null;
  /** Usage over the period so far. */
  total: number;
  /** One value per UTC day from `starting_on`, through the day holding `through` (the whole range when it is over). */
  daily: number[];
  /**
   * Usage over `compared_with`: the previous period for as long as this one has run, its last partial
   * day pro rata. Null when there is nothing to compare with.
   */
  previous_total: number | null;
  /** Usage spend (before commits and credits) of the metric's products, per credit type in its own unit, USD first; empty when unpriced or when the breakdowns show none. */
  spend: Array<{ credit_type: { id: string; name: string }; amount: number }>;
}

/** `GET /api/usage/summary`: every billable metric's usage in a period, largest spend first. */
export interface UsageSummaryResponse {
  starting_on: string;
  ending_before: string;
  /** Present while the period is under way: the proxy's time when it counted. */
  through?: string;
  /** The range `previous_total` covers: as long as the period has run so far, from the previous period's start; null without one. */
  compared_with: { starting_on: string; ending_before: string } | null;
  /** Largest spend first (USD before custom units), then unpriced metrics by quantity. */
  metrics: UsageSummaryMetric[];
}

/**
 * What a threshold notification watches, for every type Metronome documents: the remaining balance of
 * prepaid commits, of credits, or of both falling to the threshold (an amount), or their share remaining
 * (a percentage), or the days left before a commit's or credit's balance expires, or the seats left; the
 * current billing period's spend (before commits and credits) or its invoice total (after them) reaching it.
 */
export type AlertKind =
  | 'low_commit_balance'
  | 'low_credit_balance'
  | 'low_balance'
  | 'low_commit_percentage'
  | 'low_credit_percentage'
  | 'commit_days_left'
  | 'credit_days_left'
  | 'low_seat_balance'
  | 'spend'
  | 'invoice_total';

/** One threshold notification of `GET /api/alerts`. */
export interface AlertSummary {
  id: string;
  name: string;
  /** A kind the widgets describe, else Metronome's own type as it is (a kind it adds later is shown, not dropped). */
  kind: AlertKind | (string & {});
  /** Metronome's status for the customer; `evaluating` until Metronome has checked a new or changed notification. */
  status: 'ok' | 'in_alarm' | 'evaluating';
  /**
   * In the credit type's unit (USD cents), unrounded; when `credit_type` is null a plain number: a
   * percentage for the `_percentage` kinds (20 is 20%), days for the `_days_left` ones, seats.
   */
  threshold: number;
  /** The unit of `threshold` and `current`; null for a threshold that is not money (a percentage, days, seats). */
  credit_type: { id: string; name: string } | null;
  /** The figure watched, as the balances and spend widgets show it now; null when the proxy cannot tell. */
  current: number | null;
}

/** `GET /api/alerts`: the customer's enabled threshold notifications, in alarm first. */
export interface AlertsResponse {
  alerts: AlertSummary[];
}
