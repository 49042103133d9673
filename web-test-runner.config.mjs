import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';

/**
 * esbuild drops `with { type: 'json' }` when it lowers to es2022, and the browser will not run a JSON
 * file imported without it, so JSON imports (the simulator's copy of the Metronome spec) are served as JS.
 */
const jsonAsModule = {
  name: 'json-as-module',
  resolveMimeType: (context) => (context.path.endsWith('.json') ? 'js' : undefined),
  transform: (context) => (context.path.endsWith('.json') ? { body: `export default ${context.body};` } : undefined),
};

// Debian's Chromium (see README): nothing here downloads a browser.
export default {
  files: 'widgets/**/*.test.ts',
  nodeResolve: true,
  // Parallel pages on a 2-core machine mostly contend; one at a time is as fast and steadier.
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  plugins: [
    jsonAsModule,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    // Screenshot tests compare against the PNGs committed under widgets/test/screenshots/<browser>/baseline;
    // a missing baseline fails. `npm run screenshots:update` rewrites them (look at them before committing).
    // A fifth of a percent of pixels absorbs anti-aliasing noise; one wrong border colour changes more.
    visualRegressionPlugin({
      update: process.env.UPDATE_SCREENSHOTS === '1',
      baseDir: 'widgets/test/screenshots',
      failureThresholdType: 'percent',
      failureThreshold: 0.2,
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
};
