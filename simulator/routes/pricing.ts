// POST /v1/contracts/getContractRateSchedule (getContractRateSchedule-v1), POST
// /v1/contract-pricing/products/get (getProduct-v1) and GET /v1/credit-types/list (listCreditTypes-v1).
import { Hono } from 'hono';
import { findCustomer } from '../catalog.ts';
import { apiError, decodeCursor, encodeCursor, fingerprint, isoHour, parseLimit } from '../http.ts';
import { CREDIT_TYPES, type ContractDef, contractsOf, findProduct, type ProductDef, type RateDef, USD_CENTS } from '../billing/world.ts';
import { dateOf, specBody } from './body.ts';
import { CREATED_BY } from './contract-json.ts';

interface RateSelector {
  billing_frequency?: string;
  product_id?: string;
  product_tags?: string[];
  pricing_group_values?: Record<string, string>;
  partial_pricing_group_values?: Record<string, string>;
}

interface RateSchedulePayload {
  customer_id: string;
  contract_id: string;
  at?: string;
  selectors?: RateSelector[];
}

/** Whether a rate's pricing group values contain every pair of `wanted` (and, when `exact`, no other). */
function hasValues(rate: RateDef, wanted: Record<string, string>, exact: boolean): boolean {
  const own = rate.pricing_group_values ?? {};
  const pairs = Object.entries(wanted);
  return pairs.every(([key, value]) => Object.hasOwn(own, key) && own[key] === value) && (!exact || pairs.length === Object.keys(own).length);
}

/**
 * Whether a rate matches a selector (all of its conditions). Simulated rates are usage rates, so a
 * selector on billing_frequency (subscription rates) matches nothing. pricing_group_values asks for
 * rates with exactly those pairs, partial_pricing_group_values for rates with at least those.
 */
function matches(rate: RateDef, product: ProductDef, selector: RateSelector): boolean {
  if (selector.billing_frequency !== undefined) return false;
  if (selector.pricing_group_values && !hasValues(rate, selector.pricing_group_values, true)) return false;
  if (selector.partial_pricing_group_values && !hasValues(rate, selector.partial_pricing_group_values, false)) return false;
  if (selector.product_id !== undefined && selector.product_id.toLowerCase() !== rate.product_id) return false;
  return !selector.product_tags || selector.product_tags.some((tag) => product.tags.includes(tag));
}

/** A rate as ContractRateSchedule: every rate is entitled and lasts the whole contract (no scheduled changes). */
function rateScheduleJson(contract: ContractDef, rate: RateDef): Record<string, unknown> {
  const product = findProduct(rate.product_id)!;
  const creditType = { id: rate.credit_type.id, name: rate.credit_type.name };
  return {
    rate_card_id: contract.rate_card_id,
    product_id: product.id,
    product_name: product.name,
    product_tags: [...product.tags],
    product_custom_fields: {},
    starting_at: isoHour(contract.starting_at.getTime()),
    ending_before: isoHour(contract.ending_before.getTime()),
    entitled: true,
    ...(rate.pricing_group_values ? { pricing_group_values: { ...rate.pricing_group_values } } : {}),
    list_rate:
      rate.rate_type === 'FLAT'
        ? { rate_type: 'FLAT', price: rate.price, credit_type: creditType }
        : { rate_type: 'TIERED', tiers: rate.tiers.map((t) => ({ ...t })), credit_type: creditType },
  };
}

/** The product's current state (ProductListItemState); simulated products were never updated. */
function productState(product: ProductDef): Record<string, unknown> {
  return {
    name: product.name,
    created_at: product.created_at,
    created_by: CREATED_BY,
    starting_at: product.created_at,
    ...(product.billable_metric_id === undefined ? {} : { billable_metric_id: product.billable_metric_id }),
    ...(product.quantity_conversion === undefined ? {} : { quantity_conversion: { ...product.quantity_conversion } }),
    ...(product.quantity_rounding === undefined ? {} : { quantity_rounding: { ...product.quantity_rounding } }),
    ...(product.presentation_group_key === undefined ? {} : { presentation_group_key: [...product.presentation_group_key] }),
    ...(product.pricing_group_key === undefined ? {} : { pricing_group_key: [...product.pricing_group_key] }),
    tags: [...product.tags],
  };
}

export function pricingRoutes(options: { now: () => Date }): Hono {
  const app = new Hono();

  // Rates in the contract's order; `at` outside the contract's term gives an empty schedule.
  app.post('/v1/contracts/getContractRateSchedule', async (c) => {
    const limit = parseLimit(c.req.query('limit'));
    const payload = await specBody<RateSchedulePayload>(c, '/v1/contracts/getContractRateSchedule');
    if (!findCustomer(payload.customer_id.toLowerCase())) return apiError(c, 404, 'Customer not found');
    const now = options.now();
    const contract = contractsOf(payload.customer_id, now).find((k) => k.id === payload.contract_id.toLowerCase());
    if (!contract) return apiError(c, 404, 'Contract not found');
    const at = dateOf(payload.at) ?? now;
    const selectors = payload.selectors ?? [];
    const rates = at < contract.starting_at || at >= contract.ending_before ? [] : contract.rates.filter((rate) => {
      const product = findProduct(rate.product_id)!;
      return selectors.length === 0 || selectors.some((s) => matches(rate, product, s));
    });
    const fp = fingerprint(['rate-schedule', contract.id, at.getTime(), selectors]);
    const offset = decodeCursor(c.req.query('next_page'), fp, rates.length);
    const end = Math.min(offset + limit, rates.length);
    return c.json({
      data: rates.slice(offset, end).map((rate) => rateScheduleJson(contract, rate)),
      next_page: end < rates.length ? encodeCursor(end, fp) : null,
    });
  });

  app.post('/v1/contract-pricing/products/get', async (c) => {
    const { id } = await specBody<{ id: string }>(c, '/v1/contract-pricing/products/get');
    const product = findProduct(id.toLowerCase());
    if (!product) return apiError(c, 404, 'Product not found');
    const state = productState(product);
    return c.json({ data: { id: product.id, type: product.type, initial: state, current: state, updates: [], custom_fields: {} } });
  });

  // USD (cents) is the only fiat type; GPU credits is a custom pricing unit.
  app.get('/v1/credit-types/list', (c) => {
    const limit = parseLimit(c.req.query('limit'));
    const fp = fingerprint(['credit-types']);
    const offset = decodeCursor(c.req.query('next_page'), fp, CREDIT_TYPES.length);
    const end = Math.min(offset + limit, CREDIT_TYPES.length);
    return c.json({
      data: CREDIT_TYPES.slice(offset, end).map((t) => ({ id: t.id, name: t.name, is_currency: t.id === USD_CENTS.id })),
      next_page: end < CREDIT_TYPES.length ? encodeCursor(end, fp) : null,
    });
  });
  return app;
}
