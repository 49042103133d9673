import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

/**
 * The package as a product team gets it: `npm pack` (which builds through `prepack`), installed from the
 * tarball into an empty project, then every entry imported in Node (as a server-side render would) and
 * used from TypeScript with strict settings and no build options of ours.
 */

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let project: string;
let packed: Array<{ path: string }>;

before(() => {
  project = mkdtempSync(join(tmpdir(), 'consumer-'));
  // prepack's build prints to stdout too: the report is the JSON array after it.
  const output = npm(['pack', '--json', '--pack-destination', project], root);
  const [report] = JSON.parse(output.slice(output.search(/^\[/m))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = report!.files;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // Everything the package depends on is in npm's cache after the repository's own install.
  npm(['install', join(project, report!.filename), '--prefer-offline', '--no-audit', '--no-fund'], project);
});
after(() => rmSync(project, { recursive: true, force: true }));

/** Each `exports` entry with JavaScript, as a consumer imports it. */
const entries = Object.entries(pkg.exports as Record<string, string | { default?: string }>)
  .filter(([, target]) => typeof target === 'object' && target.default)
  .map(([subpath]) => `${pkg.name}${subpath === '.' ? '' : subpath.slice(1)}`);

describe('the packed package', () => {
  it('holds every file its exports point to, and no TypeScript sources or tests', () => {
    const paths = new Set(packed.map((file) => file.path));
    for (const target of Object.values(pkg.exports as Record<string, string | Record<string, string>>)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        if (!file.includes('*')) assert.ok(paths.has(file.replace(/^\.\//, '')), `${file} is not in the package`);
      }
    }
    const sources = [...paths].filter((path) => (path.endsWith('.ts') && !path.endsWith('.d.ts')) || path.includes('.test.'));
    assert.deepEqual(sources, []);
    for (const doc of ['README.md', 'LICENSE', 'SECURITY.md', 'CHANGELOG.md']) assert.ok(paths.has(doc), `${doc} is not in the package`);
  });

  it('imports every entry in Node without a DOM, as a server render would', () => {
    assert.ok(entries.length >= 7, entries.join());
    for (const entry of entries) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import('${entry}'); console.log(Object.keys(m).length)`], { cwd: project, encoding: 'utf8' });
      assert.match(out, /^\d+\n$/, entry);
    }
  });

  it('type-checks a consumer\'s code with strict settings and the package\'s declarations checked too', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: false, types: [] },
        files: ['app.ts'],
      }),
    );
    writeFileSync(
      join(project, 'app.ts'),
      [
        "import { COLOR_TOKENS, defineElement, UsageChart, type UsageResponse } from 'metronome-widgets';",
        "import 'metronome-widgets/usage-chart';",
        "import { MAX_HOURLY_DAYS } from 'metronome-widgets/contract';",
        "const chart = document.createElement('usage-chart');",
        "chart.billableMetricId = 'x';",
        "chart.addEventListener('mw-error', (event) => console.log(event.error.message));",
        'const days: number = MAX_HOURLY_DAYS + COLOR_TOKENS.length;',
        "defineElement('acme-usage', UsageChart);",
        'export const total = (response: UsageResponse) => response.total + days;',
        // A wrong property is an error: the element's type is really checked.
        "// @ts-expect-error: not a property of <usage-chart>",
        'chart.billableMetric = 1;',
      ].join('\n'),
    );
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
  });

  it('types the elements in React 19 and Vue 3 templates: attributes, properties and events', () => {
    npm(['install', '@types/react@19.3.3', 'vue@3.5.45', '--prefer-offline', '--no-audit', '--no-fund'], project);
    writeFileSync(
      join(project, 'tsconfig.jsx.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], jsx: 'react-jsx', strict: true, noEmit: true, skipLibCheck: false, types: [] },
        files: ['react-app.tsx', 'vue-app.ts'],
      }),
    );
    writeFileSync(
      join(project, 'react-app.tsx'),
      [
        "import type {} from 'metronome-widgets/react';",
        "import 'metronome-widgets/usage-chart';",
        'export const Chart = () => (',
        '  <usage-chart billable-metric-id="0d7e3b5a-2c81-4f96-b4e0-9a1d6c3f8e27" group-key="region" compare token-url="/session"',
        "    tokenProvider={() => 'token'} onmw-error={(event) => console.log(event.status, event.code)} />",
        ');',
        '// @ts-expect-error: window-size is day, hour or none',
        'export const Wrong = () => <usage-chart window-size="week" />;',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'vue-app.ts'),
      [
        "import type {} from 'metronome-widgets/vue';",
        "import type { GlobalComponents } from 'vue';",
        "type Props = InstanceType<GlobalComponents['usage-chart']>['$props'];",
        "export const props: Props = { billableMetricId: 'x', windowSize: 'hour', onMwError: (event) => console.log(event.code) };",
        '// @ts-expect-error: windowSize is day, hour or none',
        "export const wrong: Props = { windowSize: 'week' };",
      ].join('\n'),
    );
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.jsx.json'], { cwd: project, encoding: 'utf8' });
  });
});
