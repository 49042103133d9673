import { html, nothing } from 'lit';

/** A real table of exactly what a chart shows, for screen readers and for people who want the numbers. */
export interface TableData {
  caption: string;
  columns: string[];
  rows: Array<{ label: string; cells: string[]; titles?: Array<string | undefined> }>;
}

export const dataTableTemplate = (data: TableData) =>
  html`<div class="table-scroll" part="table-container" tabindex="0" role="region" aria-label=${data.caption}>
    <table part="table">
      <caption>${data.caption}</caption>
      <thead>
        <tr>${data.columns.map((c, i) => html`<th scope="col" class=${i === 0 ? '' : 'num'}>${c}</th>`)}</tr>
      </thead>
      <tbody>
        ${data.rows.map((r) => html`<tr part="row"><th scope="row">${r.label}</th>${r.cells.map((c, i) => html`<td class="num" title=${r.titles?.[i] ?? nothing}>${c}</td>`)}</tr>`)}
      </tbody>
    </table>
  </div>`;
