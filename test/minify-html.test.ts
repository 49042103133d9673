import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain .mjs build script without type declarations
import { minifyHtmlTemplates } from '../scripts/minify-html.mjs';

describe("the build's html`…` minifier", () => {
  it('turns the indentation of html`…` and svg`…`, nested ones too, into one space', () => {
    const source = 'const t = html`\n  <ul>\n    ${items.map((i) => svg`\n      <text>${i}</text>\n    `)}\n  </ul>\n`;';
    assert.equal(minifyHtmlTemplates(source), 'const t = html` <ul> ${items.map((i) => svg` <text>${i}</text> `)} </ul> `;');
  });

  it('keeps the spaces between inline elements and words, and every other template, string and regex as written', () => {
    const source = "const t = html`<b>a</b> <i>b</i>  ${x} c`; const s = `  x\n   y`; const r = /`\\n  /g; const q = '`\\n  '; const d = a[0]! / b[0]! / 2;";
    assert.equal(minifyHtmlTemplates(source), source);
  });

  it('drops the quotes of attribute values HTML reads alike unquoted, inside tags only and never before a binding', () => {
    const source = 'const t = html`<p class="a b" part="row" data-x="1.5%"><i title="x" class="s ${c}" id="n"${x} aria-label=${y}></i> role="text" <br hidden="">`;';
    assert.equal(
      minifyHtmlTemplates(source),
      'const t = html`<p class="a b" part=row data-x=1.5%><i title=x class="s ${c}" id="n"${x} aria-label=${y}></i> role="text" <br hidden="">`;',
    );
  });

  it('stops the build on a source it cannot follow rather than guess', () => {
    assert.throws(() => minifyHtmlTemplates("const a = html`<p>${'x}`;"), /could not be read/);
    assert.throws(() => minifyHtmlTemplates('if (a) /`/.test(b); const c = html`<p>`;'), /could not be read/);
  });
});
