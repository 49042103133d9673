import { expect } from '@open-wc/testing';
import { csvLine } from '../shared/csv.ts';
import { usage } from '../shared/chart/fixtures.ts';
import { buildModel } from '../shared/chart/model.ts';
import { parseGroupFilter, resolveRange, serializeGroupFilter } from '../shared/range.ts';
import { summarize } from './usage-chart.summary.ts';
import { chartCsv, csvFilename, tableData } from '../shared/chart/table.ts';

const options = { title: 'CPU hours', maxGroups: 8, hidden: new Set<string>() };
const counts = { value: (v: number) => v.toLocaleString('en-US'), tick: String, unit: 'CPU hours' };
const utc = { locale: 'en-US', timeZone: 'UTC' };
const withPrevious = (total: number) => ({
  ...usage([{ a: 900, b: 100 }, { a: 200, b: 84 }]),
  previous: { starting_on: '2024-09-29T00:00:00.000Z', ending_before: '2024-10-01T00:00:00.000Z', windows: [{ starting_on: '2024-09-29T00:00:00.000Z', ending_before: '2024-09-30T00:00:00.000Z', values: { a: total, b: 0 }, total }], total },
});

describe('usage-chart summary', () => {
  it('states the total, metric, inclusive date range and largest group', () => {
    expect(summarize(buildModel(usage([{ a: 900, b: 100 }, { a: 200, b: 84 }]), options), utc)).to.equal('1,284 CPU hours from Oct 1, 2024 to Oct 2, 2024; most in a (86%).');
  });

  it('says how it compares with the previous period', () => {
    expect(summarize(buildModel(withPrevious(1146), options), utc)).to.contain('CPU hours from Oct 1, 2024 to Oct 2, 2024, up 12% on the previous period; most in a');
    expect(summarize(buildModel(withPrevious(2568), options), utc)).to.contain(', down 50% on the previous period');
    expect(summarize(buildModel(withPrevious(0), options), utc)).to.contain(', up from none in the previous period');
  });

  it('says when there is no usage', () => {
    expect(summarize(buildModel(usage([{ a: 0, b: 0 }]), options), utc)).to.equal('No CPU hours usage on Oct 1, 2024.');
  });

  it('follows the locale and the time zone', () => {
    expect(summarize(buildModel(usage([{ a: 1000.5 }]), options), { locale: 'de-DE', timeZone: 'UTC' })).to.match(/^1\.000,5 CPU hours/);
    // A whole UTC day is the day Metronome counts it in: the same date in every zone.
    expect(summarize(buildModel(usage([{ a: 1 }]), options), { locale: 'en-US', timeZone: 'America/New_York' })).to.equal('1 CPU hours on Oct 1, 2024.');
    const hours = { ...usage([{ a: 1 }]), starting_on: '2024-10-01T04:00:00.000Z', ending_before: '2024-10-01T06:00:00.000Z' };
    expect(summarize(buildModel(hours, options), { locale: 'en-US', timeZone: 'America/New_York' })).to.contain('from Oct 1, 2024, 12:00 AM EDT to Oct 1, 2024, 2:00 AM EDT');
  });
});

describe('usage-chart table and CSV', () => {
  const model = buildModel(usage([{ 'a, "quoted"': 1.5, b: 2 }, { 'a, "quoted"': 0.25, b: 0 }]), options);

  it('tabulates every window with a column per visible series and the total', () => {
    const table = tableData(model, 'caption', utc, counts);
    expect(table.columns).to.deep.equal(['Day', 'a, "quoted"', 'b', 'Total']);
    expect(Array.from({ length: table.count }, (_, i) => table.row(i)).map((r) => [r.label, ...r.cells])).to.deep.equal([
      ['Tue, Oct 1, 2024', '1.5', '2', '3.5'],
      ['Wed, Oct 2, 2024', '0.25', '0', '0.25'],
    ]);
  });

  it('exports exact values with ISO window bounds, quoting what needs quoting', () => {
    expect(chartCsv(model)).to.equal(
      'starting_on,ending_before,"a, ""quoted""",b,total\r\n' +
        '2024-10-01T00:00:00.000Z,2024-10-02T00:00:00.000Z,1.5,2,3.5\r\n' +
        '2024-10-02T00:00:00.000Z,2024-10-03T00:00:00.000Z,0.25,0,0.25\r\n',
    );
    expect(csvFilename(model)).to.equal('cpu-hours_2024-10-01_2024-10-03.csv');
  });

  it('keeps spreadsheet formulas out of exported labels', () => {
    expect(csvLine(['=HYPERLINK("x")', '1'])).to.equal(`"'=HYPERLINK(""x"")",1\r\n`);
  });
});

describe('usage-chart range and filters', () => {
  const now = Date.parse('2026-11-25T10:30:00Z');
  const period = { starting_on: '2026-11-01T00:00:00.000Z', ending_before: '2026-12-01T00:00:00.000Z' };
  const customer = { customer: { name: 'x' }, current_billing_period: period, billable_metrics: [] };

  it('defaults to the current billing period, waiting until the customer is known', () => {
    expect(resolveRange({ startingOn: '', endingBefore: '', range: '' }, undefined, false, now)).to.equal(null);
    expect(resolveRange({ startingOn: '', endingBefore: '', range: '' }, customer, true, now)).to.deep.equal({ startingOn: period.starting_on, endingBefore: period.ending_before });
  });

  it('falls back to the last 30 whole UTC days without a contract, and honours presets and dates', () => {
    expect(resolveRange({ startingOn: '', endingBefore: '', range: '' }, { ...customer, current_billing_period: null }, true, now)).to.deep.equal({ startingOn: '2026-10-27T00:00:00.000Z', endingBefore: '2026-11-26T00:00:00.000Z' });
    expect(resolveRange({ startingOn: '', endingBefore: '', range: '7d' }, customer, true, now)!.startingOn).to.equal('2026-11-19T00:00:00.000Z');
    expect(resolveRange({ startingOn: 'a', endingBefore: 'b', range: '7d' }, customer, true, now)).to.deep.equal({ startingOn: 'a', endingBefore: 'b' });
  });

  it('reads and writes group filters', () => {
    const filter = parseGroupFilter('region:us-east-1, eu-west-1;bad;tier:hot;empty:');
    expect(filter).to.deep.equal({ region: ['us-east-1', 'eu-west-1'], tier: ['hot'] });
    expect(serializeGroupFilter(filter)).to.deep.equal(['region:us-east-1,eu-west-1', 'tier:hot']);
  });
});
