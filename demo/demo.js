// The demo page: lists the simulator's customers, signs in as one through the dev-only session route,
// and drives the widgets' attributes and the theme's CSS custom properties from the form controls.
const $ = (id) => document.getElementById(id);
const usage = $('usage');
const status = $('demo-status');
let customers = [];

function option(value, label, selected = false) {
  const el = new Option(label, value, selected, selected);
  return el;
}

async function json(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

/** A token provider per customer: the widget calls it on first use and again after a 401. */
function tokenProviderFor(customerId) {
  return () =>
    fetch(`/dev/session?customer_id=${encodeURIComponent(customerId)}`, { method: 'POST' })
      .then(json)
      .then((body) => body.token);
}

function showCustomer(customer) {
  const metrics = customer.billable_metrics;
  $('metric').replaceChildren(...metrics.map((m, i) => option(m.id, m.name, i === defaultMetricIndex(metrics))));
  $('metric').disabled = metrics.length === 0;
  usage.tokenProvider = tokenProviderFor(customer.id);
  showMetric();
}

/** Prefer a metric that can be grouped, so the first view shows stacked bars. */
function defaultMetricIndex(metrics) {
  return Math.max(0, metrics.findIndex((m) => m.group_keys.length > 0));
}

function showMetric() {
  const customer = customers.find((c) => c.id === $('customer').value);
  const metric = customer.billable_metrics.find((m) => m.id === $('metric').value);
  const keys = metric?.group_keys ?? [];
  $('group-key').replaceChildren(option('', 'Nothing (totals)'), ...keys.map((k, i) => option(k.join(','), k.join(' × '), i === 0)));
  $('group-key').disabled = keys.length === 0;
  usage.billableMetricId = metric?.id ?? '';
  usage.groupKey = $('group-key').value;
}

async function start() {
  try {
    customers = (await fetch('/dev/customers').then(json)).customers;
  } catch (error) {
    status.textContent = `Could not load the demo customers: ${error.message}`;
    return;
  }
  $('customer').replaceChildren(...customers.map((c, i) => option(c.id, c.name, i === 0)));
  $('customer').disabled = false;
  $('customer').addEventListener('change', () => showCustomer(customers.find((c) => c.id === $('customer').value)));
  $('metric').addEventListener('change', showMetric);
  $('group-key').addEventListener('change', () => (usage.groupKey = $('group-key').value));
  $('window-size').addEventListener('change', () => {
    // Hourly windows over 30 days are 720 bars; show the last 3 days instead.
    const hourly = $('window-size').value === 'hour';
    const end = new Date(Math.floor(Date.now() / 86_400_000 + 1) * 86_400_000);
    usage.startingOn = hourly ? new Date(end - 3 * 86_400_000).toISOString() : '';
    usage.endingBefore = hourly ? end.toISOString() : '';
    usage.windowSize = $('window-size').value;
  });
  showCustomer(customers[0]);
}

function applyTheme(form) {
  const root = document.documentElement;
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.name === 'dark') root.classList.toggle('dark', input.checked);
    else if (input.name === 'font-family') root.style.fontFamily = input.value;
    else root.style.setProperty(input.name, input.value + (input.dataset.unit ?? ''));
  }
}

const theme = $('theme');
const GRID = { light: '#e5e7eb', dark: '#374151' };
theme.elements.dark.addEventListener('change', (event) => {
  // Light gridlines glare on a dark page: swap the default, keep a colour the designer picked.
  const grid = theme.elements['--mw-grid-color'];
  const [from, to] = event.target.checked ? [GRID.light, GRID.dark] : [GRID.dark, GRID.light];
  if (grid.value === from) grid.value = to;
});
theme.addEventListener('input', () => applyTheme(theme));
theme.addEventListener('reset', () => setTimeout(() => applyTheme(theme)));
start();
