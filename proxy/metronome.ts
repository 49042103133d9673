import { ProxyError } from './errors.ts';

/**
 * The only code that knows Metronome's paths, casing, cursors and page limits.
 * Every failure becomes a ProxyError whose message is safe for the browser: upstream bodies
 * are never passed on, since they could echo request headers.
 */

export interface MetronomeOptions {
  token: string;
  baseUrl: string;
  fetch: typeof fetch;
  /** How long one upstream request may take before the proxy answers 504. */
  timeoutMs: number;
}

/** The fields of a billable metric the proxy uses; every other field the spec allows is ignored. */
export interface BillableMetric {
  id: string;
  name: string;
  group_keys?: string[][];
  /** Deprecated by Metronome in favour of group_keys; each entry is a simple key. */
  group_by?: string[];
}

/** The key sets a metric can be grouped by; older metrics list simple keys in the deprecated `group_by`. */
export function groupKeysOf(metric: BillableMetric): string[][] {
  if (metric.group_keys?.length) return metric.group_keys;
  return (metric.group_by ?? []).map((key) => [key]);
}

export interface UsageAggregate {
  starting_on: string;
  ending_before: string;
  group_key?: string | null;
  group_value?: string | null;
  group?: Record<string, string | null> | null;
  value?: number | null;
}

export interface UsageGroupsQuery {
  customer_id: string;
  billable_metric_id: string;
  window_size: 'hour' | 'day' | 'none';
  starting_on: string;
  ending_before: string;
  group_key?: string[];
  group_filters?: Record<string, string[]>;
}

/** The fields of a contract the proxy uses. */
export interface Contract {
  id: string;
  starting_at: string;
  ending_before?: string | null;
  usage_statement_schedule?: { frequency?: string; billing_anchor_date?: string } | null;
}

/** The fields of an invoice line the proxy reads. Application lines may lack most of them (see spend-lines.ts). */
export interface InvoiceLine {
  name: string;
  total: number;
  type?: string | null;
  credit_type?: CreditType | null;
  product_id?: string | null;
  product_type?: string | null;
  quantity?: number | null;
  unit_price?: number | null;
  presentation_group_values?: Record<string, string | null> | null;
  commit_id?: string | null;
  commit_segment_id?: string | null;
  applied_commit_or_credit?: { id?: string; type?: string } | null;
  starting_at?: string | null;
  ending_before?: string | null;
  /** Tiered lines: Metronome prints the numbers as strings; the last tier has no size. */
  tier?: { level?: number | string | null; starting_at?: number | string | null; size?: number | string | null } | null;
}

export interface CreditType {
  id: string;
  name: string;
}

export interface Invoice {
  id: string;
  type: string;
  status: string;
  credit_type: CreditType;
  start_timestamp?: string;
  end_timestamp?: string;
  line_items: InvoiceLine[];
  total: number;
  customer_id?: string;
  contract_id?: string | null;
  issued_at?: string | null;
  external_invoice?: ExternalInvoice | null;
}

export interface ExternalInvoice {
  billing_provider_type: string;
  invoice_id?: string | null;
  external_status?: string | null;
  issued_at_timestamp?: string | null;
}

export interface InvoiceListFilter {
  status?: 'DRAFT' | 'FINALIZED' | 'VOID';
  contract_id?: string;
  /** Invoices whose period starts at or after this date-time. */
  starting_on?: string;
  sort?: 'date_asc' | 'date_desc';
}

export interface RateJson {
  rate_type: string;
  price?: number | null;
  tiers?: Array<{ size?: number | null; price: number }> | null;
  credit_type?: CreditType | null;
}

/** One entry of a contract's rate schedule, with the fields the proxy reads. */
export interface RateScheduleEntry {
  product_id: string;
  product_name?: string;
  starting_at: string;
  ending_before?: string | null;
  entitled?: boolean;
  billing_frequency?: string | null;
  pricing_group_values?: Record<string, string> | null;
  list_rate: RateJson;
  override_rate?: RateJson | null;
  commit_rate?: RateJson | null;
}

