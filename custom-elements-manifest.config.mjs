import { existsSync, readdirSync } from 'node:fs';

/** One module per element: `widgets/<tag>/<tag>.ts`. */
const elements = readdirSync('widgets', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`widgets/${entry.name}/${entry.name}.ts`))
  .map((entry) => `widgets/${entry.name}/${entry.name}.ts`)
  .sort();

/**
 * Keeps the public contract only. Private (`#…`) and protected members are the element's own business.
 * The events are the JSDoc's `@fires {Type} name - …`: the analyzer also guesses events from
 * `dispatchEvent(new …Event(…))` calls, naming them after the constructor's argument, which is wrong here.
 */
const publicContract = {
  name: 'public-contract',
  packageLinkPhase({ customElementsManifest }) {
    for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
      if (!declaration.customElement) continue;
      declaration.members = declaration.members?.filter((m) => !m.name.startsWith('#') && (m.privacy ?? 'public') === 'public');
      declaration.events = declaration.events?.filter((e) => e.name && e.description);
    }
  },
};

/**
 * custom-elements.json, from the elements' JSDoc (`scripts/docs.mjs`, `npm run docs`, writes it and the
 * README's reference; test/manifest.test.ts fails while either is stale).
 */
export default {
  globs: elements,
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [publicContract],
};
