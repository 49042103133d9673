import { fixture, html, waitUntil } from '@open-wc/testing';
import { METRIC_IDS } from '../../simulator/index.ts';
import '../usage-chart/usage-chart.ts';
import type { UsageChart } from '../usage-chart/usage-chart.ts';
import { ENDPOINT, type InstalledProxy } from './proxy-in-page.ts';

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
/** The last seven finished UTC days: fully inside the simulator's data whatever day the tests run. */
export const RANGE = { startingOn: new Date(today - 7 * DAY).toISOString(), endingBefore: new Date(today).toISOString() };

export interface ChartOptions {
  metric?: string;
  groupKey?: string;
  startingOn?: string;
  endingBefore?: string;
  controls?: boolean;
  extra?: Partial<UsageChart>;
}

export async function chart(proxy: InstalledProxy, options: ChartOptions = {}) {
  const { metric = METRIC_IDS.cpuHours, groupKey = 'region', startingOn = RANGE.startingOn, endingBefore = RANGE.endingBefore } = options;
  const el = await fixture<UsageChart>(html`<usage-chart
    style="width: 720px"
    endpoint=${ENDPOINT}
    billable-metric-id=${metric}
    group-key=${groupKey}
    starting-on=${startingOn}
    ending-before=${endingBefore}
    locale="en-US"
    ?no-controls=${!options.controls}
    .tokenProvider=${proxy.tokenProvider}
  ></usage-chart>`);
  Object.assign(el, options.extra ?? {});
  return el;
}

export const part = (el: UsageChart, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const parts = (el: UsageChart, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
export const seriesPaths = (el: UsageChart) => parts(el, 'series') as unknown as SVGPathElement[];
export const drawn = (el: UsageChart) => waitUntil(() => seriesPaths(el).some((p) => p.getAttribute('d')), 'the chart was never drawn', { timeout: 4000 });
export const legendLabels = (el: UsageChart) => parts(el, 'legend-item').map((b) => b.textContent!.trim());
export const label = (el: UsageChart) => el.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')!;
export const usagePath = (query: string, metric: string = METRIC_IDS.cpuHours) => `/api/usage?billable_metric_id=${metric}&${query}`;
export const rangeQuery = `starting_on=${RANGE.startingOn}&ending_before=${RANGE.endingBefore}`;
