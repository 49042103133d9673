import { expect } from '@open-wc/testing';
import { day, usage } from './fixtures.ts';
import { type ChartMode, layout as layOut, plainText, type Size, windowAt } from './layout.ts';
import { buildModel, OTHER_KEY } from './model.ts';

const options = { title: 'CPU hours', maxGroups: 8, hidden: new Set<string>() };
/** Laid out with plain axis text: ISO dates, plain numbers, 7 px a character. */
const layout = (model: ReturnType<typeof buildModel>, at: Size, mode: ChartMode) => layOut(model, at, mode, plainText);
const size = { width: 460, height: 232 };
/**
 * The bars of one bar path, as [x, y, width, height]: a bar is a rectangle `M x,top H x1 V bottom H x Z`
 * or, where bars touch, a step of an outline that runs right along their tops and back along their bottoms.
 */
const rects = (d: string) =>
  d
    .split('M')
    .slice(1)
    .flatMap((outline) => {
      const [start, ...moves] = outline.match(/[HVZ]?[^HVZ]+/g)!;
      let [x, y] = start!.split(',').map(Number) as [number, number];
      const tops: number[][] = [];
      const bottoms: number[][] = [];
      for (const move of moves) {
        const to = Number(move.slice(1));
        if (move[0] === 'V') y = to;
        else if (to > x) tops.push([x, y, to]);
        else bottoms.unshift([to, y, x]);
        if (move[0] === 'H') x = to;
      }
      expect(bottoms.length, 'a bottom for every top').to.equal(tops.length);
      return tops.map(([x0, top, x1], i) => [x0!, top!, x1! - x0!, bottoms[i]![1]! - top!]);
    });

describe('windowed chart model', () => {
  it('keeps the largest groups and folds the rest into one "Other" series', () => {
    const data = usage([{ a: 50, b: 40, c: 3, d: 2, e: 1 }]);
    const model = buildModel(data, { ...options, maxGroups: 3 });
    expect(model.series.map((s) => s.label)).to.deep.equal(['a', 'b', 'Other (3)']);
    expect(model.series[2]!.values).to.deep.equal([6]);
    expect(model.total).to.equal(96);
  });

  it('counts a range under way up to the window holding through, and reads the previous period as far', () => {
    const data = { ...usage([{ a: 5 }, { a: 3 }, { a: 1 }, { a: 0 }]), through: new Date(Date.parse(day(3)) + 36e5).toISOString() };
    data.previous = { starting_on: day(-3), ending_before: day(1), windows: usage([{ a: 4 }, { a: 4 }, { a: 4 }, { a: 4 }, { a: 4 }]).windows, total: 20 };
    const model = buildModel(data, options);
    expect(model.windows).to.have.length(3);
    expect(model.partial).to.equal(true);
    expect(model.totals).to.deep.equal([5, 3, 1]);
    expect(model.endingBefore, 'the range itself is kept, for the axis').to.equal(day(5));
    expect(model.previous!.total, 'as far as the previous period had got').to.equal(12);
    const geometry = layout(model, size, 'bars');
    expect(geometry.partial!.x).to.equal(geometry._windowLeft[2]);
    expect(windowAt(geometry, geometry._windowRight[2]! + 1), 'the day to come is no window').to.equal(null);
    expect(buildModel(usage([{ a: 5 }]), options).partial).to.equal(false);
  });

  it('does not fold a single group into "Other"', () => {
    const model = buildModel(usage([{ a: 5, b: 4, c: 3 }]), { ...options, maxGroups: 3 });
    expect(model.series.map((s) => s.key)).to.deep.equal(['a', 'b', 'c']);
  });

  it('leaves hidden series out of the totals but keeps their colour for when they return', () => {
    const model = buildModel(usage([{ a: 5, b: 4 }, { a: 1, b: 2 }]), { ...options, hidden: new Set(['a']) });
    expect(model.totals).to.deep.equal([4, 2]);
    expect(model.series.map((s) => [s.key, s.colour, s.hidden])).to.deep.equal([['a', 0, true], ['b', 1, false]]);
  });

  it('renames keys\' values through group-key overrides, part by part for compound keys', () => {
    const data = { ...usage([{ 'us-east-1 / big': 1, '(none) / small': 1 }]), group_key: ['region', 'size'] };
    const model = buildModel(data, { ...options, overrides: { region: { value_display_names: { 'us-east-1': 'Virginia' } }, size: { value_display_names: { small: 'S' } } } });
    expect(model.series.map((s) => s.label)).to.deep.equal(['Virginia / big', '(none) / S']);
  });

  it('adds fractional values exactly', () => {
    const model = buildModel(usage([{ a: 0.1, b: 0.2 }]), options);
    expect(model.totals).to.deep.equal([0.3]);
    expect(model.total).to.equal(0.3);
  });

  it('compares the previous period over the same visible groups, Other included', () => {
    const data = { ...usage([{ a: 10, b: 5, c: 1, d: 1 }]), previous: { starting_on: day(0), ending_before: day(1), windows: [{ starting_on: day(0), ending_before: day(1), values: { a: 8, b: 2, c: 3, d: 0, e: 4 }, total: 17 }], total: 17 } };
    const model = buildModel(data, { ...options, maxGroups: 3, hidden: new Set(['b']) });
    expect(model.previous!.totals).to.deep.equal([8 + 3 + 0]);
  });
});

