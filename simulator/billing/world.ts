// The simulator's contracts: products, rates, commits and credits for each customer, with dates
// anchored to the clock so that, whatever "now" is, each customer has finished billing periods, a
// current one, expired and upcoming segments. Pure data; statements.ts derives invoices and ledgers.
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID, METRIC_IDS } from '../catalog.ts';
import type { RoundingMethod } from './money.ts';

export interface CreditTypeDef {
  readonly id: string;
  readonly name: string;
}

/** Metronome's own id for USD cents. */
export const USD_CENTS: CreditTypeDef = { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' };
/** A custom pricing unit: Initech buys GPU capacity in credits, not dollars. */
export const GPU_CREDITS: CreditTypeDef = { id: '5ae401dc-a648-4b49-9ac3-391bb5bc4d7b', name: 'GPU credits' };
export const CREDIT_TYPES: ReadonlyArray<CreditTypeDef> = [USD_CENTS, GPU_CREDITS];

export interface ProductDef {
  readonly id: string;
  readonly name: string;
  readonly type: 'USAGE' | 'FIXED';
  readonly billable_metric_id?: string;
  readonly quantity_conversion?: { readonly conversion_factor: number; readonly operation: 'DIVIDE' | 'MULTIPLY' };
  readonly quantity_rounding?: { readonly decimal_places: number; readonly rounding_method: RoundingMethod };
  /** Invoice lines are split by these event properties. */
  readonly presentation_group_key?: ReadonlyArray<string>;
  /**
   * Rates may differ by these event properties (dimensional pricing): the contract then has one rate
   * per combination of values, each naming its `pricing_group_values`. Always a subset of the
   * presentation keys here, so every invoice line has exactly one rate.
   */
  readonly pricing_group_key?: ReadonlyArray<string>;
  readonly tags: ReadonlyArray<string>;
  readonly created_at: string;
}

interface RateBase {
  readonly product_id: string;
  readonly credit_type: CreditTypeDef;
  /** For a product with a pricing_group_key: the values this rate prices (events with other values are not its). */
  readonly pricing_group_values?: Readonly<Record<string, string>>;
}

export type RateDef =
  | (RateBase & { readonly rate_type: 'FLAT'; readonly price: number })
  | (RateBase & {
      readonly rate_type: 'TIERED';
      /** Prices per unit; every tier but the last has a size. */
      readonly tiers: ReadonlyArray<{ readonly size?: number; readonly price: number }>;
    });

export interface SegmentDef {
  readonly id: string;
  readonly amount: number;
  readonly starting_at: Date;
  readonly ending_before: Date;
}

export interface CommitDef {
  readonly id: string;
  readonly type: 'PREPAID' | 'POSTPAID' | 'CREDIT';
  /** Metronome lets commits go unnamed; widgets then fall back to the product's name. */
  readonly name?: string;
  readonly description?: string;
  /** The FIXED product the commit was sold as. */
  readonly product_id: string;
  /** Lower burns first. */
  readonly priority: number;
  readonly credit_type: CreditTypeDef;
  readonly segments: ReadonlyArray<SegmentDef>;
  /** USAGE products it pays for; every usage product in its credit type when absent. */
  readonly applicable_product_ids?: ReadonlyArray<string>;
  /** A prepaid commit's purchase, billed on a SCHEDULED invoice. */
  readonly purchase?: { readonly schedule_item_id: string; readonly invoice_id: string; readonly timestamp: Date; readonly amount: number };
  readonly created_at: Date;
}

export interface ContractDef {
  readonly id: string;
  readonly customer_id: string;
  readonly name: string;
  readonly rate_card_id: string;
  readonly starting_at: Date;
  readonly ending_before: Date;
  readonly billing_anchor_date: Date;
  readonly net_payment_terms_days: number;
  readonly rates: ReadonlyArray<RateDef>;
  readonly commits: ReadonlyArray<CommitDef>;
  /** Periods whose first usage invoice was voided and issued again (index from the first period). */
  readonly reissued_periods: ReadonlyArray<number>;
  /** Where finalized invoices are sent for payment: each then carries an external_invoice. */
  readonly billing_provider?: 'stripe';
  readonly created_at: Date;
}

export const PRODUCT_IDS = {
  cpuHours: '8f2c6a1e-3b7d-4e95-a0c4-1d9e7b3f5a62',
  apiRequests: 'b1d4f7a2-6c9e-4b30-8d5f-2a7c0e9b4d18',
  storage: '4e7a9c2d-1f5b-4d86-b3e0-9c2a5f8d1e47',
  platformCommit: 'd9b3e6f1-8a2c-4f74-9e1d-5b0c7a3f2e86',
  rewardCredit: '6a0f3d8b-2e5c-4b19-a7d4-3f8e1c6b9a05',
  promoCredit: 'e2c7b5a9-4d1f-4a63-8b0e-7d3a9f2c6b51',
  modelTokens: '0c5e8b3f-7a1d-4e29-b6c4-8f2d0a5e3b97',
  seats: '9d1a4f6c-5b8e-4c03-a2f7-6e9b3d0c8a14',
  gpuHours: '7b4e1a9d-0c6f-4d58-9f3a-2e5c8b1d7f60',
  objectStorage: '3a8d5c0e-9f2b-4e71-b4a6-1c7f3e9d5b28',
  gpuReservation: 'f6c2a8e4-1b9d-4f37-8c05-4a1e6d3b9f72',
  storageMinimum: '5d9f2b7e-3c4a-4a80-9e16-8b2f5c1a7d39',
  hooliGpuHours: 'b3a0e30f-098b-4763-9289-3adcae17a347',
  hooliTokens: 'd8bfa5a5-63fd-435e-9ae1-f4ffcd773881',
  hooliStorage: '446e5d44-4560-4fd3-bab6-c07593bba01e',
  hooliFineTuning: 'a929371e-7a57-4423-9498-4e897f255b29',
  hooliGpuCommit: '89036763-01fe-4a5c-8c6b-2ccd238c0995',
  hooliLaunchCredit: '2813dd0d-8154-4938-9c9d-f1445f687d70',
  hooliMinimum: 'c0cd6594-ddda-4749-a4a9-8dc76b21136c',
} as const;

const HOOLI_CREATED = '2026-01-05T00:00:00Z';

export const PRODUCTS: ReadonlyArray<ProductDef> = [
  // Hooli AI's: each billed in the unit its metric meters, prices differing by GPU, model and direction, and tier.
  {
    id: PRODUCT_IDS.hooliGpuHours,
    name: 'GPU hours',
    type: 'USAGE',
    billable_metric_id: METRIC_IDS.gpuHours,
    pricing_group_key: ['gpu'],
    presentation_group_key: ['gpu', 'region'],
    tags: ['compute', 'gpu'],
    created_at: HOOLI_CREATED,
  },
  {
    id: PRODUCT_IDS.hooliTokens,
    name: 'Inference tokens (millions)',
    type: 'USAGE',
    billable_metric_id: METRIC_IDS.inferenceTokens,
    quantity_conversion: { conversion_factor: 1_000_000, operation: 'DIVIDE' },
    pricing_group_key: ['model', 'direction'],
    presentation_group_key: ['model', 'direction'],
    tags: ['inference'],
    created_at: HOOLI_CREATED,
  },
  {
    id: PRODUCT_IDS.hooliStorage,
    name: 'Storage TB-hours',
    type: 'USAGE',
    billable_metric_id: METRIC_IDS.storageTbHours,
    pricing_group_key: ['tier'],
    presentation_group_key: ['tier'],
    tags: ['storage'],
    created_at: HOOLI_CREATED,
  },
  { id: PRODUCT_IDS.hooliFineTuning, name: 'Fine-tuning GPU hours', type: 'USAGE', billable_metric_id: METRIC_IDS.fineTuningGpuHours, tags: ['compute', 'gpu'], created_at: HOOLI_CREATED },
  { id: PRODUCT_IDS.hooliGpuCommit, name: 'GPU prepaid commit', type: 'FIXED', tags: ['commit', 'gpu'], created_at: HOOLI_CREATED },
  { id: PRODUCT_IDS.hooliLaunchCredit, name: 'Launch promotion', type: 'FIXED', tags: ['credit'], created_at: HOOLI_CREATED },
  { id: PRODUCT_IDS.hooliMinimum, name: 'Inference and storage minimum', type: 'FIXED', tags: ['commit'], created_at: HOOLI_CREATED },
  { id: PRODUCT_IDS.cpuHours, name: 'CPU hours', type: 'USAGE', billable_metric_id: METRIC_IDS.cpuHours, presentation_group_key: ['region'], tags: ['compute'], created_at: '2025-10-01T00:00:00Z' },
  {
    id: PRODUCT_IDS.apiRequests,
    name: 'API requests (thousands)',
    type: 'USAGE',
    billable_metric_id: METRIC_IDS.apiRequests,
    quantity_conversion: { conversion_factor: 1000, operation: 'DIVIDE' },
    presentation_group_key: ['endpoint'],
    tags: ['api'],
    created_at: '2025-10-01T00:00:00Z',
  },
  {
    id: PRODUCT_IDS.storage,
    name: 'Storage (GB-months)',
    type: 'USAGE',
    billable_metric_id: METRIC_IDS.storageGbHours,
    quantity_conversion: { conversion_factor: 730, operation: 'DIVIDE' },
    quantity_rounding: { decimal_places: 2, rounding_method: 'ROUND_UP' },
    presentation_group_key: ['tier'],
    tags: ['storage'],
    created_at: '2025-10-01T00:00:00Z',
  },
  { id: PRODUCT_IDS.platformCommit, name: 'Platform prepaid commit', type: 'FIXED', tags: ['commit'], created_at: '2025-10-01T00:00:00Z' },
  { id: PRODUCT_IDS.rewardCredit, name: 'Reward credit', type: 'FIXED', tags: ['credit'], created_at: '2025-10-01T00:00:00Z' },
  { id: PRODUCT_IDS.promoCredit, name: 'Storage promotion', type: 'FIXED', tags: ['credit'], created_at: '2025-10-01T00:00:00Z' },
  {
    id: PRODUCT_IDS.modelTokens,
    name: 'Model tokens (millions)',
    type: 'USAGE',
    billable_metric_id: METRIC_IDS.modelTokens,
    quantity_conversion: { conversion_factor: 1_000_000, operation: 'DIVIDE' },
    tags: ['inference'],
    created_at: '2026-02-01T00:00:00Z',
  },
  { id: PRODUCT_IDS.seats, name: 'Seat hours', type: 'USAGE', billable_metric_id: METRIC_IDS.seats, tags: ['seats'], created_at: '2026-02-01T00:00:00Z' },
  {
    id: PRODUCT_IDS.gpuHours,
    name: 'GPU hours',
    type: 'USAGE',
    billable_metric_id: METRIC_IDS.gpuSeconds,
    quantity_conversion: { conversion_factor: 3600, operation: 'DIVIDE' },
    quantity_rounding: { decimal_places: 3, rounding_method: 'ROUND_HALF_UP' },
    presentation_group_key: ['cluster'],
    tags: ['compute', 'gpu'],
    created_at: '2025-06-01T00:00:00Z',
  },
  {
    id: PRODUCT_IDS.objectStorage,
    name: 'Object storage (GB-months)',
    type: 'USAGE',
    billable_metric_id: METRIC_IDS.objectStorage,
    quantity_conversion: { conversion_factor: 730, operation: 'DIVIDE' },
    quantity_rounding: { decimal_places: 0, rounding_method: 'ROUND_UP' },
    presentation_group_key: ['bucket_class'],
    tags: ['storage'],
    created_at: '2025-06-01T00:00:00Z',
  },
  { id: PRODUCT_IDS.gpuReservation, name: 'Reserved GPU capacity', type: 'FIXED', tags: ['commit', 'gpu'], created_at: '2025-06-01T00:00:00Z' },
  { id: PRODUCT_IDS.storageMinimum, name: 'Storage annual minimum', type: 'FIXED', tags: ['commit'], created_at: '2025-06-01T00:00:00Z' },
];

export const findProduct = (id: string) => PRODUCTS.find((p) => p.id === id);

const DAY = 86_400_000;
const monthStart = (now: Date, offset: number, day = 1) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, day));
/** The latest `day`-of-month boundary at or before now, moved by `offset` months. */
function anchorBoundary(now: Date, day: number, offset: number): Date {
  const thisMonth = monthStart(now, 0, day);
  return monthStart(now, (thisMonth.getTime() <= now.getTime() ? 0 : -1) + offset, day);
}
const addMonths = (date: Date, months: number) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));

