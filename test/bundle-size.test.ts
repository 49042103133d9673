import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildCdn, buildPackage, localeEntries, widgetEntries } from '../scripts/build.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const outdir = mkdtempSync(join(tmpdir(), 'widgets-size-'));
after(() => rmSync(outdir, { recursive: true, force: true }));

describe('the built widgets', () => {
  it('keeps each budgeted file (all widgets, a single chart), minified and gzipped, within its budget in package.json', async () => {
    await buildCdn(outdir);
    const budgets = Object.entries(pkg.sizeBudget as Record<string, { gzipBytes: number }>);
    assert.deepEqual(budgets.map(([file]) => file), ['dist/cdn/widgets.js', 'dist/cdn/usage-chart.js']);
    for (const [file, { gzipBytes: budget }] of budgets) {
      const gzipped = gzipSync(readFileSync(join(outdir, file.replace('dist/cdn/', '')))).length;
      assert.ok(gzipped <= budget, `${file} is ${gzipped} bytes gzipped, over its budget of ${budget}`);
    }
  });

  it('ships one self-contained file per widget for <script type="module"> that defines its element', async () => {
    const files: string[] = await buildCdn(outdir);
    const names = (widgetEntries() as Array<{ out: string }>).map((e) => e.out);
    assert.ok(names.includes('usage-chart'));
    for (const name of names) {
      const source = readFileSync(join(outdir, `${name}.js`), 'utf8');
      assert.ok(files.includes(`${outdir}/${name}.js`));
      assert.ok(source.includes(`"${name}"`), `${name}.js does not register <${name}>`);
      assert.ok(!/(^|;)import[\s{*"]/m.test(source), `${name}.js must not import anything at run time`);
    }
  });

  it('ships each catalogue beyond English as a file of its own, outside the all-widgets file', async () => {
    await buildCdn(outdir);
    const locales = (localeEntries() as Array<{ out: string }>).map((e) => e.out);
    assert.ok(locales.includes('locales/de'));
    for (const name of locales) {
      const source = readFileSync(join(outdir, `${name}.js`), 'utf8');
      assert.ok(!/(^|;)import[\s{*"]/m.test(source), `cdn/${name}.js must not import anything at run time`);
      assert.ok(source.includes('metronome-widgets.messages'), `cdn/${name}.js does not register its words`);
    }
    assert.ok(readFileSync(join(outdir, 'locales/de.js'), 'utf8').includes('Erneut versuchen'));
    assert.ok(!readFileSync(join(outdir, 'widgets.js'), 'utf8').includes('Erneut versuchen'), 'German is in the all-widgets file');
    const packaged = join(outdir, 'package');
    await buildPackage(packaged);
    assert.ok(readFileSync(join(packaged, 'locales/de.js'), 'utf8').includes('Erneut versuchen'));
    assert.ok(!readFileSync(join(packaged, 'index.js'), 'utf8').includes('Erneut versuchen'), 'German is in the package\'s main entry');
  });

  it('depends on the d3 modules the charts use, never the d3 umbrella or d3-selection', () => {
    const deps = Object.keys(pkg.dependencies);
    assert.deepEqual(deps.filter((name) => name.startsWith('d3')), ['d3-array']);
  });
});
