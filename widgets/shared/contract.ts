/**
 * The proxy's JSON shapes: the one public contract between proxy/ and widgets/.
 * The proxy imports these with `import type`, so nothing here may be a runtime value.
 */

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
  /** With `compare=previous`: the period of the same length just before, window by window, same group names. */
  previous?: { starting_on: string; ending_before: string; windows: UsageWindow[]; total: number };
}

/** `GET /api/customer`: who the session is for and what they can chart. */
export interface CustomerResponse {
  customer: { name: string };
  /** The contract's current billing period; null for a customer without a contract. */
  current_billing_period: { starting_on: string; ending_before: string } | null;
  billable_metrics: Array<{ id: string; name: string; group_keys: string[][] }>;
}

/** Every non-2xx answer of the proxy. */
export interface ErrorBody {
  error: { code: string; message: string };
}
