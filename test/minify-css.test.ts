import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain .mjs build script without type declarations
import { minifyCssTemplates } from '../scripts/minify-css.mjs';

describe("the build's css`…` minifier", () => {
  it('drops comments and whitespace from the static text and keeps interpolations as written', () => {
    const source = "const a = css`\n  /* why */\n  :host {\n    display: block;\n    color: ${dark ? `#fff` : `#000`};\n  }\n  .a > .b,\n  .c { margin: 0 auto; }\n`;";
    assert.equal(minifyCssTemplates(source), 'const a = css`:host{display:block;color:${dark ? `#fff` : `#000`}}.a>.b,.c{margin:0 auto}`;');
  });

  it('keeps the spaces that mean something: descendant combinators, around interpolations, in strings', () => {
    const source = "const a = css`\n  .a :focus-visible { content: 'a: b, c'; }\n  :host { ${light} color: var(${name}, ${fallback}); }\n`;";
    assert.equal(minifyCssTemplates(source), "const a = css`.a :focus-visible{content:'a: b, c'}:host{${light} color:var(${name},${fallback})}`;");
  });

  it("drops a fraction's leading zero and the quotes of a plain attribute value, but not of any other string", () => {
    const source = "const a = css`[part='base'] [part~=\"x\"], [title='a b'] { opacity: 0.6; margin: 10.5px 0.25rem; content: '0.5'; }`;";
    assert.equal(minifyCssTemplates(source), "const a = css`[part=base] [part~=\"x\"],[title='a b']{opacity:.6;margin:10.5px .25rem;content:'0.5'}`;");
  });

  it('drops the spaces around * and / in calc() only, where they are not selectors', () => {
    const source = 'const a = css`.a * .b { gap: calc(var(--x) * 1.5) calc(var(--x) / 2 + 1px); grid-column: 1 / -1; }`;';
    assert.equal(minifyCssTemplates(source), 'const a = css`.a * .b{gap:calc(var(--x)*1.5) calc(var(--x)/2 + 1px);grid-column:1 / -1}`;');
  });

  it('leaves html`…` and other templates alone, whitespace included', () => {
    const source = 'const t = html`<span>a</span> <span>b</span>`; const s = `  x  `;';
    assert.equal(minifyCssTemplates(source), source);
  });
});
