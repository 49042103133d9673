// What `npm run bench` reports: medians of bench/results.json, their ratios and the targets, as the
// Markdown table it prints and the README's performance section (between the markers below) shows.
import { readFileSync, writeFileSync } from 'node:fs';
import { CASES, type CaseName } from './data.ts';

export const LIBRARIES = [
  { id: 'usage-chart', label: '`<usage-chart>`', page: 'usage-chart', query: '' },
  { id: 'echarts', label: 'ECharts', page: 'echarts', query: '' },
  { id: 'echarts-large', label: 'ECharts `large`', page: 'echarts', query: '&large=1' },
  { id: 'chartjs', label: 'chart.js', page: 'chartjs', query: '' },
] as const;
type LibraryId = (typeof LIBRARIES)[number]['id'];

/** What is weighed: the project's CDN files as `npm run build` writes them, the peers bundled by esbuild. */
export const ENTRIES = [
  { id: 'usage-chart', label: '`<usage-chart>` alone (dist/cdn/usage-chart.js)', file: 'dist/cdn/usage-chart.js' },
  { id: 'widgets', label: 'every element (dist/cdn/widgets.js)', file: 'dist/cdn/widgets.js' },
  { id: 'echarts-modular', label: 'ECharts core + bar + grid + tooltip + canvas', entry: 'bench/entries/echarts-modular.ts' },
  { id: 'echarts-full', label: 'ECharts, all of it', entry: 'bench/entries/echarts-full.ts' },
  { id: 'chartjs-bar', label: 'chart.js, bar registration', entry: 'bench/entries/chartjs-bar.ts' },
] as const;

/** One session's figures, in milliseconds; null where the library has no such input. */
export interface Measures {
  frames: number;
  pixels: number;
  mainThread: number;
  pointer: number | null;
  key: number | null;
}

export interface Results {
  machine: { cpu: string; cores: number; memoryGB: number; node: string; chromium: string; date: string };
  rounds: number;
  versions: Record<string, string>;
  gzipBytes: Record<string, number>;
  samples: Partial<Record<CaseName, Partial<Record<LibraryId, Measures[]>>>>;
}

const MEASURES: [keyof Measures, string][] = [
  ['frames', 'render → 2nd frame (rAF)'],
  ['pixels', 'render → pixels (trace)'],
  ['mainThread', 'main-thread time to pixels'],
  ['pointer', 'pointer move → painted tooltip'],
  ['key', 'arrow key → painted tooltip'],
];

export const START = '<!-- bench:start (generated from bench/results.json by `npm run bench`, or `node --import tsx bench/readme.ts`; do not edit) -->';
export const END = '<!-- bench:end -->';

/** bench/results.json's text: times to 0.01 ms, one session's figures a line. */
export function resultsJson(results: Results) {
  const json = JSON.stringify(results, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v), 2);
  return `${json.replace(/\{\n\s+("frames"[^{}]*?)\n\s+\}/g, (_, body: string) => `{ ${body.replace(/\n\s+/g, ' ')} }`)}\n`;
}

/** The median of the finite values; NaN when there are none. */
export function median(values: (number | null)[]) {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianOf(results: Results, name: CaseName, library: LibraryId, measure: keyof Measures) {
  return median((results.samples[name]?.[library] ?? []).map((m) => m[measure]));
}

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : 'n/a');
const ratio = (own: number, other: number) => (Number.isFinite(own) && Number.isFinite(other) ? `${(own / other).toFixed(2)}×` : '');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The medians, each peer's with `<usage-chart>`'s figure over it: 0.5× means half the peer's time. */
export function reportTable(results: Results) {
  const rows = [
    `| case | measure (median) | ${LIBRARIES.map((l) => l.label).join(' | ')} |`,
    `| --- | --- | ${LIBRARIES.map(() => '---:').join(' | ')} |`,
  ];
  for (const name of Object.keys(CASES) as CaseName[]) {
    for (const [measure, label] of MEASURES) {
      const own = medianOf(results, name, 'usage-chart', measure);
      const cells = LIBRARIES.map((l) => {
        const value = medianOf(results, name, l.id, measure);
        const r = l.id === 'usage-chart' ? '' : ratio(own, value);
        return r ? `${ms(value)} (${r})` : ms(value);
      });
      rows.push(`| ${CASES[name].label} | ${label} | ${cells.join(' | ')} |`);
    }
  }
  return rows.join('\n');
}

/** The targets: benchmark ratios of one run, not tests. */
function targets(results: Results) {
  const get = (name: CaseName, library: LibraryId, measure: keyof Measures) => medianOf(results, name, library, measure);
  const line = (ok: boolean, text: string) => `- ${ok ? '✅' : '❌'} ${text}`;
  const pixels = get('large', 'usage-chart', 'pixels') / get('large', 'echarts-large', 'pixels');
  const main = get('small', 'usage-chart', 'mainThread') / get('small', 'chartjs', 'mainThread');
  const pointer = get('large', 'usage-chart', 'pointer');
  const pointerRatio = pointer / get('large', 'echarts-large', 'pointer');
  const key = get('large', 'usage-chart', 'key');
  const widgets = results.gzipBytes['widgets']!;
  return [
    line(pixels <= 0.5, `large case, render → pixels ≤ 0.5× ECharts \`large\`: ${pixels.toFixed(2)}×`),
    line(main <= 0.5, `small case, main-thread time ≤ 0.5× chart.js: ${main.toFixed(2)}×`),
    line(pointer <= 20 && pointerRatio <= 0.3, `large case, pointer move → painted tooltip ≤ 20 ms and ≤ 0.3× ECharts \`large\`: ${ms(pointer)}, ${pointerRatio.toFixed(2)}×`),
    line(key <= 20, `large case, arrow key → painted tooltip ≤ 20 ms: ${ms(key)} (neither peer moves its tooltip with the keyboard)`),
    line(widgets <= 40 * 1024, `every element ≤ 40 KB gzip: ${kb(widgets)}`),
  ].join('\n');
}

/** The README's performance section, from `results` alone (test/bench-readme.test.ts keeps the two equal). */
export function performanceSection(results: Results) {
  const m = results.machine;
  const versions = Object.entries(results.versions).map(([p, v]) => `${p} ${v}`).join(', ');
  return [
    START,
    `Measured by \`npm run bench\` on ${m.date}: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, headless Chromium ${m.chromium}`,
    `(software rendering), ${versions}; medians of ${results.rounds} rounds, a fresh browser per library, case and round.`,
    `800×300 stacked bars, tooltips on, no animation. A session's pointer and key figures are the median of three moves between`,
    `windows after a first showing. In brackets, \`<usage-chart>\`'s median over that library's: 0.5× is half its time.`,
    '',
    reportTable(results),
    '',
    '| entry point | gzip |',
    '| --- | ---: |',
    ...ENTRIES.map((e) => `| ${e.label} | ${kb(results.gzipBytes[e.id]!)} |`),
    '',
    'The issue\'s targets, as ratios of this run:',
    '',
    targets(results),
    END,
  ].join('\n');
}

/** Replaces the README's section between START and END with `results`' section. */
export function withSection(readme: string, results: Results) {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error('README.md has no bench:start … bench:end markers');
  return readme.slice(0, from) + performanceSection(results) + readme.slice(to + END.length);
}

export function writeReadme(results: Results, path = 'README.md') {
  writeFileSync(path, withSection(readFileSync(path, 'utf8'), results));
}
