import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { bisectRight as d3BisectRight, max as d3Max, min as d3Min } from 'd3-array';
import { bisectRight, max, min } from './extent.ts';

describe('bisectRight, min and max', () => {
  it('find the window under the pointer as d3-array did, at the edges, between them and beyond both ends', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.double({ min: -60, max: 60 }), (values, x) => {
        const sorted = Float64Array.from(values).sort();
        for (const at of [x, ...sorted, Number.NaN]) expect(bisectRight(sorted, at), `${at} in ${sorted.join()}`).to.equal(d3BisectRight(sorted, at));
      }),
    );
  });

  it("give the axis the same extremes as d3-array did: none for no values, NaN skipped", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constant(Number.NaN))), (values) => {
        expect(max(values)).to.equal(d3Max(values));
        expect(min(values)).to.equal(d3Min(values));
      }),
    );
    expect(max([])).to.equal(undefined);
    expect(min([Number.NaN])).to.equal(undefined);
  });
});
