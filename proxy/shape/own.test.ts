import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InvoiceLine, UsageAggregate } from '../metronome/types.ts';
import { meteredRaw } from './explain.ts';
import { groupOf } from './lines.ts';
import { own } from './own.ts';
import { shapeUsage } from './usage.ts';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('keys named like Object.prototype\'s properties', () => {
  it('are missing unless the record has them itself', () => {
    for (const name of NAMES) {
      assert.equal(own({}, name), undefined, name);
      assert.equal(own(JSON.parse(`{"${name}": "x"}`), name), 'x', name);
    }
    assert.equal(own(null, 'a'), undefined);
  });

  it('group a usage line without them under (none)', () => {
    for (const name of NAMES) {
      assert.equal(groupOf({ presentation_group_values: { region: 'us-east-1' } } as unknown as InvoiceLine, name), '(none)', name);
    }
  });

  it('name usage groups whose events lack them (none), and by their value when present', () => {
    const day = { starting_on: '2024-10-01T00:00:00Z', ending_before: '2024-10-02T00:00:00Z' };
    for (const name of NAMES) {
      const aggregates = [{ ...day, group: {}, value: 1 }, { ...day, group: JSON.parse(`{"${name}": "v"}`), value: 2 }] as UsageAggregate[];
      const shaped = shapeUsage({ metric: { id: 'm', name: 'M' }, windowSize: 'day', start: new Date(day.starting_on), end: new Date(day.ending_before), groupKey: [name], aggregates });
      assert.deepEqual(shaped.groups, ['v', '(none)'], name);
    }
  });

  it('match metered rows only on the rows\' own values', () => {
    for (const name of NAMES) {
      const rows = [{ group: {}, value: 5 }, { group: JSON.parse(`{"${name}": "v"}`), value: 7 }] as UsageAggregate[];
      assert.equal(meteredRaw(rows, [name], null), 5, name);
      assert.equal(meteredRaw(rows, [name], JSON.parse(`{"${name}": "v"}`)), 7, name);
    }
  });
});
