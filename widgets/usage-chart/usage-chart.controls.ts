import { html, nothing } from 'lit';
import { MAX_HOURLY_DAYS, type CustomerResponse, type WindowSize } from '../../contract/index.ts';
import { keyLabel, type GroupKeyOverrides } from '../shared/labels.ts';
import type { ChartMode } from '../shared/chart/layout.ts';
import type { RangePreset } from '../shared/range.ts';
import type { UsageChartMessages } from '../shared/i18n/en.ts';

/** The viewer's own controls above the chart; every choice maps onto one of the element's properties. */


/** The element's settings the controls show and change as they are. */
export interface Settings {
  billableMetricId: string;
  groupKey: string;
  groupFilter: string;
  range: RangePreset | '';
  startingOn: string;
  endingBefore: string;
  windowSize: WindowSize;
  compare: boolean;
  chartType: ChartMode;
  view: 'chart' | 'table';
  groupKeyOverrides: GroupKeyOverrides | undefined;
}

/** What the controls show besides the settings, worked out by the element (`_…`: see UsageLayout). */
export interface ControlsState {
  _customer: CustomerResponse | undefined;
  _metricId: string;
  _range: RangePreset;
  /** Custom range as YYYY-MM-DD, the last day inclusive. */
  _customFrom: string;
  _customTo: string;
  _hourlyAllowed: boolean;
  /** Values seen so far for each key of the group key, and those the viewer kept. */
  _knownValues: Record<string, string[]>;
  _filter: Record<string, string[]>;
  _canExport: boolean;
}

export interface ControlsHandlers {
  /** The viewer changed these settings. */
  change(settings: Partial<Settings>): void;
  range(preset: RangePreset): void;
  customRange(from: string, to: string): void;
  filter(key: string, values: string[]): void;
  exportCsv(): void;
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function controlsTemplate(settings: Settings, s: ControlsState, on: ControlsHandlers, t: UsageChartMessages) {
  const metrics = s._customer?.billable_metrics ?? [];
  const metric = metrics.find((m) => m.id === s._metricId);
  const { groupKey, groupKeyOverrides: overrides } = settings;
  const keys = groupKey ? groupKey.split(',') : [];
  return html`<div part="controls" class="controls">
    <label
      >${t.metric}
      <select
        @change=${(e: Event) => {
          // Another metric starts on its first grouping, and any grouping without filters.
          const id = value(e);
          on.change({ billableMetricId: id, groupKey: metrics.find((m) => m.id === id)?.group_keys[0]?.join(',') ?? '', groupFilter: '' });
        }}
        ?disabled=${!metrics.length}
      >
        ${metrics.map((m) => html`<option value=${m.id} ?selected=${m.id === s._metricId}>${m.name}</option>`)}
      </select>
    </label>
    <label
      >${t.groupBy}
      <select @change=${(e: Event) => on.change({ groupKey: value(e), groupFilter: '' })} ?disabled=${!metric?.group_keys.length}>
        <option value="" ?selected=${!groupKey}>${t.noGrouping}</option>
        ${(metric?.group_keys ?? []).map((k) => html`<option value=${k.join(',')} ?selected=${k.join(',') === groupKey}>${k.map((key) => keyLabel(key, overrides)).join(' × ')}</option>`)}
      </select>
    </label>
    ${keys.map((key) => filterTemplate(key, overrides, s, on, t))}
    <label
      >${t.range}
      <select @change=${(e: Event) => on.range(value(e) as RangePreset)}>
        ${s._customer?.current_billing_period ? html`<option value="current-period" ?selected=${s._range === 'current-period'}>${t.currentPeriod}</option>` : nothing}
        <option value="7d" ?selected=${s._range === '7d'}>${t.lastDays(7)}</option>
        <option value="30d" ?selected=${s._range === '30d'}>${t.lastDays(30)}</option>
        <option value="90d" ?selected=${s._range === '90d'}>${t.lastDays(90)}</option>
        <option value="custom" ?selected=${s._range === 'custom'}>${t.customPick}</option>
      </select>
    </label>
    ${s._range === 'custom'
      ? html`<label>${t.from} <input type="date" .value=${s._customFrom} max=${s._customTo} @change=${(e: Event) => on.customRange(value(e), s._customTo)} /></label>
          <label>${t.to} <input type="date" .value=${s._customTo} min=${s._customFrom} @change=${(e: Event) => on.customRange(s._customFrom, value(e))} /></label>`
      : nothing}
    <label
      >${t.windows}
      <select @change=${(e: Event) => on.change({ windowSize: value(e) as WindowSize })}>
        <option value="day" ?selected=${settings.windowSize === 'day'}>${t.daily}</option>
        <option value="hour" ?selected=${settings.windowSize === 'hour'} ?disabled=${!s._hourlyAllowed}>${s._hourlyAllowed ? t.hourly : t.hourlyAtMost(MAX_HOURLY_DAYS)}</option>
      </select>
    </label>
    <label class="inline"><input type="checkbox" .checked=${settings.compare} @change=${(e: Event) => on.change({ compare: (e.target as HTMLInputElement).checked })} /> ${t.compare}</label>
    <div class="segmented" role="group" aria-label=${t.chartType}>
      <button type="button" aria-pressed=${settings.chartType === 'bars'} @click=${() => on.change({ chartType: 'bars' })}>${t.bars}</button>
      <button type="button" aria-pressed=${settings.chartType === 'lines'} @click=${() => on.change({ chartType: 'lines' })}>${t.lines}</button>
    </div>
    <button type="button" part="table-toggle" aria-pressed=${settings.view === 'table'} @click=${() => on.change({ view: settings.view === 'table' ? 'chart' : 'table' })}>${t.table}</button>
    <button type="button" part="export" ?disabled=${!s._canExport} @click=${on.exportCsv}>${t.exportCsv}</button>
  </div>`;
}

function filterTemplate(key: string, overrides: GroupKeyOverrides | undefined, s: ControlsState, on: ControlsHandlers, t: UsageChartMessages) {
  const known = s._knownValues[key] ?? [];
  const kept = s._filter[key] ?? [];
  const label = keyLabel(key, overrides);
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
        (v) => html`<label class="inline"><input type="checkbox" .checked=${!kept.length || kept.includes(v)} @change=${(e: Event) => toggle(v, (e.target as HTMLInputElement).checked)} /> ${overrides?.[key]?.value_display_names?.[v] ?? v}</label>`,
      )}
    </fieldset>
  </details>`;
}
