// Builds dist/: one self-contained ESM file per widget, plus dist/widgets.js that defines them all.
import { readdirSync, existsSync } from 'node:fs';
import { build } from 'esbuild';

const widgetEntries = readdirSync('widgets', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`widgets/${entry.name}/${entry.name}.ts`))
  .map((entry) => ({ in: `widgets/${entry.name}/${entry.name}.ts`, out: entry.name }));

await build({
  entryPoints: [{ in: 'widgets/index.ts', out: 'widgets' }, ...widgetEntries],
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`built dist/widgets.js and ${widgetEntries.map((e) => `dist/${e.out}.js`).join(', ')}`);
