// (5) of `npm run bench`: gzip bytes (level 9) of each library's entry point, minified.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { ENTRIES } from './report.ts';

/** `options`: esbuild's, over plain minification (a page of <usage-chart> is built as dist/cdn's files are). */
export async function bundle(entry: string, options: BuildOptions = {}) {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', target: 'es2022', minify: true, logLevel: 'warning', ...options, sourcemap: false, write: false });
  return result.outputFiles[0]!.contents;
}

export async function gzipSizes() {
  const sizes: Record<string, number> = {};
  for (const e of ENTRIES) {
    const bytes = 'file' in e ? readFileSync(e.file) : await bundle(e.entry);
    sizes[e.id] = gzipSync(bytes, { level: 9 }).length;
  }
  return sizes;
}
