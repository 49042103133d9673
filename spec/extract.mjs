#!/usr/bin/env node
// Extracts the parts of the Metronome OpenAPI spec this project uses.
//
//   node spec/extract.mjs [--source ../shared/metronome/openapi.json] [--out spec/metronome-openapi.json] PATH...
//
// With no PATH arguments the paths already present in the output file are re-extracted, so adding a
// path later is `node spec/extract.mjs '/v1/new/path'` plus the existing ones (they are kept).
// Every component reachable by $ref from the chosen paths is copied (transitively), as are the
// security schemes and the `Error` schema (errors are always `{message}` — see validate.ts).
//
// PATCHES below are deliberate, documented corrections where the spec's schema contradicts its own
// prose; each is applied after extraction and recorded under `x-local-patches` in the output.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let source = resolve(here, '../../shared/metronome/openapi.json');
let out = resolve(here, 'metronome-openapi.json');
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--source') source = resolve(args[++i]);
  else if (args[i] === '--out') out = resolve(args[++i]);
  else paths.push(args[i]);
}

const PATCHES = [
  {
    pointer: '#/components/schemas/PagedUsageAggregate/properties/group/additionalProperties',
    value: { type: 'string', nullable: true },
    reason:
      'getPagedUsage-v1 says "Group values may be null for events missing the group key property", ' +
      'but the schema types group map values as non-nullable string.',
  },
];

const full = JSON.parse(readFileSync(source, 'utf8'));
if (existsSync(out)) {
  const previous = JSON.parse(readFileSync(out, 'utf8'));
  for (const p of Object.keys(previous.paths ?? {})) if (!paths.includes(p)) paths.push(p);
}
if (paths.length === 0) {
  console.error('usage: node spec/extract.mjs PATH... (e.g. /v1/usage/groups)');
  process.exit(2);
}

const result = {
  openapi: full.openapi,
  info: { ...full.info, description: `Subset of the Metronome API extracted by spec/extract.mjs from ${source.split('/').slice(-3).join('/')}.` },
  servers: full.servers,
  security: full.security,
  paths: {},
  components: { securitySchemes: full.components.securitySchemes },
};

const resolvePointer = (doc, ref) =>
  ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => (node === undefined ? undefined : node[key]), doc);

const seen = new Set();
function collect(node) {
  if (Array.isArray(node)) return node.forEach(collect);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') addRef(value);
    else collect(value);
  }
}
function addRef(ref) {
  if (seen.has(ref)) return;
  if (!ref.startsWith('#/components/')) throw new Error(`unsupported $ref ${ref}`);
  seen.add(ref);
  const target = resolvePointer(full, ref);
  if (target === undefined) throw new Error(`dangling $ref ${ref}`);
  const [, , section, name] = ref.split('/');
  (result.components[section] ??= {})[name] = target;
  collect(target);
}

for (const p of paths.sort()) {
  if (!full.paths[p]) throw new Error(`path not in source spec: ${p}`);
  result.paths[p] = full.paths[p];
  collect(full.paths[p]);
}
addRef('#/components/schemas/Error');

for (const section of Object.keys(result.components)) {
  result.components[section] = Object.fromEntries(Object.entries(result.components[section]).sort(([a], [b]) => a.localeCompare(b)));
}

const applied = [];
for (const patch of PATCHES) {
  const parts = patch.pointer.slice(2).split('/');
  const parent = resolvePointer(result, '#/' + parts.slice(0, -1).join('/'));
  if (!parent) continue; // the patched component is not part of this extract
  parent[parts.at(-1)] = structuredClone(patch.value);
  applied.push({ pointer: patch.pointer, reason: patch.reason });
}
result['x-local-patches'] = applied;

writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`wrote ${out}: ${Object.keys(result.paths).length} paths, ${seen.size} components, ${applied.length} patches`);
