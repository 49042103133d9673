import type { TokenProvider } from './session.ts';

/**
 * One configuration for every element on the page, set once (`configure({ … })`), so ten widgets need
 * one line. An element's own attributes and properties win over it. Kept on `globalThis` under a
 * registered symbol, so that two copies of the package on one page (a CDN file and a bundle) share it.
 */
export interface PageConfig {
  /** Base URL of the proxy; the page's origin when empty. */
  endpoint?: string;
  /** Returns a session token; wins over `tokenUrl`. */
  tokenProvider?: TokenProvider;
  /** A URL that answers a session token (text/plain, or JSON `{ "token": "…" }`), fetched with credentials. */
  tokenUrl?: string;
  /** Credentials sent to `tokenUrl`: `same-origin` by default, `include` for a token URL on another origin. */
  tokenCredentials?: RequestCredentials;
  /** BCP 47 locale for numbers, dates, currencies and the widgets' words. */
  locale?: string;
  /** IANA time zone for dates and ranges. */
  timeZone?: string;
}

interface Shared {
  config: PageConfig;
  listeners: Set<() => void>;
}

const KEY = Symbol.for('metronome-widgets.page-config');
const shared: Shared = ((globalThis as Record<symbol, unknown>)[KEY] as Shared | undefined) ?? { config: {}, listeners: new Set() };
(globalThis as Record<symbol, unknown>)[KEY] = shared;

/** Sets page-wide defaults (merged with what was set before) and tells every element to use them. */
export function configure(options: PageConfig): void {
  shared.config = { ...shared.config, ...options };
  for (const listener of shared.listeners) listener();
}

/** The page-wide defaults in force. */
export const pageConfig = (): Readonly<PageConfig> => shared.config;

/** Calls `listener` after every `configure()`; returns a function that stops it. */
export function onPageConfigChange(listener: () => void): () => void {
  shared.listeners.add(listener);
  return () => shared.listeners.delete(listener);
}
