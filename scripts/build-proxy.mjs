// Builds dist/proxy/: the proxy as ES2022 JS (dependencies left as imports) with .d.ts, for hosts on
// Node, Bun, Deno and Workers, and the compiled server that `npm start` runs without devDependencies.
//
//   index.js    the library, for every runtime (createProxy, createApp, createMetronome, caches, sessions)
//   node.js     index.js plus what needs Node: connectRedis, createRedisCache, createRateLimiter
//   server.js   `npm start`: settings from the environment, Node's HTTP server, graceful stop
//   simulator/  the simulator, which server.js imports only without METRONOME_API_TOKEN (the demo)
//   chunks/     code the entries share
//   index.d.ts, node.d.ts and types/: declarations, importing .js paths only
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  // Dependencies stay imports, resolved by the host's runtime or bundler (Workers' picks jose's own build).
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** server.ts imports the simulator (`../simulator/x.ts`) only on the demo path: it becomes `./simulator/x.js`. */
const simulatorBeside = {
  name: 'simulator-beside-server',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/simulator\/[\w-]+\.ts$/ }, (args) => ({ path: args.path.replace(/^\.\.\/(.*)\.ts$/, './$1.js'), external: true }));
  },
};

export async function buildProxy(outdir = 'dist/proxy') {
  rmSync(outdir, { recursive: true, force: true });
  await build({ ...common, entryPoints: { index: 'proxy/index.ts', node: 'proxy/node.ts', server: 'proxy/server.ts' }, outdir, plugins: [simulatorBeside] });
  // The demo's simulator, without source maps: a third of the package's size for code no host runs.
  await build({ ...common, sourcemap: false, entryPoints: { index: 'simulator/index.ts', faults: 'simulator/faults.ts' }, outdir: join(outdir, 'simulator') });
  declarations(outdir);
  return ['index', 'node', 'server'].map((name) => `${outdir}/${name}.js`);
}

/**
 * tsc writes the entries' declarations under types/ (proxy/ and the contract/ types it uses), keeping
 * the sources' `.ts` import paths, which consumers cannot resolve: they become `.js`.
 */
function declarations(outdir) {
  const types = join(outdir, 'types');
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  // prettier-ignore
  execFileSync(process.execPath, [tsc, '--ignoreConfig', '--declaration', '--emitDeclarationOnly', '--outDir', types, '--rootDir', '.',
    '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler', '--allowImportingTsExtensions', '--resolveJsonModule',
    '--strict', '--skipLibCheck', '--verbatimModuleSyntax', '--isolatedModules', '--types', 'node', 'proxy/index.ts', 'proxy/node.ts'], { stdio: 'inherit' });
  // The generated Metronome types are a .d.ts of their own, which tsc does not copy.
  copyFileSync('proxy/metronome/schema.d.ts', join(types, 'proxy/metronome/schema.d.ts'));
  for (const file of readdirSync(types, { recursive: true }).filter((name) => name.endsWith('.d.ts'))) {
    const path = join(types, file);
    const text = readFileSync(path, 'utf8').replace(/((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*?)(?:\.d)?\.ts(['"])/g, '$1.js$2');
    writeFileSync(path, text);
  }
  for (const entry of ['index', 'node']) writeFileSync(join(outdir, `${entry}.d.ts`), `export * from './types/proxy/${entry}.js';\n`);
}

// `node scripts/build-proxy.mjs [outdir]`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${(await buildProxy(process.argv[2])).join(', ')}`);
}
