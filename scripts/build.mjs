// Builds dist/: one self-contained ESM file per widget, plus dist/widgets.js that defines them all.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export function widgetEntries() {
  return readdirSync('widgets', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`widgets/${entry.name}/${entry.name}.ts`))
    .map((entry) => ({ in: `widgets/${entry.name}/${entry.name}.ts`, out: entry.name }));
}

export async function buildWidgets(outdir = 'dist') {
  const entries = widgetEntries();
  await build({
    entryPoints: [{ in: 'widgets/index.ts', out: 'widgets' }, ...entries],
    outdir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return ['widgets', ...entries.map((e) => e.out)].map((name) => `${outdir}/${name}.js`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${(await buildWidgets()).join(', ')}`);
}
