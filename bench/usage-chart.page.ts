// Runs inside headless Chromium (see scripts/bench.mjs): draws <usage-chart> from synthetic data and
// reports the time from inserting the element to the first frame painted with the chart in it.
import '../widgets/usage-chart/usage-chart.ts';
import type { UsageResponse } from '../contract/index.ts';

const HOUR = 3_600_000;

function synthetic(windowCount: number, groupCount: number, windowMs: number): UsageResponse {
  const start = Date.UTC(2026, 0, 1);
  const groups = Array.from({ length: groupCount }, (_, g) => `group-${g + 1}`);
  const windows = Array.from({ length: windowCount }, (_, i) => {
    const values = Object.fromEntries(groups.map((g, k) => [g, Math.round(100 + 80 * Math.sin(i / 7 + k) + 40 * ((i * (k + 3)) % 5))]));
    return {
      starting_on: new Date(start + i * windowMs).toISOString(),
      ending_before: new Date(start + (i + 1) * windowMs).toISOString(),
      values,
      total: Object.values(values).reduce((a, b) => a + b, 0),
    };
  });
  return {
    billable_metric: { id: '00000000-0000-4000-8000-000000000000', name: 'Requests' },
    window_size: windowMs === HOUR ? 'hour' : 'day',
    starting_on: windows[0]!.starting_on,
    ending_before: windows.at(-1)!.ending_before,
    group_key: ['group'],
    groups,
    windows,
    total: windows.reduce((a, w) => a + w.total, 0),
  };
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function runCase(windowCount: number, groupCount: number, windowMs: number): Promise<number> {
  const body = JSON.stringify(synthetic(windowCount, groupCount, windowMs));
  // The proxy is stood in for by a ready answer, so the figure is the widget's own work.
  window.fetch = async () => new Response(body, { headers: { 'content-type': 'application/json' } });
  document.body.replaceChildren();
  await nextFrame();
  const t0 = performance.now();
  const el = document.createElement('usage-chart');
  Object.assign(el, { billableMetricId: 'm', groupKey: 'group', maxGroups: groupCount, startingOn: 'a', endingBefore: 'b', noControls: true, tokenProvider: () => 't' });
  el.style.width = '1200px';
  document.body.append(el);
  const drawn = () => [...(el.shadowRoot?.querySelectorAll('path[part="series"]') ?? [])].some((p) => p.getAttribute('d'));
  while (!drawn()) await new Promise((r) => setTimeout(r, 0));
  await nextFrame();
  return performance.now() - t0;
}

Object.assign(window, { runCase, HOUR });
