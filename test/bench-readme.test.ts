import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { END, performanceSection, START, type Results } from '../bench/report.ts';

/**
 * The README's performance table is what `npm run bench` last measured: it is generated from
 * bench/results.json, never edited by hand. Reads the file; never runs the benchmark (timings are not tested).
 */
describe('README performance section', () => {
  const readme = readFileSync('README.md', 'utf8');
  const results = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;

  it('equals the section generated from bench/results.json', () => {
    const section = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    assert.ok(section.startsWith(START), 'README.md has the bench markers');
    assert.equal(section, performanceSection(results), 'run `node --import tsx bench/readme.ts` after changing bench/results.json');
  });

  it('names the machine and every library it compares', () => {
    assert.ok(results.machine.cpu && results.machine.cores > 0 && results.machine.chromium);
    for (const library of ['usage-chart', 'echarts', 'echarts-large', 'chartjs'] as const) {
      for (const name of ['small', 'large'] as const) assert.equal(results.samples[name]?.[library]?.length, results.rounds, `${library}, ${name}`);
    }
  });
});
