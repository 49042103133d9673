import { DAY, iso, splitEvery } from '../time.ts';
import { upstreamInvalid } from './errors.ts';
import { UpstreamScope } from './scope.ts';
import type {
  Answer,
  BillableMetric,
  BreakdownInvoice,
  BreakdownsQuery,
  Contract,
  Customer,
  CustomerAlert,
  CustomerBalance,
  EmbeddableDashboardOptions,
  Invoice,
  InvoiceListFilter,
  Payment,
  Product,
  RateScheduleEntry,
  RequestBody,
  UsageAggregate,
  UsageGroupsQuery,
} from './types.ts';
import { createUpstream, type Reuse, type UpstreamOptions, type UpstreamRead } from './upstream.ts';

/**
 * The only code that knows Metronome's paths, casing, cursors and page limits. Routes get a client
 * bound to the session's customer (`forCustomer`), so no route can name another customer.
 */

export type MetronomeOptions = UpstreamOptions;

/** The spec's maximum page size for customerBalances/list. */
const BALANCES_PAGE_LIMIT = 25;

/** The spec's maximum page size for payments/list. */
const PAYMENTS_PAGE_LIMIT = 25;

/** Far above any real result; only stops a misbehaving upstream from looping forever. */
const MAX_PAGES = 10_000;

/**
 * Metronome answers at most 35 daily or 24 hourly breakdown windows per page whatever `limit` says, so
 * a range is read as pieces of that many windows, each one page (limit=100 keeps it one page when
 * several credit types share a window).
 */
const BREAKDOWN_PIECE = { day: 35 * DAY, hour: DAY } as const;

/**
 * Metronome documents no range limit for /v1/usage/groups, but an hourly query over months is
 * thousands of rows per group in one long-running call. Pieces of 31 days keep every call small and
 * let a cursor expire or a call fail without losing the rest.
 */
export const HOURLY_USAGE_PIECE = 31 * DAY;

interface Page<T> {
  data?: T[] | null;
  next_page?: string | null;
}

export type Metronome = ReturnType<typeof createMetronome>;
export type CustomerMetronome = ReturnType<Metronome['forCustomer']>;

