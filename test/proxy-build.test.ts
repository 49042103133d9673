import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * `npm run build:proxy`: dist/proxy/ as compiled JS for every runtime (index.js), for Node (node.js,
 * server.js), with declarations a consumer's TypeScript reads without the sources.
 */

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'proxy-build-'));
const out = join(work, 'dist/proxy');
before(() => {
  execFileSync(process.execPath, ['scripts/build-proxy.mjs', out], { cwd: root });
  // As in a package: ES modules, whose dependencies resolve from node_modules (this repo's).
  writeFileSync(join(work, 'package.json'), '{ "type": "module" }');
  execFileSync('ln', ['-s', join(root, 'node_modules'), join(work, 'node_modules')]);
});
after(() => rmSync(work, { recursive: true, force: true }));

/** What Workers (and browsers) cannot load: Node's modules, and the Node-only packages the proxy uses. */
const NODE_ONLY = new Set([...builtinModules, 'ioredis', 'pino', 'rate-limiter-flexible', '@hono/node-server']);
const nodeOnly = (specifier: string) => specifier.startsWith('node:') || NODE_ONLY.has(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));

/** Every module specifier of an ES module's text: static imports and exports, and dynamic imports. */
const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s*(?:[^'"()]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
export function specifiersOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[1] ?? match[2]!);
}

/** The files an entry loads (following relative imports, dynamic ones included), and the packages they import. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files].map((file) => relative(out, file)), packages: [...packages].sort() };
}

describe('the compiled proxy', { timeout: 120_000 }, () => {
  it('reads every kind of import, so a Node-only one cannot slip through the scan', () => {
    const text = 'import { a } from "./chunks/a.js";\nimport "node:fs";\nexport { b } from "pino";\nconst r = await import("ioredis");\nimport * as x from \'@hono/node-server/serve-static\';';
    assert.deepEqual(specifiersOf(text), ['./chunks/a.js', 'node:fs', 'pino', 'ioredis', '@hono/node-server/serve-static']);
    assert.deepEqual(specifiersOf(text).filter(nodeOnly), ['node:fs', 'pino', 'ioredis', '@hono/node-server/serve-static']);
  });

  it('index.js (Workers, Bun, Deno, browsers) loads nothing of Node: no node:*, ioredis, pino, rate-limiter-flexible or @hono/node-server', () => {
    const { files, packages } = importGraph(join(out, 'index.js'));
    assert.ok(files.some((file) => file.startsWith('chunks/')), `index.js imports its chunks: ${files}`);
    assert.deepEqual(packages.filter(nodeOnly), []);
    assert.deepEqual(files.filter((file) => file.startsWith('simulator/')), []);
    // The scan sees what the Node entries do import.
    assert.ok(importGraph(join(out, 'node.js')).packages.includes('ioredis'));
    assert.ok(importGraph(join(out, 'server.js')).packages.includes('node:crypto'));
  });

  it('index.js and its dependencies bundle for Workers (workerd and browser conditions, no Node built-ins)', async () => {
    const result = await build({
      entryPoints: [join(out, 'index.js')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((input) => /node_modules\/(ioredis|pino|rate-limiter-flexible|@hono\/node-server)\//.test(input)), []);
    assert.ok(inputs.some((input) => input.includes('node_modules/hono/')));
  });

  it('exports the library from index.js and, in Node, the Redis and rate-limit parts from node.js too', async () => {
    const library = await import(pathToFileURL(join(out, 'index.js')).href);
    const node = await import(pathToFileURL(join(out, 'node.js')).href);
    const libraryApi = ['DEFAULT_RATE_LIMIT_PER_MINUTE', 'DEFAULT_SESSION_MAX_TTL_SECONDS', 'UPSTREAM_DEFAULTS', 'bearerSession', 'createApp', 'createMemoryCache', 'createMetronome', 'createProxy', 'createSessionToken', 'createSessionVerifier'];
    assert.deepEqual(Object.keys(library).sort(), libraryApi);
    assert.deepEqual(Object.keys(node).sort(), [...libraryApi, 'connectRedis', 'createRateLimiter', 'createRedisCache'].sort());
    assert.equal(node.createProxy, library.createProxy, 'one module behind both entries (instanceof and caches agree)');
  });

  it('has declarations that import .js paths only, which a NodeNext consumer type-checks against without the sources', () => {
    const declarations = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.d.ts'));
    assert.ok(declarations.includes('index.d.ts') && declarations.includes('node.d.ts'));
    for (const file of declarations) {
      const relativeTs = specifiersOf(readFileSync(join(out, file), 'utf8')).filter((specifier) => specifier.startsWith('.') && /\.ts$/.test(specifier));
      assert.deepEqual(relativeTs, [], file);
    }
    writeFileSync(
      join(work, 'consumer.ts'),
      [
        "import { bearerSession, createProxy, type Identify } from './dist/proxy/index.js';",
        "import { createRateLimiter } from './dist/proxy/node.js';",
        "const identify: Identify = (c) => c.req.header('x-customer') ?? null;",
        "const proxy = createProxy({ metronome: { token: 't', baseUrl: 'https://api.metronome.com' }, identify, rateLimiter: createRateLimiter({ perMinute: 60 }) });",
        "createProxy({ metronome: { token: 't' }, identify: bearerSession({ secret: 's'.repeat(32) }), basePath: '/billing' });",
        'export const GET: (request: Request) => Response | Promise<Response> = (request) => proxy.fetch(request);',
        '// @ts-expect-error identify is required',
        "createProxy({ metronome: { token: 't' } });",
      ].join('\n'),
    );
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] };
    writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(work, 'tsconfig.json')], { encoding: 'utf8' });
  });
});
