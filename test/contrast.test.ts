import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPalette, contrastRatio, CONTRAST_PAIRS, describeFailure, formatRatio, parseHex, relativeLuminance } from '../demo/contrast.js';
import { buildPresets, SIZES } from '../demo/presets.js';
import { COLOR_TOKENS } from '../widgets/shared/theme/palette.ts';

/** The demo's contrast check (WCAG 2.x) and the presets it ships, which must all pass it. */

const close = (actual: number, expected: number, places = 2) =>
  assert.ok(Math.abs(actual - expected) < 10 ** -places / 2, `${actual} is not ${expected} to ${places} places`);

describe('contrast (WCAG 2.x)', () => {
  it('parses #rgb and #rrggbb, and refuses anything else', () => {
    assert.deepEqual(parseHex('#ffffff'), [255, 255, 255]);
    assert.deepEqual(parseHex('#0a0B0c'), [10, 11, 12]);
    assert.deepEqual(parseHex('#f80'), [255, 136, 0]);
    for (const bad of ['red', '#ffff', 'rgb(0,0,0)', '#gggggg', '']) assert.throws(() => parseHex(bad), /not a #rrggbb colour/);
  });

  it('has the relative luminance of black, white and the sRGB primaries', () => {
    assert.equal(relativeLuminance('#000000'), 0);
    assert.equal(relativeLuminance('#ffffff'), 1);
    close(relativeLuminance('#ff0000'), 0.2126, 4);
    close(relativeLuminance('#00ff00'), 0.7152, 4);
    close(relativeLuminance('#0000ff'), 0.0722, 4);
    close(relativeLuminance('#808080'), 0.2159, 4);
  });

  it('gives the known ratios, in either order', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#000000'), 21);
    assert.equal(contrastRatio('#123456', '#123456'), 1);
    close(contrastRatio('#777777', '#ffffff'), 4.48);
    close(contrastRatio('#767676', '#ffffff'), 4.54);
    close(contrastRatio('#595959', '#ffffff'), 7.0, 1);
    close(contrastRatio('#ff0000', '#ffffff'), 4.0);
    close(contrastRatio('#0000ff', '#ffffff'), 8.59);
  });

  it('fails #777 text on white and passes #767676, the darkest grey that fails being 4.48', () => {
    const check = (fg: string) => checkPalette({ '--metronome-gray-dark': fg, '--metronome-white': '#ffffff' });
    assert.equal(check('#777777')[0]!.pass, false);
    assert.equal(check('#767676')[0]!.pass, true);
  });

  it('shows ratios truncated to one decimal, so a failing 4.48 never reads as 4.5', () => {
    assert.equal(formatRatio(4.48), '4.4');
    assert.equal(formatRatio(4.5), '4.5');
    assert.equal(formatRatio(21), '21.0');
    assert.equal(formatRatio(2.999), '2.9');
  });

  it('checks text at 4.5:1 and graphics at 3:1, every series included', () => {
    const min = (fg: string, bg = 'white') => CONTRAST_PAIRS.find((p) => p.fg === `--metronome-${fg}` && p.bg === `--metronome-${bg}`)?.min;
    for (const fg of ['gray-dark', 'gray-medium', 'action', 'action-hover', 'primary-red', 'primary-green']) assert.equal(min(fg), 4.5, fg);
    assert.equal(min('gray-dark', 'primary-light'), 4.5);
    assert.equal(min('primary-medium'), 3);
    for (let i = 0; i < 10; i++) assert.equal(min(`usage-line-${i}`), 3, `usage-line-${i}`);
  });

  it('names the pair, the ratio and the minimum of a failure', () => {
    const [result] = checkPalette({ '--metronome-gray-dark': '#eeeeee', '--metronome-white': '#ffffff' });
    assert.equal(describeFailure(result!), 'Text on the background (gray-dark on white): 1.1:1, needs at least 4.5:1');
  });

  it('leaves out pairs whose tokens the palette lacks', () => {
    assert.deepEqual(checkPalette({ '--metronome-white': '#ffffff' }), []);
  });
});

describe('demo presets', () => {
  const presets = buildPresets(COLOR_TOKENS);

  it('are Light and Dark (the widgets\' own palettes) and two brand examples', () => {
    assert.deepEqual(presets.map((p) => p.id), ['light', 'dark', 'ocean', 'ember']);
    const defaults = (mode: 'light' | 'dark') => Object.fromEntries(COLOR_TOKENS.map((t) => [t.property, t[mode]]));
    assert.deepEqual(presets[0]!.colors, defaults('light'));
    assert.deepEqual(presets[1]!.colors, defaults('dark'));
    assert.equal(presets[1]!.mode, 'dark');
  });

  for (const preset of presets) {
    it(`${preset.name} sets every token with a valid value`, () => {
      assert.deepEqual(Object.keys(preset.colors).sort(), COLOR_TOKENS.map((t) => t.property).sort());
      for (const [property, value] of Object.entries(preset.colors)) assert.match(value, /^#[0-9a-f]{6}$/, property);
      for (const size of SIZES) {
        const value = preset.sizes[size.property];
        assert.ok(value !== undefined && value >= size.min && value <= size.max, `${size.property}: ${value}`);
      }
    });

    it(`${preset.name} passes every checked pair at WCAG AA`, () => {
      const results = checkPalette(preset.colors);
      assert.equal(results.length, CONTRAST_PAIRS.length);
      assert.deepEqual(results.filter((r) => !r.pass).map(describeFailure), []);
    });
  }
});
