// An esbuild plugin for the widgets' own sources that minifies the static text of lit's css`…` templates:
// comments out, whitespace collapsed. esbuild's minifier leaves template text alone, so every comment and
// indent of a style sheet would ship. Interpolations `${…}` are kept as written. html`…` and svg`…` get
// the gentler treatment of minify-html.mjs: there whitespace between inline elements is text (generic
// template minifiers such as esbuild-minify-templates collapse it too), so only indentation goes.
import { readFile } from 'node:fs/promises';
import { minifyHtmlTemplates } from './minify-html.mjs';

/**
 * Minified CSS text: comments removed; outside quoted strings, runs of whitespace one space, none around
 * braces, semicolons, commas and `>`, nor around `*` and `/` in calc() (which needs them only around + and
 * -; elsewhere `.a *` is a selector), none after a colon (before one it is a descendant combinator:
 * `.a :hover`), no semicolon before a closing brace, and no leading zero of a fraction (`0.5rem`: `.5rem`).
 * An attribute selector's quoted value that is a plain name loses its quotes (`[part='base']`:
 * `[part=base]`); any other quoted string is kept as written.
 */
export function minifyCssText(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(\[[\w-]+[~|^$*]?=)'([a-z][\w-]*)'\]/gi, '$1$2]')
    .split(/('[^']*'|"[^"]*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/calc\([^;{}]*\)/g, (calc) => calc.replace(/\s*([*/])\s*/g, '$1'))
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}')
            .replace(/(^|[^\w.#-])0\.(\d)/g, '$1.$2'),
    )
    .join('');
}

/** The source with the static parts of each css`…` literal minified. */
export function minifyCssTemplates(source) {
  let out = '';
  let at = 0;
  for (let start = source.indexOf('css`', at); start !== -1; start = source.indexOf('css`', at)) {
    out += source.slice(at, start + 4);
    let i = start + 4;
    let chunk = '';
    // The template's own leading and trailing whitespace goes; around an interpolation it may separate words.
    let first = true;
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        chunk += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        // Keep the interpolation as written, braces balanced.
        out += first ? minifyCssText(chunk).trimStart() : minifyCssText(chunk);
        first = false;
        chunk = '';
        let depth = 0;
        const from = i;
        for (; i < source.length; i++) {
          if (source[i] === '{') depth++;
          else if (source[i] === '}' && --depth === 0) break;
        }
        out += source.slice(from, ++i);
      } else chunk += source[i++];
    }
    const last = minifyCssText(chunk).trimEnd();
    out += `${first ? last.trimStart() : last}\``;
    at = i + 1;
  }
  return out + source.slice(at);
}

export const minifyTemplates = {
  name: 'minify-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]widgets[\\/].*\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const css = source.includes('css`') ? minifyCssTemplates(source) : source;
      return { contents: /(?:html|svg)`/.test(css) ? minifyHtmlTemplates(css) : css, loader: 'ts' };
    });
  },
};
