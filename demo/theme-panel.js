// The demo's theme panel: a control per theme token, generated from the widgets' palette table, applied
// live as custom properties on the page; presets, a light/dark mode and a WCAG contrast report.
import { checkPalette, describeFailure, relativeLuminance } from './contrast.js';
import { buildPresets, FONTS, SIZES } from './presets.js';

const FONT = '--metronome-font-family';

/** Colour tokens by what they paint; a token the table gains later lands in "Other". */
const GROUPS = [
  ['Text and surfaces', /^--metronome-(gray-|white$)/],
  ['Accent', /^--metronome-primary-(medium|light)$/],
  ['Series', /^--metronome-usage-line-/],
  ['Status', /^--metronome-primary-(green|red)$/],
  ['Balance bars', /^--metronome-progress-bar/],
  ['Actions', /^--metronome-action/],
];

/** `--metronome-usage-line-0` as "Usage line 0". */
const readable = (property) => {
  const words = property.replace('--metronome-', '').replace(/-/g, ' ');
  return words[0].toUpperCase() + words.slice(1);
};
const idFor = (property) => `token${property.slice(1)}`;

/** A small element builder: attributes by name (`false`/`null` leave one out), then children. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== false && value != null) element.setAttribute(name, value === true ? '' : value);
  element.append(...children);
  return element;
}

function colorRow(token) {
  const id = idFor(token.property);
  return h(
    'div',
    { class: 'color', 'data-token': token.property },
    h('input', { type: 'color', id, name: token.property, 'aria-describedby': `${id}-hint`, value: token.light }),
    h('label', { for: id }, readable(token.property)),
    h('code', { 'aria-hidden': 'true' }),
    h('small', { id: `${id}-hint` }, token.role),
  );
}

function colorFieldsets(tokens) {
  const groups = new Map([...GROUPS.map(([name]) => [name, []]), ['Other', []]]);
  for (const token of tokens) groups.get(GROUPS.find(([, test]) => test.test(token.property))?.[0] ?? 'Other').push(token);
  return [...groups]
    .filter(([, members]) => members.length > 0)
    .map(([name, members]) => h('fieldset', { class: 'colors' }, h('legend', {}, name), ...members.map(colorRow)));
}

function shapeControls() {
  const font = h('select', { name: 'font' }, ...FONTS.map(([value, label]) => h('option', { value }, label)));
  const sliders = SIZES.map((size) => {
    const id = idFor(size.property);
    const input = h('input', { type: 'range', id, name: size.property, min: size.min, max: size.max, step: size.step, value: size.value, 'data-unit': size.unit });
    return h('div', { class: 'size' }, h('label', { for: id }, size.label), h('span', { class: 'value', 'aria-hidden': 'true' }), input);
  });
  return [h('label', {}, 'Font family', font), ...sliders];
}

/**
 * Builds the panel into `form` and applies its values to `target` (its style and class). `tokens` is the
 * widgets' COLOR_TOKENS; `onChange(state)` runs after every edit the viewer makes (not the first apply).
 * Returns `{ state, choosePreset }`.
 */