export interface ProductState {
  name: string;
  starting_at?: string | null;
  billable_metric_id?: string | null;
  quantity_conversion?: { conversion_factor: number; operation: string } | null;
  quantity_rounding?: { decimal_places: number; rounding_method: string } | null;
  presentation_group_key?: string[] | null;
}

export interface Product {
  id: string;
  type: string;
  initial: ProductState;
  current?: ProductState | null;
  updates?: Array<Partial<ProductState> & { starting_at?: string | null }> | null;
}

/** An invoice's lines within one hour or day window. */
export interface BreakdownInvoice extends Invoice {
  breakdown_start_timestamp: string;
  breakdown_end_timestamp: string;
}

export interface BreakdownsQuery {
  window_size: 'hour' | 'day';
  starting_on: string;
  ending_before: string;
  /** Breakdowns never include void invoices; FINALIZED narrows to closed periods. */
  status?: 'DRAFT' | 'FINALIZED';
}

/** One ledger entry of a commit or credit; `type` is open-ended (Metronome adds types over time). */
export interface BalanceLedgerEntry {
  type: string;
  timestamp: string;
  amount: number;
  segment_id?: string | null;
  invoice_id?: string | null;
}

/** A commit or credit from customerBalances/list, with the fields the proxy reads. */
export interface CustomerBalance {
  id: string;
  type: string;
  name?: string | null;
  priority?: number | null;
  product?: { id: string; name?: string | null } | null;
  access_schedule?: {
    credit_type?: CreditType | null;
    schedule_items?: Array<{ id: string; amount: number; starting_at: string; ending_before: string }> | null;
  } | null;
  ledger?: BalanceLedgerEntry[] | null;
  balance?: number | null;
}

/** The dashboards getEmbeddableUrl knows. */
export type DashboardKind = 'invoices' | 'usage' | 'commits_and_credits';

/** How a billable metric's group key and its values are labelled on the usage dashboard. */
export interface GroupKeyOverride {
  group_key_name: string;
  display_name?: string;
  value_display_names?: Record<string, string>;
}

/** Everything getEmbeddableUrl takes but the customer, which the caller supplies separately. */
export interface EmbeddableDashboardOptions {
  dashboard: DashboardKind;
  dashboard_options?: Array<{ key: string; value: string }>;
  color_overrides?: Array<{ name: string; value: string }>;
  bm_group_key_overrides?: GroupKeyOverride[];
}

/** The spec's maximum page size for customerBalances/list. */
const BALANCES_PAGE_LIMIT = 25;

interface Page<T> {
  data?: T[] | null;
  next_page?: string | null;
}

/** Far above any real result; only stops a misbehaving upstream from looping forever. */
const MAX_PAGES = 10_000;

export type Metronome = ReturnType<typeof createMetronome>;

