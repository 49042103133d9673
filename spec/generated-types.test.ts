import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'node:test';

const here = import.meta.dirname;

it("keeps proxy/metronome/schema.d.ts what openapi-typescript generates from the spec (run `npm run generate:types` after editing the spec)", () => {
  const out = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.d.ts');
  execFileSync(resolve(here, 'node_modules/.bin/openapi-typescript'), [resolve(here, 'metronome-openapi.json'), '--output', out], { stdio: 'pipe' });
  assert.equal(readFileSync(resolve(here, '../proxy/metronome/schema.d.ts'), 'utf8'), readFileSync(out, 'utf8'));
});
