import { expect } from '@open-wc/testing';
import { rangeRefusal } from './range.ts';

const range = (startingOn: string, endingBefore: string) => ({ startingOn, endingBefore });

describe('ranges the proxy would refuse', () => {
  it('allows daily windows over 1096 days, and not a day more', () => {
    expect(rangeRefusal(range('2023-11-01T00:00:00Z', '2026-11-01T00:00:00Z'), 'day')).to.equal(null);
    expect(rangeRefusal(range('2023-10-31T00:00:00Z', '2026-11-01T00:00:00Z'), 'day')).to.equal('A range covers at most 1096 days (3 years); choose a shorter one.');
    expect(rangeRefusal(range('2023-11-01T12:00:00Z', '2026-11-01T00:00:00Z'), 'day'), 'widened to whole days first').to.equal(null);
    expect(rangeRefusal(range('2023-11-01T00:00:00Z', '2026-11-01T01:00:00Z'), 'day'), 'widened to whole days first').to.match(/at most 1096 days/);
  });

  it('allows hourly windows over 92 days, one window of up to 1096', () => {
    expect(rangeRefusal(range('2026-01-01T00:00:00Z', '2026-04-03T00:00:00Z'), 'hour')).to.equal(null);
    expect(rangeRefusal(range('2026-01-01T00:00:00Z', '2026-04-03T00:30:00Z'), 'hour')).to.equal('Hourly windows cover at most 92 days; choose daily windows or a shorter range.');
    expect(rangeRefusal(range('2023-11-01T00:00:00Z', '2026-11-01T00:00:00Z'), 'none')).to.equal(null);
    expect(rangeRefusal(range('2023-11-01T00:00:00Z', '2026-11-01T00:30:00Z'), 'none')).to.match(/at most 1096 days/);
  });

  it('leaves what it cannot read to the proxy', () => {
    expect(rangeRefusal(null, 'day')).to.equal(null);
    expect(rangeRefusal(range('yesterday', '2026-11-01'), 'day')).to.equal(null);
  });
});