export function createMetronome(options: MetronomeOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function request<T>(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown, signal?: AbortSignal): Promise<T> {
    const url = new URL(baseUrl + path);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    // A timer of our own rather than AbortSignal.timeout(): it also covers reading the body, and is
    // cleared as soon as the answer is in.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
    try {
      let response: Response;
      try {
        response = await options.fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${options.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
        });
      } catch (err) {
        if (signal?.aborted) throw err;
        throw timeout.signal.aborted
          ? upstreamTimeout()
          : new ProxyError(502, 'upstream_unavailable', 'Metronome could not be reached. Try again shortly.');
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw upstreamStatusError(response.status);
      }
      try {
        return (await response.json()) as T;
      } catch {
        if (timeout.signal.aborted) throw upstreamTimeout();
        throw new ProxyError(502, 'upstream_invalid', 'Metronome sent an answer the proxy could not read.');
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const rows: T[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await fetchPage(cursor);
      rows.push(...(result.data ?? []));
      if (!result.next_page) return rows;
      if (seen.has(result.next_page)) break;
      seen.add(result.next_page);
      cursor = result.next_page;
    }
    throw new ProxyError(502, 'upstream_invalid', 'Metronome kept returning the same page of results.');
  }

  return {
    async getCustomer(customerId: string, signal?: AbortSignal): Promise<{ id: string; name: string }> {
      const body = await request<{ data: { id: string; name: string } }>('GET', `/v1/customers/${encodeURIComponent(customerId)}`, {}, undefined, signal);
      return body.data;
    },

    /** Contracts in force at `coveringDate`. Metronome answers an unknown customer with 400 here, not 404. */
    async listContracts(customerId: string, coveringDate: Date, signal?: AbortSignal): Promise<Contract[]> {
      const body = await request<{ data?: Contract[] | null }>('POST', '/v2/contracts/list', {}, { customer_id: customerId, covering_date: coveringDate.toISOString() }, signal);
      return body.data ?? [];
    },

    listBillableMetrics(customerId: string, signal?: AbortSignal): Promise<BillableMetric[]> {
      const path = `/v1/customers/${encodeURIComponent(customerId)}/billable-metrics`;
      return allPages((cursor) => request<Page<BillableMetric>>('GET', path, cursor ? { next_page: cursor } : {}, undefined, signal));
    },

    /**
     * Invoice breakdowns per window over [starting_on, ending_before). A page holds at most 35 daily or
     * 24 hourly windows whatever `limit` says, so a long range is many pages; limit=100 keeps the count down
     * when several credit types share a window.
     */
    invoiceBreakdowns(customerId: string, query: BreakdownsQuery, signal?: AbortSignal): Promise<BreakdownInvoice[]> {
      const path = `/v1/customers/${encodeURIComponent(customerId)}/invoices/breakdowns`;
      const params: Record<string, string> = { ...query, limit: '100' };
      return allPages((cursor) => request<Page<BreakdownInvoice>>('GET', path, cursor ? { ...params, next_page: cursor } : params, undefined, signal));
    },

    listInvoices(customerId: string, filter: InvoiceListFilter, signal?: AbortSignal): Promise<Invoice[]> {
      const path = `/v1/customers/${encodeURIComponent(customerId)}/invoices`;
      const params: Record<string, string> = { ...filter, limit: '100' };
      return allPages((cursor) => request<Page<Invoice>>('GET', path, cursor ? { ...params, next_page: cursor } : params, undefined, signal));
    },

    /** One invoice with all its lines (zero-quantity ones included). 404 for another customer's invoice. */
    async getInvoice(customerId: string, invoiceId: string, signal?: AbortSignal): Promise<Invoice> {
      const path = `/v1/customers/${encodeURIComponent(customerId)}/invoices/${encodeURIComponent(invoiceId)}`;
      const body = await request<{ data: Invoice }>('GET', path, {}, undefined, signal);
      return body.data;
    },

    /**
     * The invoice's PDF as a stream, never read into memory. The timeout covers the wait for the
     * answer's headers only: a slow download is the browser's to cancel (its abort reaches `signal`).
     */
    async invoicePdf(customerId: string, invoiceId: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
      const url = `${baseUrl}/v1/customers/${encodeURIComponent(customerId)}/invoices/${encodeURIComponent(invoiceId)}/pdf`;
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
      let response: Response;
      try {
        response = await options.fetch(url, {
          method: 'GET',
          headers: { authorization: `Bearer ${options.token}`, accept: 'application/pdf' },
          signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
        });
      } catch (err) {
        if (signal?.aborted) throw err;
        throw timeout.signal.aborted ? upstreamTimeout() : new ProxyError(502, 'upstream_unavailable', 'Metronome could not be reached. Try again shortly.');
      } finally {
        clearTimeout(timer);
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw upstreamStatusError(response.status);
      }
      const type = response.headers.get('content-type') ?? '';
      if (!response.body || !type.toLowerCase().startsWith('application/pdf')) {
        await response.body?.cancel().catch(() => undefined);
        throw new ProxyError(502, 'upstream_invalid', 'Metronome sent something other than a PDF.');
      }
      return response.body;
    },

    /** The contract's rates in force at `at` for some products (every page). */
    rateSchedule(customerId: string, contractId: string, at: string, productIds: string[], signal?: AbortSignal): Promise<RateScheduleEntry[]> {
      const body = { customer_id: customerId, contract_id: contractId, at, selectors: productIds.map((product_id) => ({ product_id })) };
      return allPages((cursor) => request<Page<RateScheduleEntry>>('POST', '/v1/contracts/getContractRateSchedule', cursor ? { next_page: cursor } : {}, body, signal));
    },

    async getProduct(productId: string, signal?: AbortSignal): Promise<Product> {
      const body = await request<{ data: Product }>('POST', '/v1/contract-pricing/products/get', {}, { id: productId }, signal);
      return body.data;
    },

    /**
     * Every commit and credit of the customer with balance and ledger. Unlike the GET lists, this one
     * takes its cursor and limit in the JSON body; include_contract_balances is needed because
     * contract-level commits and credits are left out without it.
     */
    customerBalances(customerId: string, signal?: AbortSignal): Promise<CustomerBalance[]> {
      const body = { customer_id: customerId, include_balance: true, include_ledgers: true, include_contract_balances: true, limit: BALANCES_PAGE_LIMIT };
      return allPages((cursor) =>
        request<Page<CustomerBalance>>('POST', '/v1/contracts/customerBalances/list', {}, cursor ? { ...body, next_page: cursor } : body, signal),
      );
    },

    /** Metronome's own net balance of one credit type (drafts included, its default). */
    async netBalance(customerId: string, creditTypeId: string, signal?: AbortSignal): Promise<number | null> {
      const body = await request<{ data?: { balance?: number | null } | null }>(
        'POST',
        '/v1/contracts/customerBalances/getNetBalance',
        {},
        { customer_id: customerId, credit_type_id: creditTypeId },
        signal,
      );
      return body.data?.balance ?? null;
    },

    /**
     * A URL for an iframe showing one of Metronome's hosted dashboards for the customer. The URL is the
     * bearer of access; Metronome documents it as time-limited but says nothing of when it expires.
     */
    async embeddableDashboardUrl(customerId: string, dashboard: EmbeddableDashboardOptions, signal?: AbortSignal): Promise<string> {
      const body = await request<{ data?: { url?: string | null } | null }>('POST', '/v1/dashboards/getEmbeddableUrl', {}, { ...dashboard, customer_id: customerId }, signal);
      const url = body.data?.url;
      if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw new ProxyError(502, 'upstream_invalid', 'Metronome sent no dashboard URL.');
      return url;
    },

    /** Long hourly ranges go out as several calls of at most a month each, merged in order. */
    async usageGroups(query: UsageGroupsQuery, signal?: AbortSignal): Promise<UsageAggregate[]> {
      const rows: UsageAggregate[] = [];
      for (const [starting_on, ending_before] of usageChunks(query)) {
        const chunk = { ...query, starting_on, ending_before };
        rows.push(...(await allPages((cursor) => request<Page<UsageAggregate>>('POST', '/v1/usage/groups', cursor ? { next_page: cursor } : {}, chunk, signal))));
      }
      return rows;
    },
  };
}

/**
 * Metronome documents no range limit for /v1/usage/groups, but an hourly query over months is
 * thousands of rows per group in one long-running call. Splitting at 31 days keeps every call
 * small and lets a cursor expire or a call fail without losing the rest.
 */
export const HOURLY_DAYS_PER_CALL = 31;

function usageChunks(query: UsageGroupsQuery): Array<[string, string]> {
  const start = Date.parse(query.starting_on);
  const end = Date.parse(query.ending_before);
  if (query.window_size !== 'hour') return [[query.starting_on, query.ending_before]];
  const step = HOURLY_DAYS_PER_CALL * 86_400_000;
  const chunks: Array<[string, string]> = [];
  for (let t = start; t < end; t += step) chunks.push([new Date(t).toISOString(), new Date(Math.min(t + step, end)).toISOString()]);
  return chunks;
}

function upstreamStatusError(status: number): ProxyError {
  if (status === 404) return new ProxyError(404, 'not_found', 'Metronome has no such customer or billable metric.');
  if (status === 401 || status === 403)
    return new ProxyError(502, 'upstream_auth', 'The billing proxy is not authorised by Metronome; check its API token.');
  if (status === 429) return new ProxyError(503, 'upstream_rate_limited', 'Metronome is rate limiting requests. Try again shortly.');
  if (status === 504 || status === 408) return upstreamTimeout();
  return new ProxyError(502, 'upstream_error', `Metronome answered with an error (HTTP ${status}).`);
}

const upstreamTimeout = () => new ProxyError(504, 'upstream_timeout', 'Metronome did not answer in time. Try again shortly.');
