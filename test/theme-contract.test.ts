import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { COLOR_TOKENS, internal } from '../widgets/shared/theme/palette.ts';

/**
 * Designers theme widgets through the custom properties and parts each element documents in its JSDoc;
 * an undocumented knob is invisible to them and a documented one that does nothing misleads them.
 */

const widgets = readdirSync('widgets', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`widgets/${d.name}/${d.name}.ts`))
  .map((d) => d.name);
/**
 * Every template a widget renders: its own files and the widget modules they import (not `import type`),
 * followed through, so a part counts only when its template is in code the element loads.
 */
function sources(tag: string) {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file) || !file.startsWith('widgets/')) return;
    files.add(file);
    for (const [, path] of readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]* from '(\.[^']+\.ts)';/gm)) visit(join(dirname(file), path!));
  };
  readdirSync(`widgets/${tag}`)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .forEach((f) => visit(`widgets/${tag}/${f}`));
  return [...files].map((f) => readFileSync(f, 'utf8')).join('\n');
}

const documented = (source: string, tag: string) =>
  new Set([...source.matchAll(new RegExp(`@${tag} \\[?([\\w-]+)`, 'g'))].map((m) => m[1]!));

const defined = (css: string) => new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!));
const read = (css: string) => new Set([...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!));

/** Custom properties read with var() but not defined by the widget itself: the knobs a page can set. */
const readKnobs = (css: string) => new Set([...read(css)].filter((name) => !defined(css).has(name)));

/** The CSS an element adopts: every stylesheet exported by the style modules it imports (its own, the theme's, the shared ones). */
async function adoptedCss(tag: string, element: string): Promise<string> {
  const modules = [...element.matchAll(/from '([^']+(?:styles|states|freshness)\.ts)'/g)].map((m) => join(dirname(`widgets/${tag}/${tag}.ts`), m[1]!));
  const sheets: string[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object' && 'cssText' in value) sheets.push(String((value as { cssText: string }).cssText));
  };
  for (const path of modules) Object.values(await import(`../${path}`)).forEach(collect);
  return sheets.join('\n');
}

describe('theme contract', () => {
  for (const tag of widgets) {
    const element = readFileSync(`widgets/${tag}/${tag}.ts`, 'utf8');

    it(`<${tag}> documents exactly the custom properties it reads`, async () => {
      const css = await adoptedCss(tag, element);
      assert.ok(css.length > 0, 'the element imports no stylesheet');
      assert.deepEqual([...documented(element, 'cssproperty')].sort(), [...readKnobs(css)].sort());
    });

    it(`<${tag}> paints with every colour token it reads`, async () => {
      const css = await adoptedCss(tag, element);
      // The dashboard's use of a slot is sending it to Metronome.
      const forwarded = element.includes('colorOverrides(') ? COLOR_TOKENS.filter((t) => t.slot).map((t) => internal(t.property)) : [];
      const painted = new Set([...read(css), ...forwarded]);
      for (const token of COLOR_TOKENS) {
        if (!defined(css).has(internal(token.property))) continue;
        assert.ok(painted.has(internal(token.property)), `${token.property} is read but nothing is painted with it`);
      }
    });

    it(`<${tag}> documents each colour token's light and dark defaults as the theme has them`, () => {
      for (const [, property, value, text] of element.matchAll(/@cssproperty \[(--metronome-[\w-]+)=([^\]]+)\] - (.*)/g)) {
        const token = COLOR_TOKENS.find((t) => t.property === property);
        if (!token) continue;
        assert.equal(value, token.light, `${property}'s documented light default`);
        assert.ok(text!.endsWith(`Dark: ${token.dark}.`), `${property}'s documented dark default: ${text}`);
      }
    });

    it(`<${tag}> renders every part it documents`, () => {
      const rendered = new Set(
        [...sources(tag).matchAll(/part="([\w\s-]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)),
      );
      for (const part of documented(element, 'csspart')) assert.ok(rendered.has(part), `@csspart ${part} is never rendered`);
    });
  }
});

describe('README theming table', () => {
  it('gives every colour token the defaults the palette has', () => {
    // The Theming section's table: each element's reference above it lists the same properties too.
    const readme = readFileSync('README.md', 'utf8').split('\n### Theming\n')[1]!;
    const lines = COLOR_TOKENS.filter((t) => !t.property.includes('usage-line'));
    for (const token of lines) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${token.property}\` |`));
      assert.ok(row, `no row for ${token.property}`);
      assert.ok(row.endsWith(`| ${token.light} | ${token.dark} |`), `${token.property}: ${row}`);
    }
    const series = COLOR_TOKENS.filter((t) => t.property.includes('usage-line'));
    const row = readme.split('\n').find((line) => line.startsWith('| `--metronome-usage-line-0` …'));
    assert.ok(row?.endsWith(`| ${series.map((t) => t.light).join(', ')} | ${series.map((t) => t.dark).join(', ')} |`), `series: ${row}`);
  });
});
