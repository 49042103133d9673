import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { utcTicks as d3UtcTicks } from 'd3-time';
import { utcTicks } from './utc-ticks.ts';

const DAY = 86_400_000;
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('utcTicks', () => {
  it('ticks the ranges the charts draw at every count they try, as d3-time did', () => {
    const start = Date.parse('2026-10-01T00:00:00Z');
    for (const days of [1, 2, 7, 30, 31, 90, 92, 365, 3 * 365 + 1]) {
      for (const offset of [0, 13 * 3_600_000, 17 * DAY]) {
        for (let count = 1; count <= 14; count++) {
          const [from, to] = [new Date(start + offset), new Date(start + offset + days * DAY)];
          expect(iso(utcTicks(from, to, count)), `${days} days from ${from.toISOString()}, ${count} ticks`).to.deep.equal(iso(d3UtcTicks(from, to, count)));
        }
      }
    }
  });

  it('gives the dates d3-time gives for any range from a millisecond to decades, forwards or backwards', () => {
    const moment = fc.integer({ min: Date.parse('1950-01-01'), max: Date.parse('2060-01-01') });
    // Evenly spread over orders of magnitude (fast-check's doubles crowd near zero).
    const length = fc.integer({ min: 0, max: Math.round(1000 * Math.log(50 * 365 * DAY)) }).map((log) => Math.round(Math.exp(log / 1000)));
    fc.assert(
      fc.property(moment, length, fc.integer({ min: 1, max: 40 }), fc.boolean(), (at, span, count, backwards) => {
        const [from, to] = backwards ? [new Date(at + span), new Date(at)] : [new Date(at), new Date(at + span)];
        expect(iso(utcTicks(from, to, count))).to.deep.equal(iso(d3UtcTicks(from, to, count)));
      }),
      { numRuns: 3000 },
    );
  });

  it('starts and ends on boundaries inside the range: Sundays for weeks, quarters for three months', () => {
    const weeks = utcTicks(new Date('2026-10-01T00:00:00Z'), new Date('2026-12-30T00:00:00Z'), 12);
    expect(weeks.every((d) => d.getUTCDay() === 0)).to.equal(true);
    expect(weeks[0]!.toISOString()).to.equal('2026-10-04T00:00:00.000Z');
    expect(iso(utcTicks(new Date('2024-02-15T00:00:00Z'), new Date('2026-12-30T00:00:00Z'), 10))).to.deep.equal(
      ['2024-04', '2024-07', '2024-10', '2025-01', '2025-04', '2025-07', '2025-10', '2026-01', '2026-04', '2026-07', '2026-10'].map((m) => `${m}-01T00:00:00.000Z`),
    );
  });
});
