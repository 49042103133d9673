import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * Which folder may import which. The widgets ship to browsers and must not carry the proxy (it holds
 * the token) or the simulator; the simulator stands in for Metronome and must not lean on the proxy
 * it is testing; both sides meet only in contract/. The simulator reads contract/ as well, for the
 * money rule (contract/money.ts): its hosted dashboard page and invoice PDFs stand in for Metronome's,
 * which show an invoice's amounts as the widgets do, so both must round them by the same rule. Tests (`*.test.ts` and `test/` folders) are exempt: widget tests run the real proxy and
 * simulator inside the page.
 */
const ALLOWED: Record<string, string[]> = {
  contract: ['contract'],
  widgets: ['widgets', 'contract'],
  simulator: ['simulator', 'spec', 'contract'],
  proxy: ['proxy', 'contract'],
};
/** The one way into the simulator from the proxy: `npm start` runs on it when no token is set. */
const EXCEPTIONS = new Set(['proxy/server.ts -> simulator']);

const root = resolve(import.meta.dirname, '..');
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/gm;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes('node_modules') && !/\.test\.ts$/.test(file) && !file.includes('/test/'));
}

/** The repo folders a file imports from (relative specifiers only; packages are not edges). */
export function importedFolders(file: string, text = readFileSync(join(root, file), 'utf8')): string[] {
  const folders: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2]!;
    if (!specifier.startsWith('.')) continue;
    folders.push(relative(root, resolve(root, dirname(file), specifier)).split('/')[0]!);
  }
  return folders;
}

describe('import edges between the top-level folders', () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only from ${allowed.join(', ')}`, () => {
      const files = sourceFiles(folder);
      assert.ok(files.length > 0, `${folder}/ has source files`);
      const wrong = files.flatMap((file) =>
        importedFolders(file)
          .filter((target) => !allowed.includes(target) && !EXCEPTIONS.has(`${file} -> ${target}`))
          .map((target) => `${file} -> ${target}/`),
      );
      assert.deepEqual(wrong, []);
    });
  }

  it('sees every kind of import, so a forbidden one cannot slip through', () => {
    const text = [
      "import { a } from '../proxy/app.ts';",
      "import type { B } from '../simulator/index.ts';",
      "export * from '../contract/index.ts';",
      "const m = await import('../spec/validate.ts');",
      "import '../demo/side-effect.ts';",
      "import { lit } from 'lit';",
    ].join('\n');
    assert.deepEqual(importedFolders('widgets/x.ts', text).sort(), ['contract', 'demo', 'proxy', 'simulator', 'spec']);
  });
});
