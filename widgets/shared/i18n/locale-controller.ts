import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onPageConfigChange } from '../page-config.ts';
import { onMessagesChange } from './registry.ts';

const langListeners = new Set<() => void>();
let langObserver: MutationObserver | undefined;

/** One observer for the page: a `lang` set or changed anywhere re-renders the widgets that follow it. */
function onLangChange(listener: () => void): () => void {
  if (!langObserver && typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
    langObserver = new MutationObserver(() => langListeners.forEach((l) => l()));
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  langListeners.add(listener);
  return () => langListeners.delete(listener);
}

/**
 * Re-renders its element when what decides its locale, time zone or words changes elsewhere: the
 * page's `configure({ locale, timeZone })`, a catalogue registered, a `lang` on the page. The element
 * reads them through `widgetFormat` and `messages` when it renders.
 */
export class LocaleController implements ReactiveController {
  #stops: Array<() => void> = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {
    const update = () => this.host.requestUpdate();
    this.#stops = [onPageConfigChange(update), onMessagesChange(update), onLangChange(update)];
  }

  hostDisconnected() {
    this.#stops.forEach((stop) => stop());
    this.#stops = [];
  }
}
