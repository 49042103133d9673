// The simulator's fixed world: customers, their billable metrics, and the event "series" (one per
// full group tuple) whose hourly usage data.ts derives from a seeded hash. Pure data, no I/O.

export type GroupTuple = Readonly<Record<string, string | null>>;

export interface SeriesDef {
  /** Value of every dimension of the metric; null = events without that property. */
  readonly group: GroupTuple;
  /** Typical hourly value at the daily peak on a weekday. */
  readonly scale: number;
  /** Probability that an hour has no events at all for this series. */
  readonly zeroChance: number;
}

export interface UsageProfile {
  /** 0..1 amplitude of the daily cycle (peak at peakHourUtc). */
  readonly diurnal: number;
  readonly peakHourUtc: number;
  /** Multiplier applied on Saturdays and Sundays (UTC). */
  readonly weekend: number;
  /** 0..1 relative hour-to-hour noise. */
  readonly noise: number;
}

export interface MetricDef {
  readonly id: string;
  readonly name: string;
  readonly aggregation_type: 'SUM' | 'COUNT';
  readonly aggregation_key?: string;
  readonly event_type: string;
  readonly group_keys: ReadonlyArray<ReadonlyArray<string>>;
  /** Every property used in group_keys, with its known values in display order. */
  readonly dimensions: Readonly<Record<string, ReadonlyArray<string>>>;
  readonly series: ReadonlyArray<SeriesDef>;
  readonly profile: UsageProfile;
  readonly archived_at?: string;
}

export interface CustomerDef {
  readonly id: string;
  readonly name: string;
  /** Ids the customer's usage events may carry instead of the Metronome id; the first is the deprecated external_id. */
  readonly ingest_aliases: ReadonlyArray<string>;
  readonly created_at: string;
  readonly metrics: ReadonlyArray<MetricDef>;
}

const s = (group: GroupTuple, scale: number, zeroChance = 0): SeriesDef => ({ group, scale, zeroChance });

export const HOOLI_ID = 'c8e4f1a2-5b7d-4c39-8e6a-2f0d9b3c7e15';
export const ACME_ID = '6f1c2a9e-4b7d-4e38-9a51-3c8d0e2f7a14';
export const GLOBEX_ID = 'b52e8d07-91c3-4f6a-8e2d-7a4f1c9b0d36';
export const INITECH_ID = '3d9a7c41-e5b2-4f08-a6d3-8c1e0b7f5a29';

export const METRIC_IDS = {
  cpuHours: '0d7e3b5a-2c81-4f96-b4e0-9a1d6c3f8e27',
  apiRequests: '4a9c1e6f-8b2d-4d73-a5f0-2e7b9c4d1a58',
  storageGbHours: 'e18f6a2c-5d3b-4c09-9e7a-b4d2f0c8a613',
  legacyBandwidth: '93b0d4e1-7f2a-4a6c-8d5e-1c3b9f7e2a40',
  modelTokens: '7c25e9f0-3a6d-4b81-9f4c-d8e1a2b6c057',
  seats: 'f4a8b1c3-6e9d-4d20-b7f5-0a3c8e6d1b92',
  gpuSeconds: 'a6e2f9b4-1c7d-4a35-8e0f-5b9d3c6a2e71',
  objectStorage: 'c3b8e1d6-9a4f-4c72-b5e3-7d0a2f8c4b16',
  gpuHours: '2b9f6d3e-8c1a-4e57-a0d4-6f3b9e2c8a71',
  inferenceTokens: '5e1c8a4f-2d7b-4b96-8f3e-0a6d4c9b1e28',
  storageTbHours: '9a3d7e2b-6f4c-4c18-b5a9-3e8f1d7c2b64',
  fineTuningGpuHours: 'd4b2a9e6-1c5f-4a83-9e7d-8b0c3f6a5d12',
} as const;

const REGIONS = ['ap-south-1', 'us-east-1', 'us-east-2', 'eu-west-1'] as const;
const ENDPOINTS = ['/v1/orders', '/v1/inventory', '/v1/auth/token', '/v1/reports', '/v1/webhooks/replay'] as const;
const MODELS = ['atlas-large', 'atlas-small', 'embed-v3', 'rerank-lite'] as const;
const TOKEN_REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'] as const;

// Per (model, region) hourly token scale; a missing entry means the combination never occurs.
const TOKEN_SCALES: Record<string, Partial<Record<string, number>>> = {
  'atlas-large': { 'us-east-1': 820_000, 'eu-west-1': 310_000 },
  'atlas-small': { 'us-east-1': 1_450_000, 'eu-west-1': 240_000, 'ap-south-1': 36_000 },
  'embed-v3': { 'us-east-1': 2_900_000, 'eu-west-1': 410_000, 'ap-south-1': 95_000 },
  'rerank-lite': { 'us-east-1': 18_000 },
};

