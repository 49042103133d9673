// The hosted dashboard pages behind POST /v1/dashboards/getEmbeddableUrl: plain server-rendered
// HTML over the customer's data, every interpolated text escaped, colours from color_overrides.
import type { CustomerDef } from './catalog.ts';
import { dataClock, hourIndex, sumUsage } from './data.ts';
import { customerInvoices } from './billing/invoices.ts';
import { formatAmount, formatQuantity } from './billing/money.ts';
import { contractBooks, currentPeriod, type Period, seriesByGroup } from './billing/statements.ts';
import { contractsOf, findProduct } from './billing/world.ts';

export type DashboardKind = 'invoices' | 'usage' | 'commits_and_credits';

export interface GroupKeyOverride {
  group_key_name: string;
  display_name?: string;
  value_display_names?: Record<string, unknown>;
}

/** Everything the signed URL carries besides the customer. */
export interface DashboardConfig {
  dashboard: DashboardKind;
  options: Record<string, string>;
  colors: Record<string, string>;
  group_key_overrides: GroupKeyOverride[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

const day = (date: Date) => date.toISOString().slice(0, 10);
const periodText = (p: Period) => `${day(p.start)} – ${day(new Date(p.end.getTime() - 1))}`;
const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/** A group value as bm_group_key_overrides names it, else as it is ('(none)' for events without the property). */
function valueName(config: DashboardConfig, key: string, value: string | null): string {
  if (value === null) return '(none)';
  const names = config.group_key_overrides.find((o) => o.group_key_name === key)?.value_display_names;
  const shown = names && Object.hasOwn(names, value) ? names[value] : undefined;
  return typeof shown === 'string' ? shown : value;
}

function usageSection(customer: CustomerDef, config: DashboardConfig, seed: number, now: Date): string {
  const period = contractsOf(customer.id, now).map((k) => currentPeriod(k, now)).find((p) => p !== null);
  if (!period) return '<p class="empty">No current billing period.</p>';
  const clock = dataClock(seed, now);
  const [from, to] = [hourIndex(period.start.getTime()), hourIndex(period.end.getTime())];
  const sections = customer.metrics.filter((m) => m.archived_at === undefined).map((metric) => {
    const total = sumUsage(clock, metric, metric.series.map((_, i) => i), from, to);
    // A metric's first single-key group key is broken down, named as bm_group_key_overrides says.
    const key = metric.group_keys.find((k) => k.length === 1)?.[0];
    let breakdown = '';
    if (key !== undefined) {
      const override = config.group_key_overrides.find((o) => o.group_key_name === key);
      const rows = seriesByGroup(metric, [key]).map(({ group, series }) => [valueName(config, key, group[key] ?? null), plain.format(sumUsage(clock, metric, series, from, to))]);
      breakdown = table([override?.display_name ?? key, 'Usage'], rows);
    }
    return `<section class="metric"><h2>${escapeHtml(metric.name)}</h2><p class="total">${escapeHtml(plain.format(total))}</p>${breakdown}</section>`;
  });
  return `<p class="period">Current period: ${escapeHtml(periodText(period))}</p>${sections.join('')}`;
}

/** The usage invoices, newest period first, a voided one beside its reissue unless hide_voided_invoices. */
function invoicesSection(customer: CustomerDef, config: DashboardConfig, seed: number, now: Date): string {
  const showZero = config.options['show_zero_usage_line_items'] === 'true';
  const hideVoided = config.options['hide_voided_invoices'] === 'true';
  const invoices = customerInvoices(customer.id, dataClock(seed, now), now)
    .flatMap(({ statement, status }) => (statement && !(hideVoided && status === 'VOID') ? [{ s: statement, status }] : []))
    .sort((a, b) => b.s.period.start.getTime() - a.s.period.start.getTime());
  if (invoices.length === 0) return '<p class="empty">No invoices yet.</p>';
  return invoices
    .map(({ s, status }) => {
      const lines = s.charges
        .filter((line) => showZero || line.quantity !== 0)
        .map((line) => {
          const name = findProduct(line.product_id)?.name ?? line.product_id;
          const detail = line.group ? Object.entries(line.group).map(([key, value]) => valueName(config, key, value)).join(' / ') : line.tier ? `tier ${line.tier.level}` : '';
          return [detail ? `${name} (${detail})` : name, formatQuantity(line.quantity), formatAmount(line.total, s.credit_type)];
        });
      return `<section class="invoice" data-status="${escapeHtml(status)}"><h2>${escapeHtml(periodText(s.period))}</h2>` +
        `<p><span class="status">${escapeHtml(status)}</span> <span class="total">${escapeHtml(formatAmount(s.total, s.credit_type))}</span></p>` +
        `${table(['Line item', 'Quantity', 'Amount'], lines)}</section>`;
    })
    .join('');
}

function balancesSection(customer: CustomerDef, seed: number, now: Date): string {
  const commits = contractsOf(customer.id, now).flatMap((k) => contractBooks(k, dataClock(seed, now), now).commits);
  if (commits.length === 0) return '<p class="empty">No commits or credits.</p>';
  const rows = commits.map(({ commit, balance }) => {
    const started = commit.segments.filter((s) => s.starting_at <= now).reduce((sum, s) => sum + s.amount * 1_000_000, 0);
    const first = commit.segments[0]!;
    const last = commit.segments.at(-1)!;
    return [
      commit.name ?? findProduct(commit.product_id)?.name ?? commit.id,
      commit.type === 'CREDIT' ? 'Credit' : commit.type === 'PREPAID' ? 'Prepaid commit' : 'Postpaid commit',
      periodText({ start: first.starting_at, end: last.ending_before }),
      formatAmount(started, commit.credit_type),
      formatAmount(balance, commit.credit_type),
    ];
  });
  return table(['Name', 'Type', 'Access', 'Granted', 'Remaining'], rows);
}

const TITLES: Record<DashboardKind, string> = { invoices: 'Invoices', usage: 'Usage', commits_and_credits: 'Commits and credits' };

/** Defaults of the colours color_overrides may replace (Metronome's names). */
const COLOR_DEFAULTS: Record<string, string> = {
  Gray_dark: '#1f2937', Gray_medium: '#6b7280', Gray_light: '#d1d5db', Gray_extralight: '#f3f4f6', White: '#ffffff',
  Primary_medium: '#4f46e5', Primary_light: '#e0e7ff', Primary_green: '#15803d', Primary_red: '#b91c1c',
  Progress_bar: '#4f46e5', Progress_bar_background: '#e5e7eb', UsageLine_0: '#4f46e5',
};

export function renderDashboard(customer: CustomerDef, config: DashboardConfig, seed: number, now: Date): string {
  // Colours were checked to be hex values when the URL was issued, so they are safe inside CSS.
  const colors = { ...COLOR_DEFAULTS, ...config.colors };
  const vars = Object.entries(colors).map(([name, value]) => `--${name}: ${value};`).join(' ');
  const body =
    config.dashboard === 'usage' ? usageSection(customer, config, seed, now)
    : config.dashboard === 'invoices' ? invoicesSection(customer, config, seed, now)
    : balancesSection(customer, seed, now);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`${TITLES[config.dashboard]} · ${customer.name}`)}</title>
<style>:root { ${vars} }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--Gray_dark); background: var(--White); margin: 16px; }
h1 { font-size: 18px; color: var(--Primary_medium); } h2 { font-size: 15px; margin: 16px 0 4px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--Gray_light); }
th { color: var(--Gray_medium); font-weight: 500; background: var(--Gray_extralight); } .total { font-weight: 600; }
.metric { border-left: 4px solid var(--UsageLine_0); padding-left: 12px; }
.status { background: var(--Primary_light); padding: 0 6px; border-radius: 4px; } [data-status="FINALIZED"] .status { color: var(--Primary_green); }
</style></head><body><h1>${escapeHtml(TITLES[config.dashboard])} · ${escapeHtml(customer.name)}</h1>${body}</body></html>`;
}

/** The page shown instead of a dashboard when its URL is tampered with (403) or expired (410). */
export function renderRefusal(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}
