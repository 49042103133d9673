import { expect } from '@open-wc/testing';
import { render } from 'lit';
import type { InvoiceExplainLine } from '../../contract/index.ts';
import { USD_CENTS_ID } from '../shared/format.ts';
import { explanationFor, explanationTemplate } from './invoice-list.explain.ts';

const usd = { id: USD_CENTS_ID, name: 'USD (cents)' };
const period = { starting_on: '2026-10-01T00:00:00.000Z', ending_before: '2026-11-01T00:00:00.000Z' };
const line = (overrides: Partial<InvoiceExplainLine> = {}): InvoiceExplainLine => ({
  product_id: 'p',
  name: 'CPU hours',
  presentation_group_values: { region: 'us-east-1' },
  period,
  quantity: 1200,
  unit_price: 3.5,
  tier: null,
  total: 4200,
  rate: { source: 'override', rate_type: 'FLAT', price: 3.5, tiers: null, starting_at: '2026-09-01T00:00:00.000Z', ending_before: null, commit_rate: { rate_type: 'FLAT', price: 3, tiers: null } },
  product: { billable_metric_id: 'm', quantity_conversion: null, quantity_rounding: null, presentation_group_key: ['region'] },
  computed: { price: 3.5, total: 4200, matches: true, difference: 0 },
  usage: null,
  problems: [],
  ...overrides,
});

const text = (l: InvoiceExplainLine) => {
  const host = document.createElement('div');
  render(explanationTemplate(l, usd, 'en-US'), host);
  return host.textContent!.replace(/\s+/g, ' ').trim();
};

describe('invoice line explanations', () => {
  it('names an override rate and the commit rate charged where a commit pays', () => {
    const shown = text(line());
    expect(shown).to.contain('Charge 1,200 × $0.035 = $42.00 matches the invoice');
    expect(shown).to.contain('Contract override (flat) since Sep 1, 2026');
    expect(shown).to.contain('Commit rate $0.03, charged instead where a prepaid commit pays');
  });

  it('shows a difference from Metronome\'s total and why parts are missing', () => {
    const shown = text(line({ total: 4300, computed: { price: 3.5, total: 4200, matches: false, difference: 100 }, rate: null, problems: ['No rate on the contract for this product at the period start.'] }));
    expect(shown).to.contain('the invoice says $43.00 ($1.00 apart)');
    expect(shown).to.contain('No rate on the contract for this product at the period start.');
  });

  it('finds a line\'s explanation by product, groups, tier and period', () => {
    const explained = [line({ presentation_group_values: { region: 'eu-west-1' } }), line()];
    const invoiceLine = { kind: 'usage' as const, name: 'CPU hours', presentation_group_values: { region: 'us-east-1' }, quantity: 1200, unit_price: 3.5, total: 4200, tier: null, period, commit_id: null };
    expect(explanationFor(invoiceLine, 'p', explained)).to.equal(explained[1]);
    expect(explanationFor(invoiceLine, 'other', explained)).to.equal(undefined);
  });
});