export function createMetronome(options: MetronomeOptions) {
  const upstream = createUpstream(options);

  return {
    /**
     * Whether Metronome answers this proxy (reachable, token accepted), for readiness probes: the
     * cheapest authenticated read there is, one customer of the list, through the same transport as
     * every other call. Rejects as any call does (a ProxyError), or when `signal` aborts.
     */
    async ping(signal: AbortSignal): Promise<void> {
      const scope = new UpstreamScope({ signal, now: options.now });
      await upstream.json({ method: 'GET', path: '/v1/customers', query: { limit: '1' }, reuse: 'never' }, scope);
    },

    /** Every call Metronome is asked, for one customer and one browser request. */
    forCustomer(customerId: string, scope: UpstreamScope) {
      const customer = encodeURIComponent(customerId);
      const read = <T>(call: UpstreamRead) => upstream.json<T>(call, scope);

      /** Follows `next_page` until the last page; a cursor seen twice is a misbehaving upstream. */
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
        throw upstreamInvalid('the same page of results again and again');
      }

      /** Every page of a GET list, its cursor in the query. */
      const listGet = <T>(path: string, query: Record<string, string>, reuse: Reuse) =>
        allPages<T>((cursor) => read({ method: 'GET', path, query: cursor ? { ...query, next_page: cursor } : query, reuse }));

      return {
        async getCustomer(): Promise<Customer> {
          return (await read<Answer<'getCustomer-v1'>>({ method: 'GET', path: `/v1/customers/${customer}`, reuse: 'reference' })).data;
        },

        /**
         * Every contract of the customer; callers pick the one in force at a time themselves, so that the
         * request (and its cached answer) does not change with the clock. Metronome answers an unknown
         * customer with 400 here, not 404.
         */
        async listContracts(): Promise<Contract[]> {
          const body: RequestBody<'listContracts-v2'> = { customer_id: customerId };
          return (await read<Answer<'listContracts-v2'>>({ method: 'POST', path: '/v2/contracts/list', body, reuse: 'reference' })).data ?? [];
        },

        listBillableMetrics(): Promise<BillableMetric[]> {
          return listGet<BillableMetric>(`/v1/customers/${customer}/billable-metrics`, {}, 'reference');
        },

        /** Invoice breakdowns per window over [starting_on, ending_before), read as pieces in parallel. */
        async invoiceBreakdowns(query: BreakdownsQuery): Promise<BreakdownInvoice[]> {
          const pieceSize = BREAKDOWN_PIECE[query.window_size === 'hour' ? 'hour' : 'day'];
          const pieces = splitEvery(Date.parse(query.starting_on), Date.parse(query.ending_before), pieceSize);
          const path = `/v1/customers/${customer}/invoices/breakdowns`;
          const results = await Promise.all(
            pieces.map(([from, to]) =>
              listGet<BreakdownInvoice>(path, { ...query, starting_on: iso(from), ending_before: iso(to), limit: '100' }, 'live'),
            ),
          );
          return results.flat();
        },

        listInvoices(filter: InvoiceListFilter): Promise<Invoice[]> {
          return listGet<Invoice>(`/v1/customers/${customer}/invoices`, { ...filter, limit: '100' } as Record<string, string>, 'live');
        },

        /** One invoice with all its lines (zero-quantity ones included). 404 for another customer's invoice. */
        async getInvoice(invoiceId: string): Promise<Invoice> {
          const path = `/v1/customers/${customer}/invoices/${encodeURIComponent(invoiceId)}`;
          return (await read<Answer<'getInvoice-v1'>>({ method: 'GET', path, reuse: 'live' })).data;
        },

        /** Every payment attempt for one of the customer's invoices (Metronome's body cursor, 25 a page). 404 for another customer's invoice. */
        listPayments(invoiceId: string): Promise<Payment[]> {
          const body: RequestBody<'listPayments-v1'> = { customer_id: customerId, invoice_id: invoiceId, limit: PAYMENTS_PAGE_LIMIT };
          return allPages((cursor) => read<Page<Payment>>({ method: 'POST', path: '/v1/payments/list', body: cursor ? { ...body, next_page: cursor } : body, reuse: 'live' }));
        },

        /**
         * The invoice's PDF as a stream, with its length in bytes when Metronome says it (and sends it
         * unencoded, so that the length is the body's); anything but a PDF is refused.
         */
        async invoicePdf(invoiceId: string): Promise<{ body: ReadableStream<Uint8Array>; length: number | null }> {
          const path = `/v1/customers/${customer}/invoices/${encodeURIComponent(invoiceId)}/pdf`;
          const response = await upstream.stream({ method: 'GET', path, reuse: 'never' }, 'application/pdf', scope);
          const type = response.headers.get('content-type') ?? '';
          if (!response.body || !type.toLowerCase().startsWith('application/pdf')) {
            await response.body?.cancel().catch(() => undefined);
            throw upstreamInvalid('something other than a PDF');
          }
          const length = response.headers.get('content-encoding') ? '' : response.headers.get('content-length');
          return { body: response.body, length: length && /^\d+$/.test(length) ? Number(length) : null };
        },

        /** The contract's rates in force at `at` for some products (every page). */
        rateSchedule(contractId: string, at: string, productIds: string[]): Promise<RateScheduleEntry[]> {
          const body: RequestBody<'getContractRateSchedule-v1'> = {
            customer_id: customerId,
            contract_id: contractId,
            at,
            selectors: productIds.map((product_id) => ({ product_id })),
          };
          const path = '/v1/contracts/getContractRateSchedule';
          return allPages((cursor) => read<Page<RateScheduleEntry>>({ method: 'POST', path, query: cursor ? { next_page: cursor } : {}, body, reuse: 'reference' }));
        },

        async getProduct(productId: string): Promise<Product> {
          const body: RequestBody<'getProduct-v1'> = { id: productId };
          return (await read<Answer<'getProduct-v1'>>({ method: 'POST', path: '/v1/contract-pricing/products/get', body, reuse: 'reference' })).data;
        },

        /**
         * Every commit and credit of the customer with balance and ledger. Unlike the GET lists, this one
         * takes its cursor and limit in the JSON body; include_contract_balances is needed because
         * contract-level commits and credits are left out without it.
         */
        customerBalances(): Promise<CustomerBalance[]> {
          const body: RequestBody<'listCustomerBalances-v1'> = {
            customer_id: customerId,
            include_balance: true,
            include_ledgers: true,
            include_contract_balances: true,
            limit: BALANCES_PAGE_LIMIT,
          };
          const path = '/v1/contracts/customerBalances/list';
          return allPages((cursor) => read<Page<CustomerBalance>>({ method: 'POST', path, body: cursor ? { ...body, next_page: cursor } : body, reuse: 'live' }));
        },

        /**
         * The customer's enabled threshold notifications with their statuses (every page; the cursor goes
         * in the query, the filter in the body). Disabled ones are watched by nobody and archived ones have
         * no status, so neither is asked for.
         */
        customerAlerts(): Promise<CustomerAlert[]> {
          const body: RequestBody<'listCustomerAlerts-v1'> = { customer_id: customerId, alert_statuses: ['enabled'] };
          const path = '/v1/customer-alerts/list';
          return allPages((cursor) => read<Page<CustomerAlert>>({ method: 'POST', path, query: cursor ? { next_page: cursor } : {}, body, reuse: 'live' }));
        },

        /** Metronome's own net balance of one credit type (drafts included, its default). */
        async netBalance(creditTypeId: string): Promise<number | null> {
          const body: RequestBody<'getNetBalance-v1'> = { customer_id: customerId, credit_type_id: creditTypeId };
          const answer = await read<Answer<'getNetBalance-v1'>>({ method: 'POST', path: '/v1/contracts/customerBalances/getNetBalance', body, reuse: 'live' });
          return answer.data?.balance ?? null;
        },

        /**
         * A URL for an iframe showing one of Metronome's hosted dashboards. The URL is the bearer of access
         * and time-limited (Metronome does not say for how long), so it is shared only by this customer's
         * pages asking within a few seconds of each other, and never served stale.
         */
        async embeddableDashboardUrl(dashboard: EmbeddableDashboardOptions): Promise<string> {
          const body: RequestBody<'embeddableDashboard-v1'> = { ...dashboard, customer_id: customerId };
          const answer = await read<Answer<'embeddableDashboard-v1'>>({ method: 'POST', path: '/v1/dashboards/getEmbeddableUrl', body, reuse: 'briefly' });
          const url = answer.data?.url;
          if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw upstreamInvalid('no dashboard URL');
          return url;
        },

        /** Usage in windows; long hourly ranges are read as 31-day pieces in parallel, merged in order. */
        async usageGroups(query: Omit<UsageGroupsQuery, 'customer_id'>): Promise<UsageAggregate[]> {
          const start = Date.parse(query.starting_on ?? '');
          const end = Date.parse(query.ending_before ?? '');
          const pieces = query.window_size === 'hour' ? splitEvery(start, end, HOURLY_USAGE_PIECE) : [[start, end] as [number, number]];
          const results = await Promise.all(
            pieces.map(([from, to]) => {
              const body: UsageGroupsQuery = { ...query, customer_id: customerId, starting_on: iso(from), ending_before: iso(to) };
              return allPages((cursor) => read<Page<UsageAggregate>>({ method: 'POST', path: '/v1/usage/groups', query: cursor ? { next_page: cursor } : {}, body, reuse: 'live' }));
            }),
          );
          return results.flat();
        },
      };
    },
  };
}
