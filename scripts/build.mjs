// Builds dist/, what the npm package ships:
//
//   dist/index.js, dist/<element>.js, dist/config.js,
//   dist/contract.js                                     the package's entries: ES2022 modules that import
//        lit, @lit/task and the d3 modules from node_modules (the page's bundler loads each once) and
//        share the package's own code through dist/chunks/, so two elements on a page share it too
//   dist/cdn/widgets.js, dist/cdn/<element>.js          self-contained files (lit and d3 inside), minified,
//        for a plain <script type="module">; each copy brings its own lit, so use one per page
//   dist/locales/<lang>.js, dist/cdn/locales/<lang>.js  the catalogues beyond English, which a page loads
//        when it needs them (they register themselves through globalThis, so either kind serves both)
//   dist/types/                                          declarations (.d.ts) of the entries, and JSX typings
//                                                        for React and Vue (jsx-types.mjs)
//   dist/proxy/                                          the proxy for Node, Bun, Deno and Workers (build-proxy.mjs)
//
// The elements declare their properties in lit's `static properties`, not with decorators, which esbuild
// would lower for ES2022 into helpers and per-field private storage (about 4 KB gzip across the elements).
// No .ts specifier survives in the JS or the declarations.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';
import { buildProxy } from './build-proxy.mjs';
import { writeJsxTypes } from './jsx-types.mjs';
import { minifyTemplates } from './minify-css.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** `configure()` alone, for pages that import single elements: the page configuration is shared through globalThis. */
const configEntry = { in: 'widgets/shared/page-config.ts', out: 'config' };

/** Every element: a folder of widgets/ with a module of the same name. */
export function widgetEntries() {
  return readdirSync('widgets', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`widgets/${entry.name}/${entry.name}.ts`))
    .map((entry) => ({ in: `widgets/${entry.name}/${entry.name}.ts`, out: entry.name }));
}

/** Every catalogue beyond English: a module of widgets/locales/ that registers its words. */
export function localeEntries() {
  return readdirSync('widgets/locales')
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ in: `widgets/locales/${name}`, out: `locales/${name.slice(0, -3)}` }));
}

/** Package dependencies stay imports (and so do their subpaths, `lit/directive.js`). */
const external = Object.keys(pkg.dependencies).flatMap((name) => [name, `${name}/*`]);

const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, legalComments: 'none', logLevel: 'warning', plugins: [minifyTemplates] };

/**
 * Properties named `_…` (an underscore, then a letter) belong to shapes internal to the widgets (a chart's
 * layout, the controls' state): never in the JSON contract, the public API, lit's properties or what two
 * copies of the package share on a page. The minified files rename them to a letter or two (and d3-array's
 * own `_…` fields alike, which stay inside the same file); lit's `_$…` names are left alone.
 */
const INTERNAL_PROPERTY = /^_[a-z]/;

/**
 * How the self-contained files are built (and `npm run bench` builds its page of <usage-chart>). Each starts
 * with V8's explicit compile hint: a page loads one to draw its widgets at once, so Chromium compiles every
 * function while it streams the file, on a background thread, rather than each one on the main thread at its
 * first call during the first render (a sixth of the small chart's main-thread time). Other engines ignore it.
 *
 * They run in browsers only, so they drop the statements labelled `SERVER:` (an element's placeholder for
 * a server render). esbuild inlines lit's `isServer` as false but keeps `if (false) return …` and all it
 * reaches; the package's entries keep them, for lit SSR in Node.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
export const cdnOptions = { ...common, minify: true, banner: { js: COMPILE_HINT }, mangleProps: INTERNAL_PROPERTY, dropLabels: ['SERVER'] };

/**
 * Terser's compressor, after esbuild's minifier, on each self-contained file (its source map carried
 * through): it inlines functions and constants used once, folds branches on constants esbuild inlined
 * across modules and joins statements further, about 2.5% of each file gzipped (some 700 bytes of
 * widgets.js and of usage-chart.js). Only its safe transforms, in two passes (a third gains nothing on
 * widgets.js). test/csp.test.ts and test/layout.test.ts pass on a page built this way.
 */
export const compressCdn = (code, sourceMap) =>
  minify(code, { module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false, preamble: COMPILE_HINT }, sourceMap });

/** `compressCdn` on a file esbuild wrote, and on its source map. */
async function compressCdnFile(file) {
  const sourceMap = { content: readFileSync(`${file}.map`, 'utf8'), url: `${basename(file)}.map` };
  const { code, map } = await compressCdn(readFileSync(file, 'utf8'), sourceMap);
  writeFileSync(file, code);
  writeFileSync(`${file}.map`, map);
}

/** The self-contained files, minified: what the all-widgets size budget measures. */
export async function buildCdn(outdir = 'dist/cdn') {
  const entries = [...widgetEntries(), ...localeEntries()];
  await build({ ...cdnOptions, entryPoints: [{ in: 'widgets/index.ts', out: 'widgets' }, configEntry, ...entries], outdir });
  const files = ['widgets', 'config', ...entries.map((e) => e.out)].map((name) => `${outdir}/${name}.js`);
  await Promise.all(files.map(compressCdnFile));
  return files;
}

/** The package's entries, sharing chunks, their dependencies left as imports. */
export async function buildPackage(outdir = 'dist') {
  const entries = [...widgetEntries(), ...localeEntries()];
  await build({
    ...common,
    entryPoints: [{ in: 'widgets/index.ts', out: 'index' }, configEntry, ...entries, { in: 'contract/index.ts', out: 'contract' }],
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    external,
  });
  return ['index', 'config', 'contract', ...entries.map((e) => e.out)].map((name) => `${outdir}/${name}.js`);
}

function filesUnder(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Declarations by TypeScript (tsconfig.build.json), then their relative `.ts` specifiers rewritten to
 * `.js`: the sources import `.ts` files, which tsc keeps as written in declarations.
 */
export function buildTypes(outdir = 'dist/types') {
  rmSync(outdir, { recursive: true, force: true });
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json', '--outDir', outdir], { stdio: 'inherit' });
  for (const file of filesUnder(outdir).filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3');
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
  writeJsxTypes(JSON.parse(readFileSync('custom-elements.json', 'utf8')), join(outdir, 'jsx'));
}

export async function buildAll() {
  rmSync('dist', { recursive: true, force: true });
  const files = [...(await buildPackage()), ...(await buildCdn())];
  buildTypes();
  return [...files, ...(await buildProxy())];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildAll();
  console.log(`built ${files.join(', ')} and dist/types/`);
}
