import { adoptStyles, html, type LitElement } from 'lit';
import { loadingTemplate, type Skeleton } from './states.ts';

/**
 * Server rendering (lit SSR: Next.js, Astro, Eleventy). A server has no session (tokens live in the
 * browser) and no size to lay a chart out in, so there an element draws its loading state, in a
 * declarative shadow root, as the page's first paint. In the browser the element replaces that
 * placeholder with its own first render instead of hydrating it: hydration would demand that the first
 * client render be the server's template for template (and throws, leaving the element dead, when the page
 * has set a session before the element upgrades), and it would not happen at all without lit's hydrate
 * support loaded (the self-contained files under dist/cdn/ cannot load it), leaving both renders on screen.
 */

/** What an element renders on a server: its loading state inside the `base` part, busy. */
export const serverPlaceholder = (label: string, shapes: readonly Skeleton[]) => html`<div part="base" aria-busy="true">${loadingTemplate(label, shapes)}</div>`;

/**
 * For `createRenderRoot()`: the server-rendered shadow root emptied and given the element's styles, or
 * undefined when there is none (then LitElement makes one as usual). Bypassing LitElement's own
 * `createRenderRoot` is what keeps lit's hydrate support, when a page loads it, from hydrating.
 */
export function replaceServerRender(host: LitElement): ShadowRoot | undefined {
  const root = host.shadowRoot;
  if (!root) return undefined;
  root.replaceChildren();
  adoptStyles(root, (host.constructor as typeof LitElement).elementStyles);
  return root;
}
