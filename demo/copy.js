// The theme panel's export: the current theme as a CSS block or as Metronome's color_overrides, copied to
// the clipboard when the browser allows it and always shown in a read-only text box.

/** A `:root { … }` block of every token the panel sets. */
export function toCss(state) {
  const lines = Object.entries({ ...state.colors, ...(state.font ? { '--metronome-font-family': state.font } : {}), ...state.sizes });
  return `:root {\n${lines.map(([property, value]) => `  ${property}: ${value};`).join('\n')}\n}\n`;
}

/** The body of getEmbeddableUrl's `color_overrides`: one `{name, value}` per Metronome slot, `#rrggbb`. */
export function toColorOverrides(state, tokens) {
  const items = tokens.filter((t) => t.slot).map((t) => ({ name: t.slot, value: state.colors[t.property].toLowerCase() }));
  return `[\n${items.map((item) => `  ${JSON.stringify(item)}`).join(',\n')}\n]\n`;
}

/** The clipboard, or a refusal: headless browsers and plain-http pages may never answer, so give up after a second. */
function writeClipboard(text) {
  if (!navigator.clipboard?.writeText) return Promise.reject(new Error('No clipboard'));
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('The clipboard did not answer')), 1000));
  return Promise.race([navigator.clipboard.writeText(text), timeout]);
}

/** Wires the two buttons: `getState()` is the panel's current theme, `tokens` the palette table. */
export function setUpCopy({ cssButton, jsonButton, output, label, status, getState, tokens }) {
  async function copy(text, what) {
    output.value = text;
    output.hidden = label.hidden = false;
    label.textContent = what;
    status.textContent = '';
    try {
      await writeClipboard(text);
      status.textContent = `Copied ${what} to the clipboard.`;
    } catch {
      status.textContent = `The clipboard is not available here. Select and copy the text below (${what}).`;
    }
  }
  cssButton.addEventListener('click', () => copy(toCss(getState()), 'CSS'));
  jsonButton.addEventListener('click', () => copy(toColorOverrides(getState(), tokens), 'color_overrides JSON'));
}
