import { noChange, nothing } from 'lit';
import { Directive, directive, type ElementPart, type PartInfo, PartType } from 'lit/directive.js';

type Properties = Readonly<Record<string, string>>;

/**
 * Inline style values set through the CSSOM (`style.setProperty`), never written as a `style` attribute:
 * a page whose Content-Security-Policy has no `'unsafe-inline'` for styles refuses style attributes
 * (lit's `styleMap` writes one on first render) but not the CSSOM. It goes in element position,
 * `<span ${styleProperties({ width: '40%' })}>`, with properties named as CSS names them (`width`,
 * `--x`); one left out of a later render is removed. A server render writes nothing.
 */
class StylePropertiesDirective extends Directive {
  #previous: string[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProperties() goes in element position: <span ${styleProperties({ … })}>');
  }

  render(_properties: Properties) {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [Properties]) {
    const { style } = part.element as HTMLElement;
    for (const name of this.#previous) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.#previous = Object.keys(properties);
    return noChange;
  }
}

export const styleProperties = directive(StylePropertiesDirective);