describe('windowed chart layout', () => {
  it('draws each series as one path of bars stacked on the series below, heights proportional to values', () => {
    const geometry = layout(buildModel(usage([{ a: 30, b: 10 }, { a: 20, b: 20 }]), options), size, 'bars');
    expect(geometry._paths).to.have.length(2);
    const [a0] = rects(geometry._paths[0]!.d);
    const [b0] = rects(geometry._paths[1]!.d);
    expect(a0![1]! + a0![3]!).to.be.closeTo(geometry._innerHeight, 0.01);
    expect(b0![1]! + b0![3]!).to.be.closeTo(a0![1]!, 0.02);
    expect(a0![3]! / b0![3]!).to.be.closeTo(3, 0.01);
  });

  it('places windows left to right without overlap and skips zero values', () => {
    const geometry = layout(buildModel(usage([{ a: 1, b: 0 }, { a: 1, b: 1 }, { a: 1, b: 1 }]), options), size, 'bars');
    const bars = rects(geometry._paths[0]!.d);
    for (let i = 1; i < bars.length; i++) expect(bars[i]![0]).to.be.greaterThan(bars[i - 1]![0]! + bars[i - 1]![2]!);
    expect(rects(geometry._paths[1]!.d)).to.have.length(2);
  });

  const hourly = Array.from({ length: 2160 }, (_, i) => Object.fromEntries(Array.from({ length: 10 }, (_, g) => [`g${g}`, (i * (g + 1)) % 97])));
  const large = (mode: 'bars' | 'lines') => layout(buildModel(usage(hourly), { ...options, maxGroups: 10 }), { width: 1200, height: 300 }, mode);
  /** A series' chunks, left to right. */
  const chunksOf = (geometry: ReturnType<typeof layout>, key: string) => geometry._paths.filter((p) => p.series.key === key);

  it('keeps 21,600 values in a few paths per series, with a bar per pixel column', () => {
    const geometry = large('bars');
    expect(new Set(geometry._paths.map((p) => p.series.key)).size).to.equal(10);
    expect(geometry._paths.length).to.be.at.most(10 * 2 * Math.ceil(1200 / 254));
    expect(geometry._paths[0]!.series.values).to.have.length(2160);
    const bars = chunksOf(geometry, 'g0').flatMap((p) => rects(p.d));
    // Narrower than a pixel, neighbouring windows share a pixel column's bar.
    expect(bars.length).to.be.at.most(geometry._innerWidth + 1);
    // (A column of one window whose value is 0 draws nothing.)
    expect(bars.length).to.be.greaterThan(geometry._innerWidth * 0.97);
  });

  it('draws touching bars as one outline, stacked exactly on the series below', () => {
    const geometry = large('bars');
    // The second tile's own chunk (after the first tile's and the few windows where the two meet).
    const [g0, g1] = [chunksOf(geometry, 'g0')[2]!, chunksOf(geometry, 'g1')[2]!];
    // Only a column where the series is 0 breaks the outline.
    expect(g1.d.split('M').length - 1).to.be.at.most(1 + g1.series.values.slice(...g1.windows).filter((v) => v === 0).length);
    const below = new Map(rects(g0.d).map(([x, top]) => [x!.toFixed(1), top!]));
    const bars = rects(g1.d);
    expect(bars.length).to.be.greaterThan(200);
    for (const [x, top, width, height] of bars) {
      expect(width).to.be.within(0.3, 2);
      expect(height).to.be.at.least(0);
      if (below.has(x!.toFixed(1))) expect(top! + height!).to.be.closeTo(below.get(x!.toFixed(1))!, 0.01);
    }
  });

  it('cuts a dense series where raster tiles meet, side by side, drawing every window once', () => {
    const geometry = large('bars');
    for (const key of ['g0', 'g9']) {
      const chunks = chunksOf(geometry, key);
      expect(chunks.length).to.be.greaterThan(3);
      // Each chunk takes up where the one before it stopped, from the first window to the last.
      expect(chunks.map((c) => c.windows[0])).to.deep.equal([0, ...chunks.slice(0, -1).map((c) => c.windows[1])]);
      expect(chunks.at(-1)!.windows[1]).to.equal(2160);
      chunks.forEach((chunk, i) => {
        const bars = rects(chunk.d);
        const [from, to] = [bars[0]![0]!, Math.max(...bars.map(([x, , w]) => x! + w!))].map((x) => x + geometry._margin.left) as [number, number];
        // Chrome's tile c spans SVG pixels 254c to 254c + 256: a chunk lies within one tile's own pixels, or is a few pixels where two meet.
        const tile = Math.floor(from / 254);
        expect(to - from <= 8 || (from >= tile * 254 + 2 && to <= (tile + 1) * 254), `chunk ${i}, ${from} to ${to}`).to.equal(true);
        // (A bar is at least half a pixel wide, which may reach a tenth into the next chunk.)
        if (i > 0) expect(bars[0]![0]).to.be.at.least(Math.max(...rects(chunks[i - 1]!.d).map(([x, , w]) => x! + w!)) - 0.11);
      });
    }
    // A small chart stays one path per series.
    expect(layout(buildModel(usage(hourly.slice(0, 48)), { ...options, maxGroups: 10 }), { width: 1200, height: 300 }, 'bars')._paths).to.have.length(10);
  });

  it('runs a dense line on across its chunks: each starts at the last point of the one before', () => {
    const chunks = chunksOf(large('lines'), 'g3');
    expect(chunks.length).to.be.greaterThan(3);
    const points = (d: string) => d.slice(1).split('L');
    for (let i = 1; i < chunks.length; i++) expect(points(chunks[i]!.d)[0]).to.equal(points(chunks[i - 1]!.d).at(-1));
    // Every window's point once, plus the shared joins.
    expect(chunks.reduce((sum, c) => sum + points(c.d).length, 0)).to.equal(2160 + chunks.length - 1);
  });

  it('draws lines through window centres, with the total and previous period when comparing', () => {
    const previousWindows = [
      { starting_on: day(-1), ending_before: day(0), values: { a: 9, b: 1 }, total: 10 },
      { starting_on: day(0), ending_before: day(1), values: { a: 0, b: 0 }, total: 0 },
    ];
    const data = { ...usage([{ a: 1, b: 2 }, { a: 3, b: 4 }]), previous: { starting_on: day(-1), ending_before: day(1), windows: previousWindows, total: 10 } };
    const geometry = layout(buildModel(data, options), size, 'lines');
    expect(geometry._paths[0]!.d).to.match(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    expect(geometry._totalPath).to.be.a('string');
    expect(geometry._previousPath).to.be.a('string');
    expect(geometry._yTicks.at(-1)!.value).to.be.at.least(10);
  });

  it('writes a line as the path d3-shape drew: through each window centre, a lone window as a closed point', () => {
    const geometry = layout(buildModel(usage([{ a: 1 }, { a: 3 }]), options), size, 'lines');
    const hundredths = (n: number) => Math.round(n * 100) / 100;
    const centre = (i: number) => hundredths((geometry._windowLeft[i]! + geometry._windowRight[i]!) / 2);
    const [top, middle] = [geometry._yTicks.at(-1)!, geometry._yTicks.find((t) => t.value === 1)!];
    expect(top.value).to.equal(3);
    expect(geometry._paths[0]!.d).to.equal(`M${centre(0)},${hundredths(middle.position)}L${centre(1)},${hundredths(top.position)}`);
    const lone = layout(buildModel(usage([{ a: 2 }]), options), size, 'lines');
    expect(lone._paths[0]!.d).to.match(/^M[\d.]+,[\d.]+Z$/);
  });

  it('finds the window under the pointer, and none outside the plot', () => {
    const geometry = layout(buildModel(usage([{ a: 1 }, { a: 1 }, { a: 1 }, { a: 1 }]), options), size, 'bars');
    expect(windowAt(geometry, 1)).to.equal(0);
    expect(windowAt(geometry, geometry._innerWidth / 2 + 1)).to.equal(2);
    expect(windowAt(geometry, geometry._innerWidth - 1)).to.equal(3);
    expect(windowAt(geometry, -5)).to.equal(null);
    expect(windowAt(geometry, geometry._innerWidth + 5)).to.equal(null);
  });

  it('anchors x labels at the edges inward so they are not clipped', () => {
    const { _xTicks: xTicks, _innerWidth: innerWidth } = layout(buildModel(usage([{ a: 1 }, { a: 1 }]), options), size, 'bars');
    expect(xTicks[0]!.anchor).to.equal('start');
    expect(xTicks.at(-1)!.position).to.equal(innerWidth);
    expect(xTicks.at(-1)!.anchor).to.equal('end');
    expect(xTicks.slice(1, -1).every((t) => t.anchor === 'middle')).to.equal(true);
  });

  it('gives all-zero data a usable axis and no bars', () => {
    const geometry = layout(buildModel(usage([{ a: 0 }]), options), size, 'bars');
    expect(geometry._paths[0]!.d).to.equal('');
    expect(geometry._yTicks.length).to.be.greaterThan(1);
  });

  it('draws a negative series below zero, apart from the stack, and extends the axis down to it', () => {
    const model = buildModel(usage([{ a: 30 }, { a: 10 }]), { ...options, negative: { label: 'Commits and credits', values: [-10, 0] } });
    const geometry = layout(model, size, 'bars');
    expect(geometry._paths.map((p) => p.series.label)).to.deep.equal(['a', 'Commits and credits']);
    const zero = geometry._yTicks.find((t) => t.value === 0)!.position;
    const [below] = rects(geometry._paths[1]!.d);
    expect(rects(geometry._paths[1]!.d)).to.have.length(1);
    const [top, bottom] = [below![1]!, below![1]! + below![3]!].sort((a, b) => a - b);
    expect(top).to.be.closeTo(zero, 0.1);
    expect(bottom).to.be.greaterThan(zero + 10);
    expect(geometry._yTicks[0]!.value).to.be.at.most(-10);
  });

  it('names the fold key so it never collides with a real group', () => {
    expect(OTHER_KEY.startsWith('\u0000')).to.equal(true);
  });
});
