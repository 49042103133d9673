// The examples (examples/) install this package from examples/metronome-widgets.tgz, the tarball npm
// would publish, as a product team installs it from the registry:
//
//   npm run examples:pack   builds and packs the package to examples/metronome-widgets.tgz
//   npm run examples:lock   packs, then rewrites every example's package-lock.json
//
// A lockfile must not pin the tarball's integrity: the tarball changes with every build, and `npm ci`
// would refuse the new one (or, worse, install the old one from npm's cache). test/examples.test.ts
// checks that the lockfiles leave it out and lock the package's current dependencies.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLES = join(root, 'examples');
/** What each example's package.json names: `"metronome-widgets": "file:../metronome-widgets.tgz"`. */
export const TARBALL = 'metronome-widgets.tgz';
/** The lockfile entry of the package. */
export const LOCKED_PACKAGE = 'node_modules/metronome-widgets';

/** The examples' folders, by name. */
export const exampleNames = () =>
  readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(EXAMPLES, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();

/** `npm pack` (prepack builds dist/) into `dir`, as `metronome-widgets.tgz`; returns its path. */
export function packInto(dir) {
  // prepack's build prints to stdout too: the report is the JSON array after it.
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [report] = JSON.parse(output.slice(output.search(/^\[/m)));
  renameSync(join(dir, report.filename), join(dir, TARBALL));
  return join(dir, TARBALL);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command !== 'pack' && command !== 'lock') {
    console.error('usage: node scripts/examples.mjs pack|lock');
    process.exit(1);
  }
  console.log(`packed ${packInto(EXAMPLES)}`);
  if (command === 'lock') {
    for (const name of exampleNames()) {
      const dir = join(EXAMPLES, name);
      execFileSync('npm', ['install', '--package-lock-only', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
      const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
      delete lock.packages[LOCKED_PACKAGE].integrity;
      writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
      console.log(`locked examples/${name}`);
    }
  }
}
