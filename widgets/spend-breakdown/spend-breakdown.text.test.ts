import { expect } from '@open-wc/testing';
import { usage } from '../shared/chart/fixtures.ts';
import { buildModel } from '../shared/chart/model.ts';
import { USD_CENTS_ID } from '../shared/format.ts';
import { comparedWithPrevious, daysLeftText, spendSummary } from './spend-breakdown.text.ts';

const usd = { id: USD_CENTS_ID, name: 'USD (cents)' };
const utc = { locale: 'en-US', timeZone: 'UTC' };
const entry = (spend: number, previous: number | null) => ({
  credit_type: usd,
  spend_to_date: spend,
  credits_applied: 0,
  net: spend,
  projection: null,
  previous: previous === null ? null : { spend_to_date: previous, net: previous },
});

describe('spend-breakdown sentences', () => {
  it('sums up gross spend, what commits and credits paid, net, and the largest group', () => {
    const model = buildModel(usage([{ CPU: 5000, Storage: 2300 }, { CPU: 0.5, Storage: 0 }]), {
      title: 'Spend',
      maxGroups: 8,
      hidden: new Set(),
      negative: { label: 'Commits and credits', values: [-7000, 0] },
    });
    expect(spendSummary(model, usd, utc)).to.equal('$73.01 spent from Oct 1, 2024 to Oct 2, 2024, $70.00 paid by commits and credits, $3.01 net; most on CPU (68%).');
  });

  it('compares with the same point of the previous period', () => {
    expect(comparedWithPrevious(entry(112, 100), 'en-US')).to.equal('up 12% on the same point of the previous period');
    expect(comparedWithPrevious(entry(50, 100), 'en-US')).to.equal('down 50% on the same point of the previous period');
    expect(comparedWithPrevious(entry(10, 0), 'en-US')).to.equal('up from nothing at this point of the previous period');
    expect(comparedWithPrevious(entry(10, null), 'en-US')).to.equal(null);
  });

  it('counts the days left, the current one included', () => {
    expect(daysLeftText(5.2, 'en-US')).to.equal('6 days');
    expect(daysLeftText(0.4, 'en-US')).to.equal('1 day');
    expect(daysLeftText(0, 'en-US')).to.equal('Period ends today');
    expect(daysLeftText(null, 'en-US')).to.equal('—');
  });
});
