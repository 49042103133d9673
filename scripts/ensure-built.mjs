// `npm start` runs the compiled server (dist/proxy/server.js); this runs first and builds dist/ when it
// is missing (a fresh clone: `npm install && npm start`), or older than the sources while the build
// tools are installed (a checkout someone edits). After `npm ci --omit=dev` there are no build tools and
// dist/ is run as it is, so production needs no devDependencies.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER = 'dist/proxy/server.js';
/** What the build reads: a file here newer than the server means dist/ is out of date. */
const SOURCES = ['widgets', 'proxy', 'simulator', 'contract', 'spec', 'scripts'];

/** Whether esbuild (a devDependency) can be loaded from `root`. */
export function buildToolsAt(root) {
  try {
    createRequire(resolve(root, 'package.json')).resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

/** The newest modification time of the build's inputs under `root` (tests and dependencies left out), 0 when there are none. */
function newestSource(root) {
  let newest = 0;
  for (const folder of SOURCES) {
    let entries;
    try {
      entries = readdirSync(join(root, folder), { recursive: true, withFileTypes: true });
    } catch {
      continue; // not in this copy (an installed package has no sources)
    }
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      if (!entry.isFile() || /node_modules|\/test\/|\.test\.ts$/.test(path)) continue;
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Why dist/ must be built before starting (`missing` or `stale`), or null to start it as it is. */
export function needsBuild(root = '.', canBuild = buildToolsAt(root)) {
  const built = statSync(join(root, SERVER), { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return 'missing';
  return canBuild && newestSource(root) > built ? 'stale' : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reason = needsBuild();
  if (reason === 'missing' && !buildToolsAt('.')) {
    console.error(`proxy: ${SERVER} is missing and the build tools are not installed: run \`npm ci && npm run build\` first (after which \`npm ci --omit=dev\` is enough to run it).`);
    process.exit(1);
  }
  if (reason) {
    console.log(reason === 'missing' ? 'Building dist/ (first start)…' : 'Sources changed since the last build: building dist/…');
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
}
