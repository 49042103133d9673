/**
 * Names for the parts of Metronome's API the proxy reads, all taken from schema.d.ts, which
 * openapi-typescript generates from spec/metronome-openapi.json (`npm run generate:types`). Nothing here
 * is written by hand, so a field the spec does not have cannot be read by mistake.
 */
import type { components, operations } from './schema.d.ts';

type Schemas = components['schemas'];

/** The JSON body of an operation's 200 answer. */
export type Answer<Op extends keyof operations> = operations[Op] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

/** The JSON body an operation takes. */
export type RequestBody<Op extends keyof operations> =
  NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer T } } ? T : never;

export type CreditType = Schemas['CreditType'];
/** A threshold notification with the customer's status, as customer-alerts/list answers it. */
export type CustomerAlert = Schemas['CustomerAlert'];
export type Customer = Answer<'getCustomer-v1'>['data'];
export type BillableMetric = Schemas['BillableMetricWithDeprecatedFields'];
export type UsageGroupsQuery = Schemas['PagedUsageQueryPayload'];
export type UsageAggregate = Schemas['PagedUsageAggregate'];
export type Contract = Schemas['ContractV2'];
export type Invoice = Schemas['Invoice'];
export type InvoiceLine = Schemas['InvoiceLineItem'];
export type ExternalInvoice = Schemas['ExternalInvoice'];
export type Payment = Schemas['Payment'];
export type BreakdownInvoice = Schemas['BreakdownInvoice'];
export type RateScheduleEntry = Schemas['ContractRateSchedule'];
export type Rate = Schemas['Rate'] | Schemas['CommitRate'];
export type Product = Schemas['ProductListItem'];
export type ProductState = Schemas['ProductListItemState'];
/** A commit or a credit, as customerBalances/list answers them. */
export type CustomerBalance = Answer<'listCustomerBalances-v1'>['data'][number];
export type BalanceLedgerEntry = NonNullable<CustomerBalance['ledger']>[number];
/** getEmbeddableUrl's body minus the customer, which the proxy supplies from the session. */
export type EmbeddableDashboardOptions = Omit<Schemas['EmbeddableDashboardPayload'], 'customer_id'>;
export type DashboardKind = EmbeddableDashboardOptions['dashboard'];
export type GroupKeyOverride = NonNullable<EmbeddableDashboardOptions['bm_group_key_overrides']>[number];

type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/** What /api/invoices filters on; `starting_on` keeps invoices whose period starts at or after it. */
export type InvoiceListFilter = Pick<Query<'listInvoices-v1'>, 'status' | 'contract_id' | 'starting_on' | 'sort'>;

/** Breakdowns never include void invoices; status FINALIZED narrows them to closed periods. */
export type BreakdownsQuery = Pick<Query<'listBreakdownInvoices-v1'>, 'window_size' | 'starting_on' | 'ending_before' | 'status'>;

/** The key sets a metric can be grouped by; older metrics list simple keys in the deprecated `group_by`. */
export function groupKeysOf(metric: BillableMetric): string[][] {
  if (metric.group_keys?.length) return metric.group_keys;
  return (metric.group_by ?? []).map((key) => [key]);
}
