import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createSessionToken } from '../proxy/session.ts';
import { ACME_ID, createSimulator } from '../simulator/index.ts';
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts';

/**
 * `npm start` in production: after a build, `npm ci --omit=dev` installs no build tools (no tsx, no
 * esbuild), and `npm start` runs the compiled server, with a token against Metronome (here the
 * simulator on loopback) and without one as the demo on the compiled simulator.
 */

const root = resolve(import.meta.dirname, '..');
const ensureBuilt = (await import(pathToFileURL(join(root, 'scripts/ensure-built.mjs')).href)) as { needsBuild: (root: string, canBuild?: boolean) => 'missing' | 'stale' | null };
const TOKEN = 'production-start-token';
const SECRET = 'a-session-secret-of-at-least-32-characters';
const work = mkdtempSync(join(tmpdir(), 'production-start-'));
let upstream: ServerType;
let upstreamUrl: string;

/** A deployment's copy of the repo: what `npm ci` reads, the start script, and dist/ as the build left it. */
function deployment(dir: string) {
  for (const workspace of ['spec', 'bench']) mkdirSync(join(dir, workspace), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'spec/package.json', 'bench/package.json', 'scripts/ensure-built.mjs']) cpSync(join(root, file), join(dir, file));
  execFileSync(process.execPath, ['scripts/build-proxy.mjs', join(dir, 'dist/proxy')], { cwd: root });
}

async function stop(proxy: ProxyProcess) {
  proxy.child.kill('SIGTERM');
  assert.equal((await proxy.exited).code, 0, proxy.output());
}

describe('npm start after npm ci --omit=dev', { timeout: 120_000 }, () => {
  before(async () => {
    deployment(work);
    // Offline when the root install left the packages in npm's cache (CI's `npm ci` does), else from the registry.
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: work, stdio: 'ignore', timeout: 90_000 });
    upstream = serve({ fetch: createSimulator({ apiToken: TOKEN }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => upstream.once('listening', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  after(() => {
    upstream?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('installs no build tools', () => {
    assert.ok(existsSync(join(work, 'node_modules/hono')));
    for (const tool of ['tsx', 'esbuild', '@web/test-runner']) assert.ok(!existsSync(join(work, 'node_modules', tool)), tool);
  });

  it('with a token: serves the compiled proxy against Metronome and never loads simulator code', async () => {
    const proxy = await startProxyProcess(
      { METRONOME_API_TOKEN: TOKEN, METRONOME_BASE_URL: upstreamUrl, SESSION_SECRET: SECRET, NODE_OPTIONS: `--import=${pathToFileURL(join(root, 'test/forbid-simulator.mjs')).href}` },
      { command: ['npm', 'start'], cwd: work },
    );
    try {
      assert.match(proxy.output(), new RegExp(`Proxy for ${upstreamUrl}`));
      assert.equal((await fetch(`${proxy.url}healthz`)).status, 200);
      assert.equal((await fetch(`${proxy.url}readyz`)).status, 200);
      const token = await createSessionToken({ customerId: ACME_ID, secret: SECRET, ttlSeconds: 60 });
      const customer = await fetch(`${proxy.url}api/customer`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(customer.status, 200, await customer.clone().text());
      assert.equal(((await customer.json()) as { customer: { name: string } }).customer.name, 'Acme Robotics');
      assert.equal((await fetch(`${proxy.url}dev/customers`)).status, 404);
    } finally {
      await stop(proxy);
    }
  });

  it('without a token: serves the demo on the compiled simulator', async () => {
    const proxy = await startProxyProcess({}, { command: ['npm', 'start'], cwd: work, unset: ['METRONOME_API_TOKEN', 'METRONOME_BASE_URL'] });
    try {
      assert.match(proxy.output(), /Simulated Metronome on http:\/\/127\.0\.0\.1:\d+/);
      assert.equal((await fetch(`${proxy.url}healthz`)).status, 200);
      const demo = await fetch(`${proxy.url}dev/customers`);
      assert.equal(demo.status, 200);
      assert.ok(((await demo.json()) as { customers: unknown[] }).customers.length > 0);
    } finally {
      await stop(proxy);
    }
  });
});

describe('what npm start builds first', () => {
  it('builds when dist/ is missing, or older than the sources while the build tools are there; else runs dist/ as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensure-built-'));
    try {
      assert.equal(ensureBuilt.needsBuild(dir, true), 'missing');
      mkdirSync(join(dir, 'dist/proxy'), { recursive: true });
      mkdirSync(join(dir, 'proxy/test'), { recursive: true });
      writeFileSync(join(dir, 'dist/proxy/server.js'), '');
      assert.equal(ensureBuilt.needsBuild(dir, true), null, 'no sources (an installed package)');
      const past = new Date(Date.now() - 60_000);
      utimesSync(join(dir, 'dist/proxy/server.js'), past, past);
      writeFileSync(join(dir, 'proxy/test/helper.ts'), '');
      writeFileSync(join(dir, 'proxy/app.test.ts'), '');
      assert.equal(ensureBuilt.needsBuild(dir, true), null, 'tests are not the build\'s sources');
      writeFileSync(join(dir, 'proxy/app.ts'), '');
      assert.equal(ensureBuilt.needsBuild(dir, true), 'stale');
      assert.equal(ensureBuilt.needsBuild(dir, false), null, 'without the build tools (npm ci --omit=dev), dist/ runs as it is');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what to do when dist/ is missing and nothing can build it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensure-built-'));
    try {
      cpSync(join(root, 'scripts/ensure-built.mjs'), join(dir, 'scripts/ensure-built.mjs'));
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
      const result = spawnSync(process.execPath, ['scripts/ensure-built.mjs'], { cwd: dir, encoding: 'utf8' });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /dist\/proxy\/server\.js is missing and the build tools are not installed: run `npm ci && npm run build` first/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
