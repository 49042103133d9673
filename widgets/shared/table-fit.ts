import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether each table of a widget is drawn as a table or as stacked cards: as cards while the widget is
 * narrower than the table needs. What a table needs depends on its figures, its currency and the
 * locale ("149,504.87 GPU credits" takes twice the room of "$1,495.05"), so no one breakpoint would
 * suit every customer: each table box (`data-fit="name"`, as wide as the widget) is measured after a
 * render that drew it as a table, and when its table overflows it, the width it needed is remembered
 * and the table is drawn as cards until the widget is at least that wide again. The columns that must
 * not be squeezed (a name, a period) have a minimum width in the styles, so squeezing them overflows.
 *
 * Measured after the host's update, before the browser paints, so a table that does not fit is never
 * seen. A server render (which never calls `hostUpdated`) draws tables.
 */
export class TableFit implements ReactiveController {
  /** The widget's content width, as last observed. */
  #width = 0;
  #needed = new Map<string, number>();
  #observer: ResizeObserver | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  /** True when the table named `name` is to be drawn as cards. */
  stacked(name: string) {
    return this.#width < (this.#needed.get(name) ?? 0);
  }

  hostUpdated() {
    if (!this.#observer) {
      // Redrawn in the next frame: redrawing inside the callback would change the host's height while the
      // observer is still delivering, which browsers report as an error.
      this.#observer = new ResizeObserver(([entry]) => {
        if (entry!.contentRect.width === this.#width) return;
        this.#width = entry!.contentRect.width;
        requestAnimationFrame(() => this.host.isConnected && this.host.requestUpdate());
      });
      this.#observer.observe(this.host);
    }
    for (const box of this.host.renderRoot.querySelectorAll<HTMLElement>('[data-fit]')) {
      const name = box.dataset.fit!;
      this.#width ||= box.clientWidth;
      if (!this.stacked(name) && box.scrollWidth > box.clientWidth + 1) {
        this.#needed.set(name, this.#width + box.scrollWidth - box.clientWidth);
        this.host.requestUpdate();
      }
    }
  }

  hostConnected() {
    this.#observer?.observe(this.host);
  }

  hostDisconnected() {
    this.#observer?.disconnect();
  }
}
