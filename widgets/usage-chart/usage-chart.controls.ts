import { html, nothing } from 'lit';
import { MAX_HOURLY_DAYS, type CustomerResponse } from '../../contract/index.ts';
import { keyLabel, type GroupKeyOverrides } from '../shared/labels.ts';
import type { ChartMode } from '../shared/chart/layout.ts';
import type { RangePreset } from '../shared/range.ts';
import type { UsageChartMessages } from '../shared/i18n/en.ts';

/** The viewer's own controls above the chart; every choice maps onto one of the element's properties. */


export interface ControlsState {
  customer: CustomerResponse | undefined;
  metricId: string;
  groupKey: string;
  range: RangePreset;
  /** Custom range as YYYY-MM-DD, the last day inclusive. */
  customFrom: string;
  customTo: string;
  windowSize: string;
  hourlyAllowed: boolean;
  compare: boolean;
  mode: ChartMode;
  table: boolean;
  /** Values seen so far for each key of the group key, and those the viewer kept. */
  knownValues: Record<string, string[]>;
  filter: Record<string, string[]>;
  overrides: GroupKeyOverrides | undefined;
  canExport: boolean;
}

export interface ControlsHandlers {
  metric(id: string): void;
  groupKey(key: string): void;
  range(preset: RangePreset): void;
  customRange(from: string, to: string): void;
  windowSize(size: string): void;
  compare(on: boolean): void;
  mode(mode: ChartMode): void;
  table(on: boolean): void;
  filter(key: string, values: string[]): void;
  exportCsv(): void;
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function controlsTemplate(s: ControlsState, on: ControlsHandlers, t: UsageChartMessages) {
  const metrics = s.customer?.billable_metrics ?? [];
  const metric = metrics.find((m) => m.id === s.metricId);
  const keys = s.groupKey ? s.groupKey.split(',') : [];
  return html`<div part="controls" class="controls">
    <label
      >${t.metric}
      <select @change=${(e: Event) => on.metric(value(e))} ?disabled=${!metrics.length}>
        ${metrics.map((m) => html`<option value=${m.id} ?selected=${m.id === s.metricId}>${m.name}</option>`)}
      </select>
    </label>
    <label
      >${t.groupBy}
      <select @change=${(e: Event) => on.groupKey(value(e))} ?disabled=${!metric?.group_keys.length}>
        <option value="" ?selected=${!s.groupKey}>${t.noGrouping}</option>
        ${(metric?.group_keys ?? []).map((k) => html`<option value=${k.join(',')} ?selected=${k.join(',') === s.groupKey}>${k.map((key) => keyLabel(key, s.overrides)).join(' × ')}</option>`)}
      </select>
    </label>
    ${keys.map((key) => filterTemplate(key, s, on, t))}
    <label
      >${t.range}
      <select @change=${(e: Event) => on.range(value(e) as RangePreset)}>
        ${s.customer?.current_billing_period ? html`<option value="current-period" ?selected=${s.range === 'current-period'}>${t.currentPeriod}</option>` : nothing}
        <option value="7d" ?selected=${s.range === '7d'}>${t.lastDays(7)}</option>
        <option value="30d" ?selected=${s.range === '30d'}>${t.lastDays(30)}</option>
        <option value="90d" ?selected=${s.range === '90d'}>${t.lastDays(90)}</option>
        <option value="custom" ?selected=${s.range === 'custom'}>${t.customPick}</option>
      </select>
    </label>
    ${s.range === 'custom'
      ? html`<label>${t.from} <input type="date" .value=${s.customFrom} max=${s.customTo} @change=${(e: Event) => on.customRange(value(e), s.customTo)} /></label>
          <label>${t.to} <input type="date" .value=${s.customTo} min=${s.customFrom} @change=${(e: Event) => on.customRange(s.customFrom, value(e))} /></label>`
      : nothing}
    <label
      >${t.windows}
      <select @change=${(e: Event) => on.windowSize(value(e))}>
        <option value="day" ?selected=${s.windowSize === 'day'}>${t.daily}</option>
        <option value="hour" ?selected=${s.windowSize === 'hour'} ?disabled=${!s.hourlyAllowed}>${s.hourlyAllowed ? t.hourly : t.hourlyAtMost(MAX_HOURLY_DAYS)}</option>
      </select>
    </label>
    <label class="inline"><input type="checkbox" .checked=${s.compare} @change=${(e: Event) => on.compare((e.target as HTMLInputElement).checked)} /> ${t.compare}</label>
    <div class="segmented" role="group" aria-label=${t.chartType}>
      <button type="button" aria-pressed=${s.mode === 'bars'} @click=${() => on.mode('bars')}>${t.bars}</button>
      <button type="button" aria-pressed=${s.mode === 'lines'} @click=${() => on.mode('lines')}>${t.lines}</button>
    </div>
    <button type="button" part="table-toggle" aria-pressed=${s.table} @click=${() => on.table(!s.table)}>${t.table}</button>
    <button type="button" part="export" ?disabled=${!s.canExport} @click=${on.exportCsv}>${t.exportCsv}</button>
  </div>`;
}

function filterTemplate(key: string, s: ControlsState, on: ControlsHandlers, t: UsageChartMessages) {
  const known = s.knownValues[key] ?? [];
  const kept = s.filter[key] ?? [];
  const label = keyLabel(key, s.overrides);
  const toggle = (v: string, checked: boolean) => {
    const base = kept.length ? kept : known;
    const next = checked ? [...new Set([...base, v])] : base.filter((x) => x !== v);
    // Keeping every value is the same as no filter; an empty selection would show nothing, so it resets too.
    on.filter(key, next.length === known.length || next.length === 0 ? [] : next);
  };
  return html`<details part="filter" class="filter">
    <summary>${label}: ${kept.length ? t.filterKept(kept.length, known.length) : t.filterAll}</summary>
    <fieldset>
      <legend>${t.filterShow(label)}</legend>
      ${known.map(
        (v) => html`<label class="inline"><input type="checkbox" .checked=${!kept.length || kept.includes(v)} @change=${(e: Event) => toggle(v, (e.target as HTMLInputElement).checked)} /> ${s.overrides?.[key]?.value_display_names?.[v] ?? v}</label>`,
      )}
    </fieldset>
  </details>`;
}