export function createThemePanel({ form, tokens, target, report, presetsBox, onChange = () => {} }) {
  const presets = buildPresets(tokens);
  form.querySelector('#colors').append(...colorFieldsets(tokens));
  form.querySelector('#shape').append(...shapeControls());
  const presetButtons = presets.map((preset) => h('button', { type: 'button', 'data-preset': preset.id, 'aria-pressed': 'false' }, preset.name));
  presetsBox.append(...presetButtons);

  const field = (name) => form.elements.namedItem(name);
  const systemDark = matchMedia('(prefers-color-scheme: dark)');
  /** The palette a mode stands for: its own, or the system's for System (''). */
  const paletteOf = (mode) => mode || (systemDark.matches ? 'dark' : 'light');
  /** The palette (light or dark) the colours were last applied under. */
  let palette = 'light';

  /** What the form says now. */
  const state = () => ({
    colors: Object.fromEntries(tokens.map((t) => [t.property, field(t.property).value])),
    sizes: Object.fromEntries(SIZES.map((s) => [s.property, `${field(s.property).value}${s.unit}`])),
    font: field('font').value,
    mode: field('mode').value,
  });

  let lastReport = '';
  function reportContrast(colors) {
    const results = checkPalette(colors);
    const failures = results.filter((r) => !r.pass);
    for (const row of form.querySelectorAll('.color')) row.toggleAttribute('data-fails', failures.some((f) => f.fg === row.dataset.token));
    const text = failures.map(describeFailure).join('\n') || `all ${results.length}`;
    if (text === lastReport) return; // the live region speaks only when the verdict changes
    lastReport = text;
    report.replaceChildren(
      ...(failures.length
        ? [
            h('p', { class: 'warn' }, `${failures.length} ${failures.length === 1 ? 'pair is' : 'pairs are'} below WCAG AA:`),
            h('ul', {}, ...failures.map((f) => h('li', {}, describeFailure(f)))),
          ]
        : [h('p', { class: 'pass' }, `All pairs pass WCAG AA (${results.length} checked).`)]),
    );
  }

  function apply() {
    const now = state();
    palette = paletteOf(now.mode);
    for (const [property, value] of Object.entries({ ...now.colors, ...now.sizes })) target.style.setProperty(property, value);
    if (now.font) target.style.setProperty(FONT, now.font);
    else target.style.removeProperty(FONT);
    target.classList.toggle('dark', now.mode === 'dark');
    target.classList.toggle('light', now.mode === 'light');
    // Native controls (selects, sliders, scrollbars) follow the background, whatever the mode.
    target.style.colorScheme = relativeLuminance(now.colors['--metronome-white']) < 0.2 ? 'dark' : 'light';
    for (const row of form.querySelectorAll('.color')) row.querySelector('code').textContent = row.querySelector('input').value;
    for (const size of form.querySelectorAll('.size')) {
      const input = size.querySelector('input');
      const value = `${input.value}${input.dataset.unit}`;
      size.querySelector('.value').textContent = value;
      input.setAttribute('aria-valuetext', value);
    }
    reportContrast(now.colors);
    return now;
  }

  /**
   * The panel sets every colour on the page, and a colour set on the page wins over the palette the
   * widgets pick by class: so a mode alone would leave the light colours in place. Moving from one
   * palette to another, every colour that still holds the old palette's default takes the new one's;
   * colours the viewer or a brand preset chose stay as they are.
   */
  function changePalette(from, to) {
    if (from === to) return;
    for (const token of tokens) {
      const input = field(token.property);
      if (input.value.toLowerCase() === token[from].toLowerCase()) input.value = token[to];
    }
  }

  function choosePreset(id) {
    const preset = presets.find((p) => p.id === id);
    for (const [property, value] of Object.entries({ ...preset.colors, ...preset.sizes })) field(property).value = value;
    field('font').value = preset.font;
    field('mode').value = preset.mode;
    for (const button of presetButtons) button.setAttribute('aria-pressed', String(button.dataset.preset === id));
    return apply();
  }

  presetsBox.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-preset]');
    if (button) onChange(choosePreset(button.dataset.preset));
  });
  form.addEventListener('input', (event) => {
    if (event.target === field('mode')) changePalette(palette, paletteOf(field('mode').value));
    for (const button of presetButtons) button.setAttribute('aria-pressed', 'false');
    onChange(apply());
  });
  // System follows the system's setting as it changes.
  systemDark.addEventListener('change', () => {
    if (field('mode').value !== '') return;
    changePalette(palette, paletteOf(''));
    onChange(apply());
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  choosePreset(systemDark.matches ? 'dark' : 'light');
  return { state, choosePreset };
}
