// Minifies the static text of lit's html`…` and svg`…` templates in the widgets' own sources: each run of
// whitespace that holds a line break (the source's indentation) becomes one space (which compresses
// better among the code's spaces than a line break). Spaces and breaks render alike wherever the widgets
// put text (no <pre>, no white-space: pre), so the page is the same; whitespace without a line break, between inline elements or words, is kept as written, and
// nothing is removed outright. Inside tags, an attribute value the HTML parser reads alike unquoted
// (`class="tooltip-row"`) loses its quotes. Templates nested in `${…}` are minified too; other template literals,
// strings, comments and regular expressions are left alone.

/** Stops the build on a source the scanner cannot follow (an unterminated string, or a regex taken for a division). */
function misread(at) {
  throw new Error(`minify-html: the source could not be read past character ${at}`);
}

/** Characters after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set([...'(,=:[!&|?{};+-*%<>~^'], undefined);

/**
 * Reads `source` from `at` as code until an unmatched `}` (the end of an interpolation) or its end.
 * Returns the code with its html`…` / svg`…` templates minified, and where it stopped.
 */
function scanCode(source, at) {
  let out = '';
  let depth = 0;
  let i = at;
  let last; // the last character that is not whitespace, for telling a regex from a division
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      const to = end === -1 ? source.length : end;
      out += source.slice(i, to);
      i = to;
    } else if (c === '/' && source[i + 1] === '*') {
      const to = source.indexOf('*/', i + 2) + 2;
      if (to === 1) misread(i);
      out += source.slice(i, to);
      i = to;
    } else if (c === '/' && (BEFORE_REGEX.has(last) || /\b(?:return|typeof|case|of|in)$/.test(out.trimEnd()))) {
      let j = i + 1;
      for (let inClass = false; source[j] !== '/' || inClass; j++) {
        if (j >= source.length || source[j] === '\n') misread(i);
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
      }
      out += source.slice(i, j + 1);
      i = j + 1;
      last = '/';
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      for (; source[j] !== c; j++) {
        if (j >= source.length || source[j] === '\n') misread(i);
        if (source[j] === '\\') j++;
      }
      out += source.slice(i, j + 1);
      i = j + 1;
      last = c;
    } else if (c === '`') {
      const template = scanTemplate(source, i + 1, /(?:^|[^\w$.])(?:html|svg)\s*$/.test(out));
      out += `\`${template.text}\``;
      i = template.end + 1;
      last = '`';
    } else {
      if (c === '{') depth++;
      else if (c === '}' && depth-- === 0) return { text: out, end: i };
      out += c;
      i++;
      // A TypeScript non-null assertion (`a[i]! / b`) ends a value, as what it follows does.
      if (!/\s/.test(c) && !(c === '!' && /[\w$)\]]/.test(last ?? ''))) last = c;
    }
  }
  return { text: out, end: i };
}

/**
 * The static text `chunk` of an html`…` template with its indentation one space and, inside tags,
 * the quotes dropped around a whole attribute value without whitespace, quotes, `=`, `<`, `>` or a
 * backtick, when whitespace or the tag's end follows (never before an interpolation). `state` is where
 * the chunk starts: in `text`, a `tag`, or a value quoted with `"` or `'` (a binding splits a tag or
 * value); returns the text and where it ends.
 */
function minifyChunk(chunk, state) {
  const text = chunk.replace(/[ \t]*\n\s*/g, ' ');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === 'text') {
      if (c === '<' && /[a-z]/i.test(text[i + 1] ?? '')) state = 'tag';
    } else if (state === 'tag') {
      const plain = c === '"' && text[i - 1] === '=' ? /^"([^\s"'=<>`]+)"(?=[\s>])/.exec(text.slice(i)) : null;
      if (plain) {
        out += plain[1];
        i += plain[0].length - 1;
        continue;
      }
      if (c === '"' || c === "'") state = c;
      else if (c === '>') state = 'text';
    } else if (c === state) state = 'tag';
    out += c;
  }
  return { text: out, state };
}

/** Reads a template literal from just after its opening backtick to its closing one (`end`). */
function scanTemplate(source, at, minify) {
  let out = '';
  let chunk = '';
  let state = 'text';
  const flush = () => {
    if (minify) ({ text: chunk, state } = minifyChunk(chunk, state));
    out += chunk;
    chunk = '';
  };
  let i = at;
  while (source[i] !== '`') {
    if (i >= source.length) misread(at);
    if (source[i] === '\\') {
      chunk += source.slice(i, i + 2);
      i += 2;
    } else if (source[i] === '$' && source[i + 1] === '{') {
      flush();
      const code = scanCode(source, i + 2);
      if (code.end >= source.length) misread(i);
      out += `\${${code.text}}`;
      i = code.end + 1;
    } else chunk += source[i++];
  }
  flush();
  return { text: out, end: i };
}

/** The source with the static parts of each html`…` and svg`…` literal minified; throws on a source it cannot follow. */
export function minifyHtmlTemplates(source) {
  const { text, end } = scanCode(source, 0);
  if (end < source.length) misread(end);
  return text;
}
