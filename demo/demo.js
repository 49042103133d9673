// The demo page: lists the simulator's customers, signs in as one through the dev-only session route,
// and drives the theme's CSS custom properties from the form. The widget's own controls do the rest.
const $ = (id) => document.getElementById(id);
const usage = $('usage');
const spend = $('spend');
const balances = $('balances');
// Hosts open their own invoice view; the demo only says which invoice was chosen.
balances.addEventListener('mw-invoice-select', (event) => ($('invoice-choice').textContent = `Invoice ${event.invoiceId} chosen.`));
const status = $('demo-status');
let customers = [];

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

/** Start on a metric that can be grouped, grouped by its first key, so the first view shows stacked bars. */
function showCustomer(customer) {
  const metric = customer.billable_metrics.find((m) => m.group_keys.length > 0) ?? customer.billable_metrics[0];
  Object.assign(usage, {
    billableMetricId: metric?.id ?? '',
    groupKey: metric?.group_keys[0]?.join(',') ?? '',
    groupFilter: '',
    tokenProvider: tokenProviderFor(customer.id),
  });
  Object.assign(spend, { groupBy: 'product', creditTypeId: '', tokenProvider: usage.tokenProvider });
  balances.tokenProvider = usage.tokenProvider;
  $('invoices').tokenProvider = usage.tokenProvider;
  $('dashboard').tokenProvider = usage.tokenProvider;
}

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
/** Defaults that glare on a dark page are swapped with the page; colours the designer picked stay. */
const DARK_SWAPS = { '--mw-grid-color': ['#e5e7eb', '#374151'], '--mw-surface-color': ['#ffffff', '#1f2937'], '--mw-border-color': ['#d1d5db', '#4b5563'] };
theme.elements.dark.addEventListener('change', (event) => {
  for (const [name, [light, dark]] of Object.entries(DARK_SWAPS)) {
    const input = theme.elements[name];
    const [from, to] = event.target.checked ? [light, dark] : [dark, light];
    if (input.value === from) input.value = to;
  }
});
theme.addEventListener('input', () => applyTheme(theme));
theme.addEventListener('reset', () => setTimeout(() => applyTheme(theme)));
start();
