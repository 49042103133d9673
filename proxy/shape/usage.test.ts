import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UsageAggregate } from '../metronome/types.ts';
import { shapeUsage } from './usage.ts';

const metric = { id: 'm', name: 'CPU hours' };
const start = new Date('2024-10-01T00:00:00Z');
const end = new Date('2024-10-03T00:00:00Z');
const day1 = { starting_on: '2024-10-01T00:00:00Z', ending_before: '2024-10-02T00:00:00Z' };
const day2 = { starting_on: '2024-10-02T00:00:00Z', ending_before: '2024-10-03T00:00:00Z' };
/** Aggregates as Metronome may send them: the deprecated single-key fields often missing. */
const rows = (...aggregates: Array<Partial<UsageAggregate>>) => aggregates as UsageAggregate[];

describe('shaping Metronome usage for widgets', () => {
  it('reads the deprecated group_key/group_value when group is absent, and null values as 0', () => {
    const shaped = shapeUsage({
      metric,
      windowSize: 'day',
      start,
      end,
      groupKey: ['region'],
      aggregates: rows(
        { ...day1, group_key: 'region', group_value: 'us-east-1', value: 2.5 },
        { ...day1, group_key: 'region', group_value: 'eu-west-1', value: null },
        { ...day2, group: { region: 'eu-west-1' }, value: 4 },
      ),
    });
    assert.deepEqual(shaped.groups, ['eu-west-1', 'us-east-1']);
    assert.deepEqual(shaped.windows[0]!.values, { 'eu-west-1': 0, 'us-east-1': 2.5 });
    assert.deepEqual(shaped.windows[1]!.values, { 'eu-west-1': 4, 'us-east-1': 0 });
    assert.equal(shaped.total, 6.5);
  });

  it('names events without a key\'s property "(none)", per key of a compound group', () => {
    const shaped = shapeUsage({
      metric,
      windowSize: 'day',
      start,
      end,
      groupKey: ['model', 'region'],
      aggregates: rows(
        { ...day1, group: { model: 'atlas', region: null }, value: 1 },
        { ...day1, group: { region: 'us-east-1' }, value: 2 },
      ),
    });
    assert.deepEqual(shaped.groups, ['(none) / us-east-1', 'atlas / (none)']);
  });

  it('fills windows Metronome left out with zero, so the chart has no holes', () => {
    const shaped = shapeUsage({ metric, windowSize: 'day', start, end, groupKey: null, aggregates: rows({ ...day2, value: 3 }) });
    assert.deepEqual(
      shaped.windows.map((w) => [w.starting_on, w.total]),
      [
        ['2024-10-01T00:00:00.000Z', 0],
        ['2024-10-02T00:00:00.000Z', 3],
      ],
    );
    assert.equal(shaped.group_key, null);
    assert.deepEqual(shaped.groups, []);
  });

  it('keeps fractional amounts exact in each window', () => {
    const shaped = shapeUsage({
      metric,
      windowSize: 'none',
      start,
      end,
      groupKey: ['region'],
      aggregates: rows(
        { starting_on: start.toISOString(), ending_before: end.toISOString(), group: { region: 'a' }, value: 0.1 },
        { starting_on: start.toISOString(), ending_before: end.toISOString(), group: { region: 'b' }, value: 0.2 },
      ),
    });
    assert.equal(shaped.windows.length, 1);
    assert.deepEqual(shaped.windows[0]!.values, { a: 0.1, b: 0.2 });
    assert.equal(shaped.windows[0]!.total, 0.3, 'no float noise in the sum');
    assert.equal(shaped.total, 0.3);
  });
});
