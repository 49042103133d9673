import { isServer, type ReactiveController, type ReactiveElement } from 'lit';

export type ThemeName = 'light' | 'dark';

/** Light unless something says dark; `forced` when the page chose rather than the system. */
export interface ResolvedTheme {
  readonly name: ThemeName;
  readonly forced: boolean;
}

const isTheme = (value: string | null): value is ThemeName => value === 'light' || value === 'dark';

/** The next element up, through shadow roots, so a widget inside another component still sees the page's class. */
const parentOf = (node: Element): Element | null =>
  node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;

let systemQuery: MediaQueryList | undefined;
const systemDark = () => (systemQuery ??= matchMedia('(prefers-color-scheme: dark)'));

/**
 * Which palette applies to an element: its own `theme` attribute, else the nearest ancestor with a `dark`
 * or `light` class, else the system's `prefers-color-scheme`.
 */
export function resolveTheme(
  element: Element,
  systemPrefersDark = systemDark().matches,
  own = element.getAttribute('theme'),
): ResolvedTheme {
  if (isTheme(own)) return { name: own, forced: true };
  for (let node = parentOf(element); node; node = parentOf(node)) {
    const name = (['dark', 'light'] as const).find((theme) => node.classList.contains(theme));
    if (name) return { name, forced: true };
  }
  return { name: systemPrefersDark ? 'dark' : 'light', forced: false };
}

const controllers = new Set<ThemeController>();
let watching = false;

/** One observer for the page and one for the system setting, however many widgets there are. */
function watchPage() {
  if (watching) return;
  watching = true;
  const recheck = () => controllers.forEach((c) => c.resolve());
  systemDark().addEventListener('change', recheck);
  new MutationObserver(recheck).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['class', 'theme'] });
}

/**
 * Keeps a widget's `:state(dark)` / `:state(light)` in step with its theme, so its stylesheet (see
 * `themeStyles`) switches palettes, and re-renders the host when the theme changes.
 */
export class ThemeController implements ReactiveController {
  readonly #host: ReactiveElement & { theme?: string };
  readonly #states: CustomStateSet;
  #theme: ResolvedTheme = { name: 'light', forced: false };
  /** The host's `theme` when last resolved: updates that leave it alone (most of them) skip the walk up the page. */
  #own: string | null | undefined;

  constructor(host: ReactiveElement & { theme?: string }) {
    this.#host = host;
    this.#states = host.attachInternals().states;
    host.addController(this);
  }

  get theme(): ResolvedTheme {
    return this.#theme;
  }

  /** A palette paints the widget's own text and background: dark, or light by the page's choice. */
  get inForce(): boolean {
    return this.#theme.name === 'dark' || this.#theme.forced;
  }

  hostConnected() {
    // A server render (lit SSR may call connectedCallback) has no page, media queries or observers to
    // watch: the light palette stands until the element connects in a browser.
    if (isServer) return;
    controllers.add(this);
    watchPage();
    this.resolve();
  }

  hostDisconnected() {
    controllers.delete(this);
  }

  /** Before the host renders (and its tasks read their arguments), so a new `theme` takes effect in the same update. */
  hostUpdate() {
    if ((this.#host.theme ?? null) !== this.#own) this.resolve(true);
  }

  resolve(updating = false) {
    this.#own = this.#host.theme ?? null;
    const next = resolveTheme(this.#host, undefined, this.#own);
    if (next.name === this.#theme.name && next.forced === this.#theme.forced) return;
    this.#theme = next;
    // The theme's are the only custom states the widgets have.
    this.#states.clear();
    if (this.inForce) this.#states.add(next.name);
    if (!updating) this.#host.requestUpdate();
  }
}
