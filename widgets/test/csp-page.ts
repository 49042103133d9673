import { html, render } from 'lit';
import { METRIC_IDS } from '../../simulator/index.ts';
import '../index.ts';
import { ENDPOINT, installProxy } from './proxy-in-page.ts';

/**
 * A page of every element on the screenshot tests' pinned clock, over the proxy and simulator running in
 * the page, for test/csp.test.ts: it serves this page with and without a strict Content-Security-Policy
 * and compares what each element draws. Violations are counted in `window.cspViolations`.
 */

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
Object.assign(window, { cspViolations: violations });

const PINNED = Date.parse('2026-06-17T12:00:00Z');
const DAY = 86_400_000;
const lastWeek = { from: new Date(PINNED - (PINNED % DAY) - 7 * DAY).toISOString(), to: new Date(PINNED - (PINNED % DAY)).toISOString() };
Date.now = () => PINNED;
const proxy = installProxy(undefined, new Date(PINNED));

render(
  html`<main class="light">
    <usage-chart endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} group-key="region" starting-on=${lastWeek.from} ending-before=${lastWeek.to} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-chart>
    <spend-breakdown endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></spend-breakdown>
    <balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>
    <invoice-list endpoint=${ENDPOINT} locale="en-US" refresh-interval="0" .tokenProvider=${proxy.tokenProvider}></invoice-list>
    <metronome-dashboard endpoint=${ENDPOINT} dashboard="usage" .tokenProvider=${proxy.tokenProvider}></metronome-dashboard>
    <usage-summary endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-summary>
    <usage-alerts endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-alerts>
  </main>`,
  document.body,
);
