// npm run bench: time from render to painted frame of <usage-chart> in headless Chromium, for
// 31 days × 3 groups and 90 days of hours × 10 groups; the median of several runs of each.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';

const RUNS = 9;
const CASES = [
  { name: '31 days × 3 groups', windows: 31, groups: 3, windowMs: 86_400_000 },
  { name: '2,160 hours × 10 groups', windows: 2160, groups: 10, windowMs: 3_600_000 },
];

const dir = mkdtempSync(join(tmpdir(), 'widgets-bench-'));
await build({ entryPoints: ['bench/usage-chart.page.ts'], outfile: join(dir, 'page.js'), bundle: true, format: 'esm', target: 'es2022', minify: true, logLevel: 'warning' });
writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><body style="margin:0"></body><script type="module" src="page.js"></script>');
const server = createServer((req, res) => {
  const file = req.url === '/' ? 'index.html' : req.url.slice(1);
  let body;
  try {
    body = readFileSync(join(dir, file));
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => 'runCase' in window);
  console.log(`<usage-chart>, render to painted frame, median of ${RUNS} runs after one warm-up:`);
  for (const c of CASES) {
    const times = [];
    for (let run = 0; run <= RUNS; run++) {
      const ms = await page.evaluate((w, g, s) => window.runCase(w, g, s), c.windows, c.groups, c.windowMs);
      if (run > 0) times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${c.name.padEnd(26)} ${times[Math.floor(times.length / 2)].toFixed(1).padStart(7)} ms   (min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)})`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
