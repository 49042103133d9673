/**
 * German for every widget: `import 'metronome-widgets/locales/de'` (or load `dist/locales/de.js`) once
 * on the page. Widgets whose locale is German (`de`, `de-AT`, `de-CH`…) then speak it, and those on
 * screen re-render. Its own module, so pages that do not need it do not download it.
 */
import { de } from '../shared/i18n/de.ts';
import { registerMessages } from '../shared/i18n/registry.ts';

registerMessages('de', de);
