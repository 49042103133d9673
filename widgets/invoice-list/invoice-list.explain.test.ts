import { expect } from '@open-wc/testing';
import { render } from 'lit';
import type { InvoiceExplainLine } from '../../contract/index.ts';
import { USD_CENTS_ID } from '../shared/format.ts';
import { explanationFor, explanationTemplate } from './invoice-list.explain.ts';
import '../locales/de.ts';

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

const host = (l: InvoiceExplainLine, locale = 'en-US') => {
  const div = document.createElement('div');
  render(explanationTemplate(l, usd, locale), div);
  return div;
};
const text = (l: InvoiceExplainLine, locale = 'en-US') => host(l, locale).textContent!.replace(/\s+/g, ' ').trim();
const tiers = [{ size: 1000, price: 0.02 }, { size: 4000, price: 0.015 }, { size: null, price: 0.01 }];
const tiered = (overrides: Partial<InvoiceExplainLine>) =>
  line({ rate: { source: 'list', rate_type: 'TIERED', price: null, tiers, starting_at: '2026-09-01T00:00:00.000Z', ending_before: null, commit_rate: null }, ...overrides });

describe('invoice line explanations', () => {
  it('names an override rate and the commit rate charged where a commit pays', () => {
    const shown = text(line());
    expect(shown).to.contain('Charge 1,200 × $0.035 = $42.00 matches the invoice');
    expect(shown).to.contain('Contract override (flat) since Sep 1, 2026');
    expect(shown).to.contain('Commit rate $0.03, charged instead where a prepaid commit pays');
  });

  it('shows the full-precision rate and quantity, and the total by the money rule with its exact value on demand', () => {
    const div = host(line({ quantity: 932.586, unit_price: 0.05, total: 46.6293, computed: { price: 0.05, total: 46.6293, matches: true, difference: 0 }, rate: { source: 'list', rate_type: 'FLAT', price: 0.05, tiers: null, starting_at: '2026-09-01T00:00:00.000Z', ending_before: null, commit_rate: null } }));
    expect(div.textContent!.replace(/\s+/g, ' ')).to.contain('Charge 932.586 × $0.0005 = $0.47 matches the invoice');
    expect(div.querySelector('[data-unit-price]')!.textContent).to.equal('$0.0005');
    expect(div.querySelector('[title]')!.getAttribute('title')).to.equal('Exactly $0.466293');
  });

  it('reads a tiered rate as first, next, then, and a tier\'s line by its place', () => {
    const shown = text(tiered({ quantity: 4000, unit_price: 0.015, total: 60, tier: { level: 2, starting_at: 1000, size: 4000 }, computed: { price: 0.015, total: 60, matches: true, difference: 0 } }));
    expect(shown).to.contain('Charge Next 4,000: 4,000 × $0.00015 = $0.60 matches the invoice');
    expect(shown).to.contain('List rate (tiered) since Sep 1, 2026: first 1,000 at $0.0002, next 4,000 at $0.00015, then $0.0001');
    expect(text(tiered({ quantity: 250, unit_price: 0.01, total: 2.5, tier: { level: 3, starting_at: 5000, size: null }, computed: { price: 0.01, total: 2.5, matches: true, difference: 0 } }))).to.contain(
      'Charge Over 5,000: 250 × $0.0001 = $0.03 matches the invoice',
    );
    expect(text(tiered({ quantity: 900, unit_price: 0.02, total: 18, tier: { level: 1, starting_at: 0, size: 1000 }, computed: { price: 0.02, total: 18, matches: true, difference: 0 } }), 'de')).to.contain('die ersten 1.000 zu');
  });

  it('states no product it cannot show: a tiered charge without its tier is rated "at the tiered rate"', () => {
    const shown = text(tiered({ quantity: 1500, unit_price: null, total: 27.5, computed: { price: null, total: 27.5, matches: true, difference: 0 } }));
    expect(shown).to.contain('Charge 1,500 at the tiered rate below = $0.28 matches the invoice');
    expect(shown).not.to.contain('×');
  });

  it('shows a difference from Metronome\'s total exactly, and why parts are missing', () => {
    const shown = text(line({ total: 4300, computed: { price: 3.5, total: 4200, matches: false, difference: 100 }, rate: null, problems: ['No rate on the contract for this product at the period start.'] }));
    expect(shown).to.contain('the invoice says $43.00 ($1.00 apart)');
    expect(text(line({ total: 4200.0001, computed: { price: 3.5, total: 4200, matches: false, difference: 0.0001 } }))).to.contain('the invoice says $42.000001 ($0.000001 apart)');
    expect(shown).to.contain('No rate on the contract for this product at the period start.');
  });

  it('finds a line\'s explanation by product, groups, tier and period', () => {
    const explained = [line({ presentation_group_values: { region: 'eu-west-1' } }), line()];
    const invoiceLine = { kind: 'usage' as const, name: 'CPU hours', presentation_group_values: { region: 'us-east-1' }, quantity: 1200, unit_price: 3.5, total: 4200, tier: null, period, commit_id: null };
    expect(explanationFor(invoiceLine, 'p', explained)).to.equal(explained[1]);
    expect(explanationFor(invoiceLine, 'other', explained)).to.equal(undefined);
  });
});
