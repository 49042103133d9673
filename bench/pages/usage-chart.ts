// <usage-chart> in the benchmark: the proxy is stood in for by a ready answer (its JSON text made before the
// render call, as a proxy's bytes would arrive), so the figures are the element's own work from the JSON on
// (parsing included), as in a page whose proxy answers instantly.
import '../../widgets/usage-chart/usage-chart.ts';
import { HEIGHT, WIDTH } from '../data.ts';
import { runBench } from './harness.ts';

let el: HTMLElement;
const root = () => el.shadowRoot!;

runBench({
  prepare(data) {
    const body = JSON.stringify(data.usage);
    window.fetch = async () => new Response(body, { headers: { 'content-type': 'application/json' } });
  },
  mount(host, data) {
    el = document.createElement('usage-chart');
    Object.assign(el, { billableMetricId: 'm', groupKey: 'group', maxGroups: data.groups.length, startingOn: 'a', endingBefore: 'b', noControls: true, noLegend: true, tokenProvider: () => 't' });
    el.style.cssText = `display:block;width:${WIDTH}px;--usage-chart-height:${HEIGHT}px`;
    host.append(el);
  },
  drawn: () => [...root().querySelectorAll('path[part="series"]')].some((p) => p.getAttribute('d')),
  tooltip: () => root().querySelector('[part="tooltip"]')?.textContent ?? '',
  watch(check) {
    new MutationObserver(check).observe(root(), { subtree: true, childList: true, attributes: true, characterData: true });
  },
  keyTarget: () => root().querySelector<HTMLElement>('[part="plot"]')!,
});
