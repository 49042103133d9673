import { html, nothing, type ReactiveControllerHost } from 'lit';
import { Directive, directive, type ChildPart } from 'lit/directive.js';

/** A real table of exactly what a chart shows, for screen readers and for people who want the numbers. */
export interface TableData {
  caption: string;
  columns: string[];
  count: number;
  /** Row `i`, formatted only when it is drawn. */
  row(i: number): { label: string; cells: string[]; titles?: Array<string | undefined> | undefined };
}

/** Tables up to this many rows are drawn whole. */
const WHOLE = 200;
/** Rows drawn beyond each edge of the view, so that scrolling a little shows rows already there. */
const OVERSCAN = 10;

/**
 * The rows of a long table that are in its scrolling box's view, OVERSCAN more on each side, and empty
 * rows as tall as the rest above and below, so the box scrolls as if every row were there: 90 days of
 * hours open with a few dozen rows instead of 2,160. Rows are one line each (figures do not wrap), so
 * their height is measured once, from the first rows drawn. Scrolling redraws (through the host, which
 * owns the render) only when the view reaches rows not drawn. Screen readers hear the whole count from
 * `aria-rowcount` and each row's place from `aria-rowindex` (the header row is 1).
 */
class VisibleRows extends Directive {
  /** Where the rows go (a table's body), once it holds a long table. */
  #part: ChildPart | undefined;
  #first = 0;
  /** After the last row drawn: at first, a few views' worth. */
  #last = 3 * OVERSCAN;
  #height = 0;

  render(data: TableData) {
    const { count } = data;
    const first = count > WHOLE ? Math.min(this.#first, count) : 0;
    const last = count > WHOLE ? Math.min(this.#last, count) : count;
    const spacer = (rows: number) => (rows > 0 ? html`<tr aria-hidden="true" .style=${`height:${rows * this.#height}px`}></tr>` : nothing);
    const rows = Array.from({ length: last - first }, (_, k) => {
      const r = data.row(first + k);
      return html`<tr part="row" aria-rowindex=${first + k + 2}><th scope="row">${r.label}</th>${r.cells.map((c, j) => html`<td class="num" title=${r.titles?.[j] ?? nothing}>${c}</td>`)}</tr>`;
    });
    return html`${spacer(first)}${rows}${spacer(count - last)}`;
  }

  override update(part: ChildPart, [data]: [TableData]) {
    if (data.count > WHOLE) {
      if (!this.#part) (part.parentNode as Element).closest('div')!.addEventListener('scroll', this.#follow);
      this.#part = part;
      // Once this render is in the page: measure, and draw the rows in view if they are not.
      queueMicrotask(this.#follow);
    }
    return this.render(data);
  }

  #follow = () => {
    const body = this.#part!.parentNode as HTMLElement;
    const box = body.closest('div')!;
    // Measured once, on the first rows drawn: until then the spacers are flat.
    const measuring = !this.#height;
    const height = (this.#height ||= body.offsetHeight / (this.#last - this.#first));
    // The rows under the view, give or take the caption and header above the first (fewer than OVERSCAN rows).
    const from = Math.floor(box.scrollTop / height);
    const to = Math.ceil((box.scrollTop + box.clientHeight) / height);
    if (height && (measuring || from < this.#first || to > this.#last)) {
      this.#first = Math.max(0, from - OVERSCAN);
      this.#last = to + OVERSCAN;
      (this.#part!.options!.host as ReactiveControllerHost).requestUpdate();
    }
  };
}

const visibleRows = directive(VisibleRows);

export const dataTableTemplate = (data: TableData) =>
  html`<div class="table-scroll" part="table-container" tabindex="0" role="region" aria-label=${data.caption}>
    <table part="table" aria-rowcount=${data.count + 1}>
      <caption>${data.caption}</caption>
      <thead>
        <tr aria-rowindex="1">${data.columns.map((c, i) => html`<th scope="col" class=${i === 0 ? '' : 'num'}>${c}</th>`)}</tr>
      </thead>
      <tbody>
        ${visibleRows(data)}
      </tbody>
    </table>
  </div>`;
