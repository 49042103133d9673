import { expect } from '@open-wc/testing';
import type { BalanceItem } from '../../contract/index.ts';
import { USD_CENTS_ID } from '../shared/format.ts';
import { entryLabel, itemTypeLabel, runwayText } from './balance-ledger.text.ts';
import '../locales/de.ts';

const utc = { locale: 'en-US', timeZone: 'UTC' };
const item = (remaining: number, runway: Partial<BalanceItem['runway']>): BalanceItem => ({
  id: 'c',
  type: 'PREPAID',
  name: 'Platform commit',
  priority: 100,
  credit_type: { id: USD_CENTS_ID, name: 'USD (cents)' },
  granted: 10_000,
  used: 10_000 - remaining,
  remaining,
  expired: 0,
  upcoming: 0,
  segments: [],
  ledger: [],
  commitment: null,
  runway: { burn_per_day: 120, runs_out_at: '2026-12-03T00:00:00.000Z', expires_at: '2027-09-01T00:00:00.000Z', runs_out_before_expiry: true, top_up: 0, ...runway },
});

describe('balance-ledger words', () => {
  it('labels known ledger entries plainly and unknown ones in words, never dropping them', () => {
    expect(entryLabel('CREDIT_SEGMENT_START')).to.equal('Granted');
    expect(entryLabel('PREPAID_COMMIT_AUTOMATED_INVOICE_DEDUCTION')).to.equal('Used on an invoice');
    expect(entryLabel('POSTPAID_COMMIT_TRUEUP')).to.equal('True-up invoiced');
    expect(entryLabel('CREDIT_SEAT_BASED_ADJUSTMENT')).to.equal('Seat change adjustment');
    expect(entryLabel('PREPAID_COMMIT_QUANTUM_FLUX')).to.equal('Quantum flux');
    expect(itemTypeLabel('POSTPAID')).to.equal('Postpaid commit');
  });

  it('says when the balance runs out at the recent rate, and whether that is before it expires', () => {
    expect(runwayText(item(5000, {}), utc)).to.equal("At $1.20 a day (the last 30 days' rate), this runs out around Dec 3, 2026, before its balance expires on Aug 31, 2027.");
    expect(runwayText(item(5000, { runs_out_before_expiry: false, runs_out_at: '2028-01-01T00:00:00.000Z' }), utc)).to.equal(
      "At $1.20 a day (the last 30 days' rate), this lasts past Aug 31, 2027, when what is left expires.",
    );
    expect(runwayText(item(5000, {}), { ...utc, locale: 'de-DE' })).to.equal('Bei 1,20\u00a0$ pro Tag (Rate der letzten 30 Tage) ist dies um den 3. Dez. 2026 aufgebraucht, bevor das Guthaben am 31. Aug. 2027 verfällt.');
    expect(runwayText(item(5000, { burn_per_day: 0, runs_out_at: null, runs_out_before_expiry: null }), utc)).to.equal('Not used in the last 30 days; usable through Aug 31, 2027.');
    expect(runwayText(item(0, {}), utc)).to.equal('Nothing left to use.');
  });

  it('reads a postpaid minimum as consumption toward it, with the shortfall its end invoices, never as money remaining', () => {
    const minimum = (shortfall: number): BalanceItem => ({
      ...item(4_090_728.3, {}),
      type: 'POSTPAID',
      commitment: { minimum: 6_000_000, consumed: 1_909_271.7, consumption_per_day: 15_961.47, projected_consumption: 6_000_000 - shortfall, projected_shortfall: shortfall, ends_at: '2027-08-01T00:00:00.000Z' },
    });
    expect(runwayText(minimum(123_305.41), utc)).to.equal('$19,092.72 of $60,000.00 minimum consumed. Projected shortfall $1,233.05, invoiced at the end of the commitment (Jul 31, 2027).');
    expect(runwayText(minimum(0), utc)).to.equal('$19,092.72 of $60,000.00 minimum consumed. On track to reach the minimum by Jul 31, 2027.');
    expect(runwayText(minimum(123_305.41), { ...utc, locale: 'de-DE' })).to.equal(
      '19.092,72\u00a0$ von 60.000,00\u00a0$ Mindestumsatz verbraucht. Prognostizierte Unterschreitung 1.233,05\u00a0$, in Rechnung gestellt am Ende der Zusage (31. Juli 2027).',
    );
    for (const shortfall of [0, 123_305.41]) expect(runwayText(minimum(shortfall), utc)).not.to.match(/remaining|left to spend|then expires/i);
  });
});
