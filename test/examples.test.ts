import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'puppeteer-core';
import { createSimulator } from '../simulator/index.ts';
import { launchChromium } from './chromium.ts';
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts';
import { EXAMPLES, exampleNames, LOCKED_PACKAGE, packInto, TARBALL } from '../scripts/examples.mjs';

/**
 * The examples (examples/) as a product team copies them: the package packed as npm would publish it,
 * each example installed from its own lockfile with that tarball, the frontends built (type-checked
 * first), the example backend (Express mounting createProxy) in front of the simulator serving each
 * built frontend, and every page in headless Chromium drawing the simulator's data without a console
 * error. Installs come from npm's cache when the root install filled it, else from the registry.
 */

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const names = exampleNames();
const METRONOME_TOKEN = 'examples-metronome-token';
const env = { METRONOME_API_TOKEN: METRONOME_TOKEN, SESSION_SECRET: 'a-session-secret-of-at-least-32-characters', COOKIE_SECRET: 'a-cookie-secret' };

const work = mkdtempSync(join(tmpdir(), 'examples-'));
const dir = (name: string) => join(work, name);
const processes: ProxyProcess[] = [];
let simulator: ServerType;
let browser: Browser;

const run = promisify(execFile);
/** `npm <args>` in an example's copy; fails with npm's output. */
async function npm(name: string, args: string[], timeoutMs: number) {
  try {
    await run('npm', args, { cwd: dir(name), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} in examples/${name} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

/** Runs `step` for every example at once (installs and builds mostly wait on disk and network) and reports how long each took. */
async function timed(t: TestContext, label: string, which: string[], step: (name: string) => Promise<unknown>) {
  const started = Date.now();
  await Promise.all(
    which.map(async (name) => {
      const start = Date.now();
      await step(name);
      t.diagnostic(`${label} examples/${name}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }),
  );
  t.diagnostic(`${label}, all: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A port nobody listens on now, for a server whose origin another must know before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts an example's server (`node server.js`) with the simulator as Metronome; resolves to its URL. */
async function start(name: string, settings: NodeJS.ProcessEnv): Promise<string> {
  const server = await startProxyProcess({ ...env, ...settings }, { command: ['node', 'server.js'], cwd: dir(name) });
  processes.push(server);
  return server.url;
}

/** What the page said went wrong: console errors, uncaught exceptions, failed requests and error answers. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  // The browser asks every origin for /favicon.ico; the examples have none.
  const favicon = (url: string | undefined) => url?.endsWith('/favicon.ico');
  page.on('console', (message) => void (message.type() === 'error' && !favicon(message.location().url) && problems.push(`console: ${message.text()} (${message.location().url})`)));
  page.on('pageerror', (error) => problems.push(`exception: ${String(error)}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => void (response.status() >= 400 && !favicon(response.url()) && problems.push(`${response.status()}: ${response.url()}`)));
  return problems;
}

/** What each element draws once it has data: the marks of its chart, or the rows of its table. */
const MARKS: Record<string, string> = {
  'usage-chart': 'path[part~="series"][d]:not([d=""])',
  'spend-breakdown': 'path[part~="series"][d]:not([d=""])',
  'balance-ledger': '[part~="row"]',
  'invoice-list': '[part~="row"]',
};

/** Signs in as Ada (Acme Robotics) in a fresh browser profile, opens the app's page and waits for `tags` to draw. */
async function signInAndOpen(origin: string, tags: string[]): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1100, height: 1400 });
  const problems = watch(page);
  await page.goto(new URL('/sign-in?user=ada', origin).href); // redirects to the app's page
  await drawn(page, tags);
  return { page, problems };
}

/** Waits until every element of `tags` in the page shows its marks; says which did not. */
async function drawn(page: Page, tags: string[]) {
  const marks = Object.fromEntries(tags.map((tag) => [tag, MARKS[tag]!]));
  const shown = await page
    .waitForFunction(
      (wanted: Record<string, string>) => Object.entries(wanted).every(([tag, selector]) => document.querySelector(tag)?.shadowRoot?.querySelector(selector)),
      { timeout: 30_000 },
      marks,
    )
    .then(() => true, () => false);
  if (shown) return;
  const missing = await page.evaluate(
    (wanted: Record<string, string>) => Object.entries(wanted).filter(([tag, selector]) => !document.querySelector(tag)?.shadowRoot?.querySelector(selector)).map(([tag]) => tag),
    marks,
  );
  assert.fail(`not drawn within 30 s on ${page.url()}: ${missing.join(', ')}`);
}

describe('the examples, from the packed package', { timeout: 20 * 60_000 }, () => {
  before(async () => {
    for (const name of names) {
      // The example's own files, as a team would copy them: nothing a previous local install or build left.
      cpSync(join(EXAMPLES, name), dir(name), { recursive: true, filter: (source) => !['node_modules', 'dist', 'vendor'].includes(basename(source)) });
    }
    simulator = serve({ fetch: createSimulator({ apiToken: METRONOME_TOKEN }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((done) => simulator.once('listening', done));
    Object.assign(env, { METRONOME_BASE_URL: `http://127.0.0.1:${(simulator.address() as AddressInfo).port}` });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    for (const server of processes) server.child.kill('SIGTERM');
    await Promise.all(processes.map((server) => server.exited));
    simulator?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('are five, each with a README and a lockfile that locks the package\'s dependencies but not the tarball', () => {
    assert.deepEqual(names, ['backend', 'htmx', 'plain-html', 'react', 'vue']);
    for (const name of names) {
      readFileSync(join(EXAMPLES, name, 'README.md'), 'utf8');
      const manifest = JSON.parse(readFileSync(join(EXAMPLES, name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      assert.equal(manifest.dependencies['metronome-widgets'], `file:../${TARBALL}`, name);
      const locked = (JSON.parse(readFileSync(join(EXAMPLES, name, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; integrity?: string; dependencies?: Record<string, string> }> })
        .packages[LOCKED_PACKAGE]!;
      const advice = `examples/${name}/package-lock.json is out of date: run npm run examples:lock`;
      assert.equal(locked.integrity, undefined, `${advice} (it pins the tarball's integrity, which changes with every build)`);
      assert.equal(locked.version, pkg.version, advice);
      assert.deepEqual(locked.dependencies, pkg.dependencies, advice);
    }
  });

  it('install from their lockfiles with the packed package', async (t) => {
    const started = Date.now();
    packInto(work);
    t.diagnostic(`npm pack (with its build): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await timed(t, 'npm ci', names, (name) => npm(name, ['ci', '--prefer-offline', '--no-audit', '--no-fund'], 10 * 60_000));
  });

  it('build, type-checking React with tsc and Vue with vue-tsc first', async (t) => {
    await timed(t, 'npm run build', ['plain-html', 'react', 'vue'], (name) => npm(name, ['run', 'build'], 5 * 60_000));
  });

  it('fail to build when a template gives an element a wrong value', async () => {
    for (const [name, file] of [['react', 'src/App.tsx'], ['vue', 'src/App.vue']] as const) {
      const path = join(dir(name), file);
      const source = readFileSync(path, 'utf8');
      writeFileSync(path, source.replace('range="30d"', 'range="week"'));
      try {
        await assert.rejects(npm(name, ['run', 'build'], 5 * 60_000), /"week"' is not assignable to type/, name);
      } finally {
        writeFileSync(path, source);
      }
    }
  });

  it('plain HTML: the CDN file and configure() with the backend\'s token URL draw every element', async () => {
    const origin = await start('backend', { STATIC_DIR: join(dir('plain-html'), 'public') });
    const { page, problems } = await signInAndOpen(origin, ['spend-breakdown', 'usage-chart', 'balance-ledger', 'invoice-list']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('React: the per-element entries, on the backend\'s proxy that reads its session cookie', async () => {
    const origin = await start('backend', { STATIC_DIR: join(dir('react'), 'dist') });
    const { page, problems } = await signInAndOpen(origin, ['usage-chart', 'balance-ledger', 'invoice-list']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('Vue: token-url and endpoint bound in the template', async () => {
    const origin = await start('backend', { STATIC_DIR: join(dir('vue'), 'dist') });
    const { page, problems } = await signInAndOpen(origin, ['spend-breakdown', 'usage-chart', 'invoice-list']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('HTMX: server-rendered attributes under a strict CSP, the proxy on another origin, and a widget swapped in after load', async () => {
    const appPort = await freePort();
    const proxy = await start('backend', { ALLOWED_ORIGINS: `http://localhost:${appPort}` });
    const origin = await start('htmx', { PORT: String(appPort), BILLING_PROXY_URL: new URL('/billing-by-token', proxy).href });
    const csp = (await fetch(new URL('/sign-in', origin))).headers.get('content-security-policy') ?? '';
    assert.match(csp, /^default-src 'self'; connect-src 'self' http:\/\/localhost:\d+;/, 'no inline script or style, and the widgets may call the proxy');
    const { page, problems } = await signInAndOpen(origin, ['spend-breakdown', 'usage-chart']);
    assert.equal(await page.$('invoice-list'), null, 'the invoices come with the fragment');
    await page.click('button[hx-get="/fragments/invoices"]');
    await drawn(page, ['invoice-list']);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
