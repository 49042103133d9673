// The demo page: lists the simulator's customers, signs in as one through the dev-only session route,
// and sets up the theme panel (theme-panel.js). The widgets' own controls do the rest.
import { COLOR_TOKENS, configure, formatMoney } from '/dist/cdn/widgets.js';
import { setUpCopy } from './copy.js';
import { GROUP_KEY_OVERRIDES } from './display-names.js';
import { createThemePanel } from './theme-panel.js';

const $ = (id) => document.getElementById(id);
const usage = $('usage');
const spend = $('spend');
const summary = $('summary');
// Readable names for group keys and values, wherever a widget shows them.
for (const element of [usage, $('dashboard')]) element.groupKeyOverrides = GROUP_KEY_OVERRIDES;
const status = $('demo-status');
let customers = [];
let current;

async function json(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

/** A token provider per customer: the widgets call it on first use, before the token expires and after a 401. */
function tokenProviderFor(customerId) {
  return () =>
    fetch(`/dev/session?customer_id=${encodeURIComponent(customerId)}`, { method: 'POST' })
      .then(json)
      .then((body) => body.token);
}

/**
 * One configure() line gives every widget on the page the customer's session. Start on a metric that
 * can be grouped, grouped by its first key, so the first view shows stacked bars. The first customer
 * the proxy lists (the simulator's first, Hooli AI) is the one shown on arrival.
 */
function showCustomer(customer) {
  current = customer;
  configure({ tokenProvider: tokenProviderFor(customer.id) });
  chartMetric(customer.billable_metrics.find((m) => m.group_keys.length > 0) ?? customer.billable_metrics[0]);
  Object.assign(spend, { groupBy: 'product', creditTypeId: '' });
}

/** Points the usage chart at a metric, grouped by its first key, and shows it chosen in the summary. */
function chartMetric(metric) {
  Object.assign(usage, { billableMetricId: metric?.id ?? '', groupKey: metric?.group_keys[0]?.join(',') ?? '', groupFilter: '' });
  summary.billableMetricId = metric?.id ?? '';
}

// A metric chosen in the summary is charted; one chosen in the chart's own picker is shown chosen in the summary.
summary.addEventListener('mw-metric-select', (event) => {
  chartMetric(current?.billable_metrics.find((m) => m.id === event.billableMetricId));
  usage.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
});
usage.addEventListener('mw-change', (event) => {
  if (event.settings.billableMetricId !== undefined) summary.billableMetricId = event.settings.billableMetricId;
});

async function start() {
  try {
    customers = (await fetch('/dev/customers').then(json)).customers;
  } catch (error) {
    status.textContent = `Could not load the demo customers: ${error.message}`;
    return;
  }
  $('customer').replaceChildren(...customers.map((c, i) => new Option(c.name, c.id, i === 0, i === 0)));
  $('customer').disabled = false;
  $('customer').addEventListener('change', () => showCustomer(customers.find((c) => c.id === $('customer').value)));
  showCustomer(customers[0]);
}

start();

// The ledger's "Buy more" asks the page to sell: this page's own checkout is a dialog that shows the
// suggested amount by the widgets' money rule and charges nothing.
$('balances').addEventListener('mw-purchase-request', (event) => {
  const { commit, creditType, suggestedAmount } = event;
  $('checkout-title').textContent = `Buy more ${commit.name}`;
  $('checkout-suggestion').textContent =
    suggestedAmount === null
      ? 'Not used in the last 30 days, so there is no amount to suggest.'
      : suggestedAmount === 0
        ? 'What is left, and what is still to come, lasts at the last 30 days\' rate; nothing more is needed.'
        : `Suggested: ${formatMoney(suggestedAmount, creditType, document.documentElement.lang)}, enough for the rest of its schedule at the last 30 days' rate.`;
  $('checkout').showModal();
});

// The invoice list's "Pay now" links to #pay-<invoice id> (its pay-url): a stand-in for the host's checkout.
const payDialog = $('pay-dialog');
const openCheckout = () => {
  const invoiceId = /^#pay-(.+)$/.exec(location.hash)?.[1];
  if (!invoiceId) return;
  $('pay-invoice').textContent = decodeURIComponent(invoiceId);
  if (!payDialog.open) payDialog.showModal();
};
window.addEventListener('hashchange', openCheckout);
// Closing forgets the hash, so that the same invoice's link opens the dialog again.
payDialog.addEventListener('close', () => history.replaceState(null, '', location.pathname + location.search));
openCheckout();

// Metronome hosts three dashboards; the element asks for a new URL when `dashboard` changes.
$('dashboard-kind').addEventListener('change', (event) => ($('dashboard').dashboard = event.target.value));

// The hosted dashboard cannot see custom properties change: ask it for a new URL once the edits settle.
let refreshTimer;
const refreshDashboard = () => {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => $('dashboard').refresh?.(), 400);
};

const panel = createThemePanel({
  form: $('theme'),
  tokens: COLOR_TOKENS,
  target: document.documentElement,
  report: $('contrast-report'),
  presetsBox: $('presets'),
  onChange: refreshDashboard,
});
setUpCopy({
  cssButton: $('copy-css'),
  jsonButton: $('copy-json'),
  output: $('copy-output'),
  label: $('copy-label'),
  status: $('copy-status'),
  getState: panel.state,
  tokens: COLOR_TOKENS,
});
