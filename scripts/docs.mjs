// custom-elements.json and the README's reference of every element, both generated from the elements'
// JSDoc: `npm run docs` writes them; test/manifest.test.ts fails while either differs from what this makes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

export const MANIFEST = 'custom-elements.json';
export const CONFIG = 'custom-elements-manifest.config.mjs';

/** The manifest the analyzer makes from the sources now (custom-elements-manifest.config.mjs), unwritten. */
export function analyze() {
  return cli({ argv: ['analyze', '--config', CONFIG, '--quiet'], cwd: process.cwd(), noWrite: true });
}

/** Every element of a manifest, by tag name, in the manifest's order. */
export function elementsOf(manifest) {
  return manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName));
}

/** Text for a table cell: one line, pipes escaped. */
const cell = (text) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text) => (text ? `\`${cell(text)}\`` : '');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** The reference of one element as Markdown: attributes and properties, methods, events, slots, parts, CSS properties. */
export function reference(element) {
  const fields = (element.members ?? []).filter((m) => m.kind === 'field' && !m.static);
  const methods = (element.members ?? []).filter((m) => m.kind === 'method' && !m.static);
  const sections = [
    [
      'Attributes and properties',
      fields.length &&
        table(
          ['attribute', 'property', 'type', 'default', 'meaning'],
          fields.map((f) => [f.attribute ? code(f.attribute) : '(property only)', code(f.name), code(f.type?.text), code(f.default), cell(f.description)]),
        ),
    ],
    [
      'Methods',
      methods.length &&
        table(
          ['method', 'meaning'],
          methods.map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), cell(m.description)]),
        ),
    ],
    ['Events', element.events?.length && table(['event', 'type', 'meaning'], element.events.map((e) => [code(e.name), code(e.type?.text), cell(e.description)]))],
    ['Slots', element.slots?.length && table(['slot', 'meaning'], element.slots.map((s) => [code(s.name || '(default)'), cell(s.description)]))],
    ['CSS parts', element.cssParts?.length && table(['part', 'meaning'], element.cssParts.map((p) => [code(p.name), cell(p.description)]))],
    [
      'CSS custom properties',
      element.cssProperties?.length &&
        table(['property', 'default', 'meaning'], element.cssProperties.map((p) => [code(p.name), code(p.default), cell(p.description)])),
    ],
  ];
  return sections.map(([title, body]) => `**${title}**${body ? `\n\n${body}` : ': none.'}`).join('\n\n');
}

const START = (tag) => `<!-- reference:${tag} (generated from custom-elements.json by \`npm run docs\`; edit the element's JSDoc instead) -->`;
const END = (tag) => `<!-- /reference:${tag} -->`;
const REGION = /<!-- reference:([\w-]+) [^\n]*-->\n[\s\S]*?<!-- \/reference:\1 -->/g;

/** The tags of the reference regions in a README, in order. */
export const regionsIn = (readme) => [...readme.matchAll(REGION)].map((m) => m[1]);

/** The README with each element's reference region rewritten from the manifest; a region of no element throws. */
export function rewriteReadme(readme, manifest) {
  const elements = new Map(elementsOf(manifest).map((e) => [e.tagName, e]));
  return readme.replace(REGION, (_, tag) => {
    const element = elements.get(tag);
    if (!element) throw new Error(`README has a reference region for <${tag}>, which the manifest does not have`);
    return `${START(tag)}\n\n${reference(element)}\n\n${END(tag)}`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await analyze();
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const readme = readFileSync('README.md', 'utf8');
  const missing = elementsOf(manifest).map((e) => e.tagName).filter((tag) => !regionsIn(readme).includes(tag));
  if (missing.length) throw new Error(`README has no reference region for ${missing.map((t) => `<${t}>`).join(', ')}: add ${START('<tag>')} … ${END('<tag>')}`);
  writeFileSync('README.md', rewriteReadme(readme, manifest));
  console.log(`wrote ${MANIFEST} and the README's reference of ${elementsOf(manifest).length} elements`);
}
