import { expect } from '@open-wc/testing';
import { describeRange } from './format.ts';
import { rangeRefusal, resolveRange } from './range.ts';

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

describe('range presets in a time zone', () => {
  const el = { startingOn: '', endingBefore: '', range: '7d' as const };
  // Nov 9, 8 PM in Los Angeles; Nov 10, 1 PM in Tokyo.
  const now = Date.parse('2026-11-10T04:00:00Z');

  it('end with today\'s date where the viewer is, west and east of UTC', () => {
    expect(resolveRange(el, null, true, now, 'America/Los_Angeles')).to.deep.equal({ startingOn: '2026-11-03T00:00:00.000Z', endingBefore: '2026-11-10T00:00:00.000Z' });
    expect(resolveRange(el, null, true, now, 'Asia/Tokyo')).to.deep.equal({ startingOn: '2026-11-04T00:00:00.000Z', endingBefore: '2026-11-11T00:00:00.000Z' });
    expect(resolveRange(el, null, true, now)).to.deep.equal({ startingOn: '2026-11-04T00:00:00.000Z', endingBefore: '2026-11-11T00:00:00.000Z' });
  });

  it('read as the same first and last day in every zone', () => {
    const range = resolveRange(el, null, true, now, 'America/Los_Angeles')!;
    for (const timeZone of ['America/Los_Angeles', 'Asia/Tokyo', 'UTC']) {
      expect(describeRange(range.startingOn, range.endingBefore, { locale: 'en-US', timeZone })).to.equal('from Nov 3, 2026 to Nov 9, 2026');
    }
  });

  it('leave the billing period and explicit dates as they are', () => {
    const period = { current_billing_period: { starting_on: '2026-11-01T00:00:00.000Z', ending_before: '2026-12-01T00:00:00.000Z' } };
    expect(resolveRange({ ...el, range: 'current-period' }, period, true, now, 'Asia/Tokyo')).to.deep.equal({ startingOn: '2026-11-01T00:00:00.000Z', endingBefore: '2026-12-01T00:00:00.000Z' });
    expect(resolveRange({ ...el, startingOn: 'a', endingBefore: 'b' }, null, true, now, 'Asia/Tokyo')).to.deep.equal({ startingOn: 'a', endingBefore: 'b' });
  });
});
