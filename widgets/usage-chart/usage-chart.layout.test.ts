import { expect } from '@open-wc/testing';
import type { UsageResponse } from '../shared/contract.ts';
import { layout, TOTAL_SERIES } from './usage-chart.layout.ts';
import { summarize } from './usage-chart.summary.ts';

const day = (d: number) => `2024-10-${String(d).padStart(2, '0')}T00:00:00.000Z`;

function usage(values: Array<Record<string, number>>, groups = ['a', 'b']): UsageResponse {
  const windows = values.map((v, i) => ({
    starting_on: day(i + 1),
    ending_before: day(i + 2),
    values: v,
    total: Object.values(v).reduce((s, x) => s + x, 0),
  }));
  return {
    billable_metric: { id: 'm', name: 'CPU hours' },
    window_size: 'day',
    starting_on: day(1),
    ending_before: day(values.length + 1),
    group_key: ['region'],
    groups,
    windows,
    total: windows.reduce((s, w) => s + w.total, 0),
  };
}

const size = { width: 460, height: 232 };

describe('usage-chart layout', () => {
  it('stacks each window\'s groups bottom to top in series order, heights proportional to values', () => {
    const { bars, innerHeight } = layout(usage([{ a: 30, b: 10 }, { a: 20, b: 20 }]), size);
    const first = bars.filter((b) => b.window === 0);
    expect(first.map((b) => b.series)).to.deep.equal([0, 1]);
    expect(first[0]!.y + first[0]!.height).to.be.closeTo(innerHeight, 1e-9);
    expect(first[1]!.y + first[1]!.height).to.be.closeTo(first[0]!.y, 1e-9);
    expect(first[0]!.height / first[1]!.height).to.be.closeTo(3, 1e-9);
  });

  it('places windows left to right without overlap', () => {
    const { bars } = layout(usage([{ a: 1, b: 1 }, { a: 1, b: 1 }, { a: 1, b: 1 }]), size);
    const xs = bars.filter((b) => b.series === 0).map((b) => [b.x, b.x + b.width]);
    for (let i = 1; i < xs.length; i++) expect(xs[i]![0]).to.be.greaterThan(xs[i - 1]![1]!);
  });

  it('draws nothing for a zero value and keeps the axis from 0', () => {
    const { bars, yTicks } = layout(usage([{ a: 5, b: 0 }]), size);
    expect(bars).to.have.length(1);
    expect(yTicks[0]!.value).to.equal(0);
    expect(yTicks.at(-1)!.value).to.be.at.least(5);
  });

  it('handles all-zero data with a usable axis and no bars', () => {
    const { bars, yTicks } = layout(usage([{ a: 0, b: 0 }]), size);
    expect(bars).to.have.length(0);
    expect(yTicks.length).to.be.greaterThan(1);
  });

  it('uses a single total series when usage is not grouped', () => {
    const data = { ...usage([{ a: 3, b: 4 }]), group_key: null, groups: [] };
    data.windows = data.windows.map(({ values: _values, ...w }) => w);
    const { series, bars } = layout(data, size);
    expect(series).to.deep.equal([TOTAL_SERIES]);
    expect(bars[0]!.value).to.equal(7);
  });

  it('anchors x labels at the edges inward so they are not clipped', () => {
    const { xTicks, innerWidth } = layout(usage([{ a: 1, b: 1 }, { a: 1, b: 1 }]), size);
    expect(xTicks[0]!.position).to.equal(0);
    expect(xTicks[0]!.anchor).to.equal('start');
    expect(xTicks.at(-1)!.position).to.equal(innerWidth);
    expect(xTicks.at(-1)!.anchor).to.equal('end');
    expect(xTicks.slice(1, -1).every((t) => t.anchor === 'middle')).to.equal(true);
  });

  it('keeps fractional values exact', () => {
    const { bars } = layout(usage([{ a: 0.1, b: 0.2 }]), size);
    expect(bars.map((b) => b.value)).to.deep.equal([0.1, 0.2]);
  });
});

describe('usage-chart summary', () => {
  it('states the total, metric, inclusive date range and largest group', () => {
    expect(summarize(usage([{ a: 900, b: 100 }, { a: 200, b: 84 }]), 'en-US')).to.equal(
      '1,284 CPU hours from Oct 1, 2024 to Oct 2, 2024; most in a (86%).',
    );
  });

  it('says when there is no usage', () => {
    expect(summarize(usage([{ a: 0, b: 0 }]), 'en-US')).to.equal('No CPU hours usage on Oct 1, 2024.');
  });

  it('follows the locale', () => {
    expect(summarize(usage([{ a: 1000.5, b: 0 }], ['a']), 'de-DE')).to.match(/^1\.000,5 CPU hours/);
  });
});
