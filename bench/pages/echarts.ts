// ECharts in the benchmark, imported as bench/entries/echarts-modular.ts measures it; `?large=1` turns on its
// `large` mode for bars (one path per series past `largeThreshold`, 400). No animation, as <usage-chart> has none.
import type { ECharts } from 'echarts/core';
import { init } from '../entries/echarts-modular.ts';
import { windowLabels } from '../data.ts';
import { runBench } from './harness.ts';

const large = new URLSearchParams(location.search).has('large');
let chart: ECharts;
let root: HTMLElement;
// ECharts appends its HTML tooltip to the chart's element, after the canvas's wrapper.
const tip = () => root.children[1] as HTMLElement | undefined;

runBench({
  mount(host, data) {
    root = host;
    chart = init(host, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: windowLabels(data) },
      yAxis: { type: 'value' },
      series: data.groups.map((name, k) => ({ type: 'bar', name, stack: 'total', data: data.values[k], large })),
    });
  },
  // setOption draws on the canvas before it returns (no lazyUpdate).
  drawn: () => Boolean(chart),
  tooltip: () => {
    const t = tip();
    return t && t.style.display !== 'none' && t.style.visibility !== 'hidden' ? t.innerHTML : '';
  },
  watch(check) {
    new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  },
});
