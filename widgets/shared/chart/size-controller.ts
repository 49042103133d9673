import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks the content size of one element of the host's shadow root and re-renders the host when it changes.
 * The observer is made on the first update in a browser: a server render (which never calls `hostUpdated`)
 * has no ResizeObserver, and its size stays 0 × 0, so nothing is laid out there.
 */
export class SizeController implements ReactiveController {
  width = 0;
  height = 0;
  #observer: ResizeObserver | undefined;
  #observed: Element | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: () => Element | null | undefined,
  ) {
    host.addController(this);
  }

  /** The target may appear only once data has loaded, so look for it after every update. */
  hostUpdated() {
    const element = this.target() ?? null;
    if (element === this.#observed) return;
    this.#observer ??= new ResizeObserver(([entry]) => {
      const { width, height } = entry!.contentRect;
      if (width === this.width && height === this.height) return;
      this.width = width;
      this.height = height;
      this.host.requestUpdate();
    });
    if (this.#observed) this.#observer.unobserve(this.#observed);
    if (element) this.#observer.observe(element);
    this.#observed = element;
  }

  hostDisconnected() {
    this.#observer?.disconnect();
    this.#observed = null;
  }
}
