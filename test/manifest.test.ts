import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain .mjs script without type declarations
import { analyze, elementsOf, MANIFEST, regionsIn, rewriteReadme } from '../scripts/docs.mjs';
import { MwChangeEvent, MwErrorEvent, MwInvoiceRequestEvent, MwInvoiceSelectEvent, MwLoadEvent, MwMetricSelectEvent, MwPurchaseRequestEvent } from '../widgets/shared/events.ts';

/**
 * custom-elements.json is the elements' JSDoc as tools read it, and the README's reference of each element
 * is that manifest as people read it. `npm run docs` writes both; these fail while either is stale.
 */

interface Described {
  name: string;
  description?: string;
}
interface Element {
  tagName: string;
  members?: Array<Described & { kind: string }>;
  attributes?: Described[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}

const committed = JSON.parse(readFileSync(MANIFEST, 'utf8'));
const elements: Element[] = elementsOf(committed);
const tags = readdirSync('widgets', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`widgets/${d.name}/${d.name}.ts`))
  .map((d) => d.name)
  .sort();

describe('custom-elements.json', () => {
  it('is what the analyzer makes from the sources now (run `npm run docs` after changing an element)', async () => {
    assert.deepEqual(committed, await analyze());
  });

  it('describes every element, and nothing else', () => {
    assert.deepEqual(elements.map((e) => e.tagName).sort(), tags);
  });

  it('gives every attribute, property, method, event, slot, part and custom property a description', () => {
    for (const element of elements) {
      const entries = [element.members, element.attributes, element.events, element.slots, element.cssParts, element.cssProperties].flatMap((list) => list ?? []);
      for (const entry of entries) assert.ok(entry.description?.trim(), `<${element.tagName}>: ${entry.name} has no description in the JSDoc`);
    }
  });

  it('lists every event an element fires in its @fires', () => {
    const fired = (source: string) => [
      ...(source.includes('reportErrors(') || source.includes('new MwErrorEvent(') ? [MwErrorEvent.eventName] : []),
      ...(source.includes('new MwChangeEvent(') ? [MwChangeEvent.eventName] : []),
      ...(source.includes('requestInvoice(') ? [MwInvoiceRequestEvent.eventName, MwInvoiceSelectEvent.eventName] : []),
      ...(source.includes('new MwPurchaseRequestEvent(') ? [MwPurchaseRequestEvent.eventName] : []),
      ...(source.includes('new MwMetricSelectEvent(') ? [MwMetricSelectEvent.eventName] : []),
      // The connection controller fires mw-load for the element that holds one.
      ...(source.includes('new ConnectionController(') ? [MwLoadEvent.eventName] : []),
    ];
    for (const element of elements) {
      const source = readFileSync(`widgets/${element.tagName}/${element.tagName}.ts`, 'utf8');
      assert.deepEqual((element.events ?? []).map((e) => e.name).sort(), fired(source).sort(), `<${element.tagName}>'s events`);
    }
  });
});

describe("the README's element reference", () => {
  const readme = readFileSync('README.md', 'utf8');

  it('has a region for every element', () => {
    assert.deepEqual([...regionsIn(readme)].sort(), tags);
  });

  it('is what custom-elements.json says (run `npm run docs` after changing an element)', () => {
    assert.ok(readme === rewriteReadme(readme, committed), 'README.md differs from the reference `npm run docs` writes');
  });
});
