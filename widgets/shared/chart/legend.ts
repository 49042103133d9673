import { html, nothing } from 'lit';
import { colourClass } from './plot.ts';

export interface LegendEntry {
  key: string;
  label: string;
  colour: number;
  hidden: boolean;
}

/**
 * Toggle buttons, one per series: `aria-pressed` says whether the series is drawn. `previous` names the
 * period compared with, drawn as a dashed line: an entry to read, not a toggle.
 */
export const legendTemplate = (entries: LegendEntry[], onToggle: (key: string) => void, label: string, previous?: string) =>
  html`<ul part="legend" aria-label=${label}>
    ${entries.map(
      (e) => html`<li>
        <button type="button" part="legend-item" aria-pressed=${e.hidden ? 'false' : 'true'} @click=${() => onToggle(e.key)}>
          <span class="swatch ${colourClass(e.colour)}" aria-hidden="true"></span>${e.label}
        </button>
      </li>`,
    )}
    ${previous ? html`<li class="legend-previous"><span class="swatch previous" aria-hidden="true"></span>${previous}</li>` : nothing}
  </ul>`;
