import { expect } from '@open-wc/testing';
import { formatMoney, formatWindow, USD_CENTS_ID } from './format.ts';

const usd = { id: USD_CENTS_ID, name: 'USD (cents)' };
const gpu = { id: '5ae401dc-a648-4b49-9ac3-391bb5bc4d7b', name: 'GPU credits' };

describe('money formatting', () => {
  it('shows USD cents as dollars, keeping fractional cents visible', () => {
    expect(formatMoney(7300, usd, 'en-US')).to.equal('$73.00');
    expect(formatMoney(2833.45215, usd, 'en-US')).to.equal('$28.335');
    expect(formatMoney(-500, usd, 'en-US')).to.equal('-$5.00');
    expect(formatMoney(1234567, usd, 'en-US', { compact: true })).to.equal('$12.3K');
    expect(formatMoney(7300, usd, 'de-DE')).to.equal('73,00\u00a0$');
  });

  it('shows custom pricing units with their name', () => {
    expect(formatMoney(1612.06, gpu, 'en-US')).to.equal('1,612.06 GPU credits');
    expect(formatMoney(43000, gpu, 'en-US', { compact: true })).to.equal('43K GPU credits');
  });
});

describe('window formatting', () => {
  it('names a UTC day by its date and an hour by its times', () => {
    const utc = { locale: 'en-US', timeZone: 'UTC' };
    expect(formatWindow(new Date('2026-11-03T00:00:00Z'), new Date('2026-11-04T00:00:00Z'), utc)).to.equal('Tue, Nov 3, 2026');
    expect(formatWindow(new Date('2026-11-03T14:00:00Z'), new Date('2026-11-03T15:00:00Z'), utc)).to.equal('Nov 3, 2:00 PM – 3:00 PM');
  });
});
