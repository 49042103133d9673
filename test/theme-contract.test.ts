import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';

/**
 * Designers theme widgets through the custom properties and parts each element documents in its JSDoc;
 * an undocumented knob is invisible to them and a documented one that does nothing misleads them.
 */

const widgets = readdirSync('widgets', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`widgets/${d.name}/${d.name}.ts`))
  .map((d) => d.name);
/** Every template a widget renders: its own files and the shared ones. */
const sources = (tag: string) =>
  [...readdirSync(`widgets/${tag}`).map((f) => `widgets/${tag}/${f}`), ...readdirSync('widgets/shared/chart').map((f) => `widgets/shared/chart/${f}`), 'widgets/shared/states.ts']
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

const documented = (source: string, tag: string) =>
  new Set([...source.matchAll(new RegExp(`@${tag} \\[?([\\w-]+)`, 'g'))].map((m) => m[1]!));

/** Custom properties read with var() but not defined by the widget itself: the knobs a page can set. */
function readKnobs(css: string): Set<string> {
  const defined = new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!));
  return new Set([...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!).filter((name) => !defined.has(name)));
}

describe('theme contract', () => {
  for (const tag of widgets) {
    const element = readFileSync(`widgets/${tag}/${tag}.ts`, 'utf8');
    // The stylesheets the element imports: its own and shared ones (states, chart).
    const styles = [...element.matchAll(/from '([^']+(?:styles|states)\.ts)'/g)]
      .map((m) => readFileSync(join(dirname(`widgets/${tag}/${tag}.ts`), m[1]!), 'utf8'))
      .join('\n');

    it(`<${tag}> documents exactly the custom properties it reads`, () => {
      assert.ok(styles.length > 0, 'the element imports no stylesheet');
      assert.deepEqual([...documented(element, 'cssproperty')].sort(), [...readKnobs(styles)].sort());
    });

    it(`<${tag}> renders every part it documents`, () => {
      const rendered = new Set(
        [...sources(tag).matchAll(/part="([\w\s-]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)),
      );
      for (const part of documented(element, 'csspart')) assert.ok(rendered.has(part), `@csspart ${part} is never rendered`);
    });
  }
});