/** One flat USD rate per combination of pricing group values (dimensional pricing), in cents. */
const usdByGroup = (product_id: string, prices: ReadonlyArray<readonly [Readonly<Record<string, string>>, number]>): RateDef[] =>
  prices.map(([pricing_group_values, price]) => ({ product_id, credit_type: USD_CENTS, rate_type: 'FLAT', price, pricing_group_values }));

/** Every contract, its dates placed relative to `now`. */
export function contractsAt(now: Date): ContractDef[] {
  const hooliStart = monthStart(now, -3);
  const hooliQuarters = Array.from({ length: 4 }, (_, i) => addMonths(hooliStart, 3 * i));
  const acmeStart = monthStart(now, -2);
  const globexStart = anchorBoundary(now, 15, -3);
  const initechStart = monthStart(now, -3);
  const initechMonths = Array.from({ length: 5 }, (_, i) => addMonths(initechStart, i));
  return [
    {
      id: '3c5ea9ab-f547-49b8-8599-029f1747448a',
      customer_id: HOOLI_ID,
      name: 'Hooli AI platform agreement',
      rate_card_id: '00366e95-829e-4841-9178-2fd7795e34cf',
      starting_at: hooliStart,
      ending_before: addMonths(hooliStart, 12),
      billing_anchor_date: hooliStart,
      net_payment_terms_days: 30,
      billing_provider: 'stripe',
      rates: [
        ...usdByGroup(PRODUCT_IDS.hooliGpuHours, [[{ gpu: 'H100' }, 249], [{ gpu: 'A100' }, 129], [{ gpu: 'L40S' }, 79]]),
        // Per million tokens.
        ...usdByGroup(PRODUCT_IDS.hooliTokens, [
          [{ model: 'orion-70b', direction: 'input' }, 80],
          [{ model: 'orion-70b', direction: 'output' }, 240],
          [{ model: 'orion-8b', direction: 'input' }, 10],
          [{ model: 'orion-8b', direction: 'output' }, 30],
          [{ model: 'orion-embed', direction: 'input' }, 2],
        ]),
        ...usdByGroup(PRODUCT_IDS.hooliStorage, [[{ tier: 'hot' }, 10], [{ tier: 'standard' }, 3], [{ tier: 'archive' }, 0.5]]),
        { product_id: PRODUCT_IDS.hooliFineTuning, credit_type: USD_CENTS, rate_type: 'FLAT', price: 320 },
      ],
      commits: [
        {
          id: '76e76d2d-9176-4d97-8f48-c50481e00200',
          type: 'CREDIT',
          name: 'Launch promotion',
          description: '$5,000 of inference tokens for the first two months',
          product_id: PRODUCT_IDS.hooliLaunchCredit,
          priority: 1,
          credit_type: USD_CENTS,
          applicable_product_ids: [PRODUCT_IDS.hooliTokens],
          segments: [{ id: '4ca8546c-a022-4614-aac5-258971800c89', amount: 500_000, starting_at: hooliStart, ending_before: addMonths(hooliStart, 2) }],
          created_at: new Date(hooliStart.getTime() - 6 * DAY),
        },
        {
          id: '6fe9aadf-a187-45d3-aa1d-8c9508871d41',
          type: 'PREPAID',
          name: 'GPU prepaid commit',
          description: '$220,000 of GPU hours a year, released $55,000 a quarter; what a quarter leaves unused expires',
          product_id: PRODUCT_IDS.hooliGpuCommit,
          priority: 10,
          credit_type: USD_CENTS,
          applicable_product_ids: [PRODUCT_IDS.hooliGpuHours],
          // Usage outgrew the first quarter's release, so last month ends in overage; this quarter's is in use.
          segments: hooliQuarters.map((start, i) => ({
            id: `d1114cf3-e4ca-4cb4-b779-ea8ffc101c6${i}`,
            amount: 5_500_000,
            starting_at: start,
            ending_before: addMonths(start, 3),
          })),
          purchase: { schedule_item_id: '97ab64cb-5062-40cd-8306-e3df03b10d19', invoice_id: '4ec23bfb-b7c1-4f2b-9884-1e20242a229d', timestamp: hooliStart, amount: 22_000_000 },
          created_at: new Date(hooliStart.getTime() - 6 * DAY),
        },
        {
          id: 'a7e2cbac-d149-45d1-8363-44fe7f140f78',
          type: 'POSTPAID',
          name: 'Inference and storage minimum',
          description: 'At least $45,000 of inference and storage over the first four months; a shortfall is trued up at the end',
          product_id: PRODUCT_IDS.hooliMinimum,
          priority: 50,
          credit_type: USD_CENTS,
          applicable_product_ids: [PRODUCT_IDS.hooliTokens, PRODUCT_IDS.hooliStorage],
          // Ends with the current billing period, whose draft carries the true-up so far.
          segments: [{ id: '155a7493-0a53-47e5-ab2a-da02cdca8c78', amount: 4_500_000, starting_at: hooliStart, ending_before: addMonths(hooliStart, 4) }],
          created_at: new Date(hooliStart.getTime() - 6 * DAY),
        },
      ],
      reissued_periods: [],
      created_at: new Date(hooliStart.getTime() - 7 * DAY),
    },
    {
      id: '1b6e9d3f-7c2a-4f85-b0e4-9a3d6c1f8e25',
      customer_id: ACME_ID,
      name: 'Acme Robotics platform agreement',
      rate_card_id: 'c4f1a7d9-2b5e-4e38-9a06-7d3b1f8c5e92',
      starting_at: acmeStart,
      ending_before: addMonths(acmeStart, 12),
      billing_anchor_date: acmeStart,
      net_payment_terms_days: 30,
      rates: [
        { product_id: PRODUCT_IDS.cpuHours, credit_type: USD_CENTS, rate_type: 'FLAT', price: 0.4 },
        { product_id: PRODUCT_IDS.apiRequests, credit_type: USD_CENTS, rate_type: 'FLAT', price: 0.05 },
        { product_id: PRODUCT_IDS.storage, credit_type: USD_CENTS, rate_type: 'FLAT', price: 2.3 },
      ],
      commits: [
        {
          id: '2f8a4c6e-1d3b-4a97-8e5c-0b9d7f3a1c64',
          type: 'PREPAID',
          name: 'Platform prepaid commit',
          description: '$100 of platform usage, valid for a year',
          product_id: PRODUCT_IDS.platformCommit,
          priority: 100,
          credit_type: USD_CENTS,
          segments: [{ id: '7e1c9a5f-3b8d-4c26-a4f0-6d2e8b1a9c37', amount: 10_000, starting_at: acmeStart, ending_before: addMonths(acmeStart, 12) }],
          purchase: { schedule_item_id: '9c4e2a7f-5d1b-4b83-8f6a-3e0d9c5b2a71', invoice_id: 'a3d7f1c9-8e2b-4d54-b6a0-5f9c3e7d1b28', timestamp: acmeStart, amount: 10_000 },
          created_at: new Date(acmeStart.getTime() - 3 * DAY),
        },
        {
          id: '5b3d8f1a-9c6e-4e02-a7b4-1f8c5d2e9a63',
          type: 'CREDIT',
          name: 'Reward credit',
          description: 'Thanks for joining the beta',
          product_id: PRODUCT_IDS.rewardCredit,
          priority: 1,
          credit_type: USD_CENTS,
          segments: [{ id: 'd8a2f6c4-0e7b-4a19-9c3d-2b5f8e1a7d46', amount: 500, starting_at: acmeStart, ending_before: addMonths(acmeStart, 1) }],
          created_at: new Date(acmeStart.getTime() - 3 * DAY),
        },
        {
          id: '8c0f5a2d-6b9e-4d71-b3a8-4e1c7f9d2b50',
          type: 'CREDIT',
          // Unnamed on purpose: Metronome allows it, and widgets must fall back to the product name.
          product_id: PRODUCT_IDS.promoCredit,
          priority: 5,
          credit_type: USD_CENTS,
          applicable_product_ids: [PRODUCT_IDS.storage],
          // Expires mid-period with money left on it, so the ledger has a non-zero expiration.
          segments: [{ id: '3f6b9d1e-4a8c-4c57-8e2d-9b0a6f3c5e14', amount: 2_000, starting_at: acmeStart, ending_before: new Date(addMonths(acmeStart, 1).getTime() + 14 * DAY) }],
          created_at: new Date(acmeStart.getTime() - 3 * DAY),
        },
      ],
      reissued_periods: [0],
      created_at: new Date(acmeStart.getTime() - 4 * DAY),
    },
    {
      id: '6d2a8f4c-0b7e-4c93-a1d5-8e3f6b9c2a17',
      customer_id: GLOBEX_ID,
      name: 'Globex Analytics pay-as-you-go',
      rate_card_id: 'e7b3d9f1-4c6a-4a25-8f0b-1d9e5c3a7f84',
      starting_at: globexStart,
      ending_before: addMonths(globexStart, 24),
      billing_anchor_date: globexStart,
      net_payment_terms_days: 15,
      rates: [
        {
          product_id: PRODUCT_IDS.modelTokens,
          credit_type: USD_CENTS,
          rate_type: 'TIERED',
          tiers: [
            { size: 1_000, price: 20 },
            { size: 1_000, price: 15 },
            { price: 10 },
          ],
        },
        { product_id: PRODUCT_IDS.seats, credit_type: USD_CENTS, rate_type: 'FLAT', price: 0.8 },
      ],
      commits: [],
      reissued_periods: [],
      created_at: new Date(globexStart.getTime() - 2 * DAY),
    },
    {
      id: '9f5c1e7a-3d8b-4b46-9c2e-0a7d4f1b8e63',
      customer_id: INITECH_ID,
      name: 'Initech enterprise agreement',
      rate_card_id: 'a1e8c4f7-6b2d-4f90-b5c3-9e7a2d0f6b41',
      starting_at: initechStart,
      ending_before: addMonths(initechStart, 12),
      billing_anchor_date: initechStart,
      net_payment_terms_days: 45,
      rates: [
        { product_id: PRODUCT_IDS.gpuHours, credit_type: GPU_CREDITS, rate_type: 'FLAT', price: 1.25 },
        { product_id: PRODUCT_IDS.objectStorage, credit_type: USD_CENTS, rate_type: 'FLAT', price: 2.1 },
      ],
      commits: [
        {
          id: '4c7e0b3f-8d5a-4e18-a6f9-2b1d9c4e7a36',
          type: 'PREPAID',
          name: 'Reserved GPU capacity',
          description: '43,000 GPU credits each month; unused credits expire at month end',
          product_id: PRODUCT_IDS.gpuReservation,
          priority: 10,
          credit_type: GPU_CREDITS,
          // Monthly segments sized near the usage: some months expire credits, others bill an overage;
          // one is current and the last has not started.
          segments: initechMonths.map((start, i) => ({
            id: `b0e5d2a8-7f3c-4a6${i}-9d1b-5e8c2f7a4d0${i}`,
            amount: 43_000,
            starting_at: start,
            ending_before: addMonths(start, 1),
          })),
          created_at: new Date(initechStart.getTime() - 10 * DAY),
        },
        {
          id: 'e9a3f6c1-2b8d-4d05-8e7a-6c4b1f9d3e52',
          type: 'POSTPAID',
          name: 'Storage annual minimum',
          product_id: PRODUCT_IDS.storageMinimum,
          priority: 50,
          credit_type: USD_CENTS,
          applicable_product_ids: [PRODUCT_IDS.objectStorage],
          segments: [{ id: '1d7b4e9f-5a2c-4f63-b8e0-3c9a6d2f5b18', amount: 6_000_000, starting_at: initechStart, ending_before: addMonths(initechStart, 12) }],
          created_at: new Date(initechStart.getTime() - 10 * DAY),
        },
      ],
      reissued_periods: [],
      created_at: new Date(initechStart.getTime() - 12 * DAY),
    },
  ];
}

/** A customer's contracts at `now` (every simulated customer has exactly one). */
export const contractsOf = (customerId: string, now: Date) => contractsAt(now).filter((c) => c.customer_id === customerId.toLowerCase());