function tokenSeries(): SeriesDef[] {
  const out: SeriesDef[] = [];
  for (const model of MODELS) {
    for (const region of TOKEN_REGIONS) {
      const scale = TOKEN_SCALES[model]?.[region];
      if (scale !== undefined) out.push(s({ model, region }, scale, scale < 50_000 ? 0.3 : 0.01));
    }
  }
  // Events that were sent without a model or without a region property.
  out.push(s({ model: null, region: 'us-east-1' }, 4_000, 0.85));
  out.push(s({ model: 'atlas-large', region: null }, 9_000, 0.8));
  return out;
}

// The large customer: 24 clusters, so charts must fold groups; priced partly in a custom unit.
const CLUSTERS = Array.from({ length: 24 }, (_, i) => `${['iad', 'fra', 'sin', 'syd'][i % 4]}-gpu-${String(i + 1).padStart(2, '0')}`);

function clusterSeries(): SeriesDef[] {
  // A long tail: a few clusters carry most of the load, the smallest idle most hours.
  return CLUSTERS.map((cluster, i) => s({ cluster }, Math.round(90_000 / (i + 1) ** 1.3), i > 18 ? 0.6 : 0.02));
}

// The demo's default: an AI-infrastructure company spending about $30,000 a month. Each metric is
// metered in the unit it is billed in, and every group value reads as it is (region codes get
// display names from the demo page's group-key overrides).
const GPU_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'] as const;
const HOOLI_MODELS = ['orion-70b', 'orion-8b', 'orion-embed'] as const;

