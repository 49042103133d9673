// chart.js in the benchmark, imported as bench/entries/chartjs-bar.ts measures it, with its defaults for bars
// and tooltips in index mode (every group of the window under the pointer). No animation, as <usage-chart> has none.
import { Chart } from '../entries/chartjs-bar.ts';
import { HEIGHT, WIDTH, windowLabels } from '../data.ts';
import { runBench } from './harness.ts';

let chart: Chart<'bar'>;
let afterDraw = () => {};

runBench({
  mount(host, data) {
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    host.append(canvas);
    chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: windowLabels(data), datasets: data.groups.map((label, k) => ({ label, data: data.values[k]! })) },
      options: {
        animation: false,
        responsive: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true }, y: { stacked: true } },
      },
      plugins: [{ id: 'bench', afterDraw: () => afterDraw() }],
    });
  },
  // Without animation the constructor draws before it returns.
  drawn: () => Boolean(chart),
  tooltip: () => (chart.tooltip && chart.tooltip.opacity > 0 ? String(chart.tooltip.dataPoints[0]?.dataIndex) : ''),
  watch(check) {
    afterDraw = check;
  },
});
