/**
 * Registers the package's elements. `customElements.define` throws when a tag is taken, which breaks a
 * page that loads two copies of the package (a CDN file after a bundle, two micro-frontends) or a
 * module twice. Here the same class again is a no-op; another class keeps the first definition and
 * warns; and a class already registered under one tag is registered under another as a subclass (the
 * registry takes each class once), so a host can also name the elements its own way:
 * `defineElement('acme-usage', UsageChart)`.
 */
export function defineElement(tag: string, element: CustomElementConstructor): CustomElementConstructor | undefined {
  // A server without a DOM shim has no registry: there is nothing to define there.
  if (typeof customElements === 'undefined') return undefined;
  const existing = customElements.get(tag);
  if (existing) {
    // The class itself, or the subclass made for it under this tag by an earlier call.
    if (existing === element || Object.getPrototypeOf(existing) === element) return existing;
    console.warn(`metronome-widgets: <${tag}> is already defined by another class (two copies of the package?); the first definition stays.`);
    return existing;
  }
  try {
    customElements.define(tag, element);
    return element;
  } catch (err) {
    // NotSupportedError: this class is registered under another tag already.
    if (!(err instanceof DOMException && err.name === 'NotSupportedError')) throw err;
    const renamed = class extends (element as unknown as typeof HTMLElement) {};
    customElements.define(tag, renamed);
    return renamed;
  }
}