export const CUSTOMERS: ReadonlyArray<CustomerDef> = [
  {
    id: HOOLI_ID,
    name: 'Hooli AI',
    ingest_aliases: ['hooli-ai', 'org_hooli'],
    created_at: '2026-01-12T18:40:00Z',
    metrics: [
      {
        id: METRIC_IDS.gpuHours,
        name: 'GPU hours',
        aggregation_type: 'SUM',
        aggregation_key: 'gpu_hours',
        event_type: 'gpu_usage',
        group_keys: [['gpu', 'region'], ['gpu'], ['region']],
        dimensions: { gpu: ['H100', 'A100', 'L40S'], region: GPU_REGIONS },
        series: [
          // GPUs busy in an hour: training on H100s runs around the clock, L40S serve inference.
          s({ gpu: 'H100', region: 'us-east-1' }, 7),
          s({ gpu: 'H100', region: 'eu-west-1' }, 3, 0.05),
          s({ gpu: 'A100', region: 'us-east-1' }, 4),
          s({ gpu: 'A100', region: 'us-west-2' }, 2, 0.1),
          s({ gpu: 'L40S', region: 'us-west-2' }, 4),
          s({ gpu: 'L40S', region: 'ap-southeast-1' }, 2, 0.3),
        ],
        profile: { diurnal: 0.15, peakHourUtc: 16, weekend: 0.9, noise: 0.1 },
      },
      {
        id: METRIC_IDS.inferenceTokens,
        name: 'Inference tokens',
        aggregation_type: 'SUM',
        aggregation_key: 'tokens',
        event_type: 'inference_request',
        group_keys: [['model', 'direction'], ['model'], ['direction']],
        dimensions: { model: HOOLI_MODELS, direction: ['input', 'output'] },
        series: [
          s({ model: 'orion-70b', direction: 'input' }, 7_000_000),
          s({ model: 'orion-70b', direction: 'output' }, 1_900_000),
          s({ model: 'orion-8b', direction: 'input' }, 9_300_000),
          s({ model: 'orion-8b', direction: 'output' }, 2_800_000),
          s({ model: 'orion-embed', direction: 'input' }, 23_000_000),
        ],
        profile: { diurnal: 0.5, peakHourUtc: 17, weekend: 0.6, noise: 0.2 },
      },
      {
        id: METRIC_IDS.storageTbHours,
        name: 'Storage TB-hours',
        aggregation_type: 'SUM',
        aggregation_key: 'tb_hours',
        event_type: 'storage_snapshot',
        group_keys: [['tier']],
        dimensions: { tier: ['hot', 'standard', 'archive'] },
        // An hourly snapshot of the terabytes held: checkpoints on hot NVMe, datasets on standard, old runs archived.
        series: [s({ tier: 'hot' }, 20), s({ tier: 'standard' }, 120), s({ tier: 'archive' }, 400)],
        profile: { diurnal: 0.01, peakHourUtc: 12, weekend: 1, noise: 0.01 },
      },
      {
        id: METRIC_IDS.fineTuningGpuHours,
        name: 'Fine-tuning GPU hours',
        aggregation_type: 'SUM',
        aggregation_key: 'gpu_hours',
        event_type: 'fine_tuning_job',
        group_keys: [],
        dimensions: {},
        // On the contract but never used: its invoice line is a zero-usage line every month.
        series: [s({}, 0, 1)],
        profile: { diurnal: 0, peakHourUtc: 12, weekend: 1, noise: 0 },
      },
    ],
  },
  {
    id: ACME_ID,
    name: 'Acme Robotics',
    ingest_aliases: ['acme-robotics', 'acct_7741'],
    created_at: '2025-11-03T16:20:00Z',
    metrics: [
      {
        id: METRIC_IDS.cpuHours,
        name: 'CPU hours',
        aggregation_type: 'SUM',
        aggregation_key: 'cpu_hours',
        event_type: 'cpu_usage',
        group_keys: [['region']],
        dimensions: { region: REGIONS },
        series: [
          // A small team: a handful of CPU hours an hour, so a $100 commit lasts about three months.
          s({ region: 'ap-south-1' }, 1, 0.5),
          s({ region: 'us-east-1' }, 6),
          s({ region: 'us-east-2' }, 3, 0.1),
          s({ region: 'eu-west-1' }, 2, 0.2),
          s({ region: null }, 1, 0.95),
        ],
        profile: { diurnal: 0.45, peakHourUtc: 15, weekend: 0.7, noise: 0.25 },
      },
      {
        id: METRIC_IDS.apiRequests,
        name: 'API requests',
        aggregation_type: 'COUNT',
        event_type: 'api_request',
        group_keys: [['endpoint']],
        dimensions: { endpoint: ENDPOINTS },
        series: [
          s({ endpoint: '/v1/orders' }, 5_200),
          s({ endpoint: '/v1/inventory' }, 2_600),
          s({ endpoint: '/v1/auth/token' }, 900, 0.01),
          s({ endpoint: '/v1/reports' }, 140, 0.2),
          s({ endpoint: '/v1/webhooks/replay' }, 9, 0.7),
          s({ endpoint: null }, 2, 0.9),
        ],
        profile: { diurnal: 0.8, peakHourUtc: 14, weekend: 0.45, noise: 0.3 },
      },
      {
        id: METRIC_IDS.storageGbHours,
        name: 'Storage GB-hours',
        aggregation_type: 'SUM',
        aggregation_key: 'gb_hours',
        event_type: 'storage_snapshot',
        group_keys: [['tier']],
        dimensions: { tier: ['hot', 'cold', 'archive'] },
        series: [s({ tier: 'hot' }, 20), s({ tier: 'cold' }, 60), s({ tier: 'archive' }, 200)],
        profile: { diurnal: 0.02, peakHourUtc: 12, weekend: 1, noise: 0.03 },
      },
      {
        id: METRIC_IDS.legacyBandwidth,
        name: 'Legacy bandwidth GB',
        aggregation_type: 'SUM',
        aggregation_key: 'gb',
        event_type: 'bandwidth',
        group_keys: [],
        dimensions: {},
        series: [s({}, 40, 0.1)],
        profile: { diurnal: 0.5, peakHourUtc: 16, weekend: 0.6, noise: 0.4 },
        archived_at: '2026-03-02T17:45:00Z',
      },
    ],
  },
  {
    id: GLOBEX_ID,
    name: 'Globex Analytics',
    ingest_aliases: ['globex'],
    created_at: '2026-02-11T09:05:00Z',
    metrics: [
      {
        id: METRIC_IDS.modelTokens,
        name: 'Model tokens',
        aggregation_type: 'SUM',
        aggregation_key: 'tokens',
        event_type: 'inference',
        group_keys: [['model', 'region'], ['model']],
        dimensions: { model: MODELS, region: TOKEN_REGIONS },
        series: tokenSeries(),
        profile: { diurnal: 0.6, peakHourUtc: 17, weekend: 0.55, noise: 0.35 },
      },
      {
        id: METRIC_IDS.seats,
        name: 'Seats',
        aggregation_type: 'SUM',
        aggregation_key: 'seats',
        event_type: 'seat_heartbeat',
        group_keys: [],
        dimensions: {},
        series: [s({}, 42)],
        profile: { diurnal: 0.9, peakHourUtc: 15, weekend: 0.25, noise: 0.15 },
      },
    ],
  },
  {
    id: INITECH_ID,
    name: 'Initech Cloud',
    ingest_aliases: ['initech', 'initech-prod', 'org_00318'],
    created_at: '2025-06-30T12:00:00Z',
    metrics: [
      {
        id: METRIC_IDS.gpuSeconds,
        name: 'GPU seconds',
        aggregation_type: 'SUM',
        aggregation_key: 'gpu_seconds',
        event_type: 'gpu_job',
        group_keys: [['cluster']],
        dimensions: { cluster: CLUSTERS },
        series: clusterSeries(),
        profile: { diurnal: 0.3, peakHourUtc: 9, weekend: 0.85, noise: 0.2 },
      },
      {
        id: METRIC_IDS.objectStorage,
        name: 'Object storage GB-hours',
        aggregation_type: 'SUM',
        aggregation_key: 'gb_hours',
        event_type: 'bucket_snapshot',
        group_keys: [['bucket_class']],
        dimensions: { bucket_class: ['standard', 'infrequent'] },
        series: [s({ bucket_class: 'standard' }, 52_000), s({ bucket_class: 'infrequent' }, 188_000)],
        profile: { diurnal: 0.01, peakHourUtc: 12, weekend: 1, noise: 0.02 },
      },
    ],
  },
];

export function findCustomer(id: string): CustomerDef | undefined {
  return CUSTOMERS.find((c) => c.id === id);
}
