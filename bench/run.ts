/**
 * `npm run bench`: <usage-chart> against ECharts (default and `large`) and chart.js on the same data, 800×300
 * stacked bars with tooltips, in headless Chromium on this machine. Round after round (BENCH_ROUNDS, default 7),
 * each case and each library in a rotating order gets a fresh browser: it loads the library's page, traces one
 * render and the tooltip's answers to the pointer and the keyboard, and closes. Writes bench/results.json,
 * prints the medians and regenerates the README's performance section from them (bench/report.ts). With
 * BENCH_TRACES=<folder>, each session's trace is kept there (open it in DevTools' Performance panel).
 *
 *   (1) render → 2nd frame: render call to the second requestAnimationFrame after the chart is drawn (page time).
 *   (2) to pixels: render call to the frame that shows it, from the trace (bench/trace.ts says which events).
 *   (3) pointer move / arrow key → painted tooltip: the input event's time stamp to the frame showing the
 *       tooltip's new content, from the trace; after one unmeasured first showing, the median of three moves
 *       between windows (three keys: ← from the last window). n/a where the library has no keyboard access.
 *   (4) main-thread time: the renderer main thread's tasks between the render call and (2)'s frame.
 *   (5) gzip bytes of each entry point (bench/sizes.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
// @ts-expect-error: a plain .mjs build script without type declarations
import { cdnOptions, compressCdn } from '../scripts/build.mjs';
import { launchChromium, serveOnLoopback } from '../test/chromium.ts';
import { CASES, HEIGHT, type CaseName } from './data.ts';
import { LIBRARIES, median, reportTable, resultsJson, writeReadme, type Measures, type Results } from './report.ts';
import { bundle, gzipSizes } from './sizes.ts';
import { Trace, TRACE_CATEGORIES } from './trace.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const POINTER_X = [300, 420, 540, 660];
/** A folder to keep each session's trace in, to open in DevTools' Performance panel. */
const TRACES = process.env.BENCH_TRACES;
let traceCount = 0;

// Each library's page as it ships: the peers from npm, <usage-chart> as dist/cdn/usage-chart.js is built
// (templates minified, terser's pass, V8's compile hint first; scripts/build.mjs).
const ownPage = async (entry: string) => Buffer.from((await compressCdn(Buffer.from(await bundle(entry, cdnOptions)).toString())).code);
const pages = Object.fromEntries(
  await Promise.all(['usage-chart', 'echarts', 'chartjs'].map(async (p) => [p, p === 'usage-chart' ? await ownPage(`bench/pages/${p}.ts`) : Buffer.from(await bundle(`bench/pages/${p}.ts`))] as const)),
);
const { server, origin } = await serveOnLoopback((request, response) => {
  const { pathname } = new URL(request.url!, 'http://localhost');
  const script = pages[pathname.slice(1).replace(/\.js$/, '')];
  if (pathname.endsWith('.js') && script) return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  if (pathname.endsWith('.html')) {
    const src = pathname.replace(/\.html$/, '.js');
    return void response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><meta charset="utf-8"><body style="margin:0"><script type="module" src="${src}"></script>`);
  }
  response.writeHead(404).end();
});

type Answer = { inputAt: number; readyAt: number } | null;
interface Window {
  bench: { render(): Promise<{ renderAt: number; drawnAt: number; framesAt: number }>; input(): Promise<Answer>; focusKeys(): boolean };
  benchInput: Promise<Answer>;
}
declare const window: Window;

/** Dispatches one input and answers the input event's and the tooltip's change's page times (null: no change). */
async function answer(page: Page, dispatch: () => Promise<void>) {
  await page.evaluate(() => void (window.benchInput = window.bench.input()));
  await dispatch();
  return page.evaluate(() => window.benchInput);
}

let chromium = '';

async function session(library: (typeof LIBRARIES)[number], name: CaseName): Promise<Measures> {
  const browser = await launchChromium();
  try {
    chromium = await browser.version();
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 500 });
    await page.goto(`${origin}/${library.page}.html?case=${name}${library.query}`);
    await page.waitForFunction(() => 'bench' in window);
    await page.tracing.start({ categories: TRACE_CATEGORIES });
    const render = await page.evaluate(() => window.bench.render());
    const pointer: Answer[] = [];
    for (const x of POINTER_X) pointer.push(await answer(page, () => page.mouse.move(x, HEIGHT / 2)));
    await page.mouse.move(990, 490);
    const keys: Answer[] = [];
    if (await page.evaluate(() => window.bench.focusKeys())) {
      for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft'] as const) keys.push(await answer(page, () => page.keyboard.press(key)));
    }
    const json = new TextDecoder().decode(await page.tracing.stop());
    if (TRACES) writeFileSync(join(TRACES, `${library.id}-${name}-${++traceCount}.json`), json);
    const trace = new Trace(json);
    const start = trace.toTrace(render.renderAt);
    const pixels = trace.pixelsAfter(trace.toTrace(render.drawnAt));
    const latency = (answers: Answer[]) => {
      const measured = answers.slice(1);
      if (!measured.length || measured.some((a) => !a)) return null;
      return median(measured.map((a) => (trace.pixelsAfter(trace.toTrace(a!.readyAt)) - trace.toTrace(a!.inputAt)) / 1000));
    };
    return {
      frames: render.framesAt - render.renderAt,
      pixels: (pixels - start) / 1000,
      mainThread: trace.mainThreadMs(start, pixels),
      pointer: latency(pointer),
      key: latency(keys),
    };
  } finally {
    await browser.close();
  }
}

const samples: Results['samples'] = {};
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(CASES) as CaseName[]) {
      const order = LIBRARIES.map((_, i) => LIBRARIES[(i + round) % LIBRARIES.length]!);
      for (const library of order) {
        const measures = await session(library, name);
        ((samples[name] ??= {})[library.id] ??= []).push(measures);
        console.error(`round ${round + 1}/${ROUNDS} ${name} ${library.id}: ${JSON.stringify(measures, (_, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
      }
    }
  }
} finally {
  server.close();
}

const cpu = cpus();
const results: Results = {
  machine: {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: chromium.replace(/^(Headless)?Chrome\//, ''),
    date: new Date().toISOString().slice(0, 10),
  },
  rounds: ROUNDS,
  versions: Object.fromEntries(['echarts', 'chart.js'].map((p) => [p, (JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')) as { version: string }).version])),
  gzipBytes: await gzipSizes(),
  samples,
};
const json = resultsJson(results);
writeFileSync('bench/results.json', json);
// The README is made from the file as written (times rounded), as test/bench-readme.test.ts reads it.
const saved = JSON.parse(json) as Results;
console.log(reportTable(saved));
writeReadme(saved);
