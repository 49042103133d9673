import { expect } from '@open-wc/testing';
import { changeOf, sparkline } from './usage-summary.layout.ts';

const NOVEMBER = ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'] as const;

describe('sparkline', () => {
  it('draws the first day of a period as a dot (its point twice), at the left of the 30 days to come', () => {
    expect(sparkline([40], ...NOVEMBER).points).to.equal(`${50 / 30},2 ${50 / 30},2`);
  });

  it('lays a period without usage flat along the bottom, with 0 as its highest and last day', () => {
    const line = sparkline([0, 0], ...NOVEMBER);
    expect(line.points.split(' ').map((p) => p.split(',')[1])).to.deep.equal(['22', '22']);
    expect([line.high, line.last]).to.deep.equal([0, 0]);
  });

  it('spreads a whole period across the box, the last day at its right', () => {
    const points = sparkline(Array.from({ length: 30 }, (_, i) => i), ...NOVEMBER).points.split(' ');
    expect(points).to.have.length(30);
    expect(Number(points.at(-1)!.split(',')[0])).to.be.closeTo(100 - 50 / 30, 1e-9);
  });
});

describe('changeOf', () => {
  it('reads a change by its sign, and one under 0.05 % as no change', () => {
    expect(changeOf(110, 100)!.kind).to.equal('up');
    expect(changeOf(110, 100)!.ratio).to.be.closeTo(0.1, 1e-12);
    expect(changeOf(90, 100)!.kind).to.equal('down');
    expect(changeOf(100.04, 100)!.kind).to.equal('same');
  });

  it('calls usage after none before "new", none on either side no change, and has nothing without a previous period', () => {
    expect(changeOf(5, 0)!.kind).to.equal('new');
    expect(changeOf(0, 0)!.kind).to.equal('same');
    expect(changeOf(5, null)).to.equal(null);
  });
});
