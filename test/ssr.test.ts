import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import type { Browser } from 'puppeteer-core';
import { launchChromium, serveOnLoopback } from './chromium.ts';

/**
 * Server-side rendering, as Next.js, Astro or any Node server does it: the widget modules load in a plain
 * Node process (no DOM; lit's Node build brings its own small shims), @lit-labs/ssr renders every element
 * into a declarative shadow root holding its loading state, and in the browser the elements take over
 * that markup, with or without lit's hydrate support on the page.
 */

const tags = readdirSync('widgets', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`widgets/${d.name}/${d.name}.ts`))
  .map((d) => d.name);

/** Attributes a server page would write, so attribute handling runs on the server too. */
const ATTRIBUTES: Record<string, string> = {
  'usage-chart': 'billable-metric-id="0d7e3b5a-2c81-4f96-b4e0-9a1d6c3f8e27" group-key="region" compare theme="dark"',
  'spend-breakdown': 'group-by="region" window-size="hour" range="7d"',
  'balance-ledger': 'locale="de-DE" time-zone="Europe/Berlin"',
  'usage-alerts': 'locale="de-DE"',
  'invoice-list': 'days="30" status="draft"',
  'metronome-dashboard': 'dashboard="usage" group-key-overrides=\'{"region": {"display_name": "Region"}}\'',
};

/** Every element, server-rendered into one page body; `options` go to LitElementRenderer for all of them. */
async function serverRender(options: { connectedCallback?: boolean } = {}) {
  const { render, LitElementRenderer } = await import('@lit-labs/ssr');
  const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
  const { html, unsafeStatic } = await import('lit/static-html.js');
  const configure = () => options;
  LitElementRenderer.renderOptions.push(configure);
  try {
    const pieces: Record<string, string> = {};
    for (const tag of tags) {
      const name = unsafeStatic(tag);
      pieces[tag] = await collectResult(render(html`<${name} ${unsafeStatic(ATTRIBUTES[tag] ?? '')}></${name}>`));
    }
    return pieces;
  } finally {
    LitElementRenderer.renderOptions.splice(LitElementRenderer.renderOptions.indexOf(configure), 1);
  }
}

describe('server-side rendering', () => {
  it('finds every element', () => {
    assert.deepEqual([...tags].sort(), ['balance-ledger', 'invoice-list', 'metronome-dashboard', 'spend-breakdown', 'usage-alerts', 'usage-chart', 'usage-summary']);
  });

  it('imports every widget entry in a plain Node process, with no DOM', async () => {
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
    await import('../widgets/index.ts');
    for (const tag of tags) await import(`../widgets/${tag}/${tag}.ts`);
    const { customElements } = globalThis as unknown as { customElements: CustomElementRegistry };
    for (const tag of tags) assert.ok(customElements.get(tag), `<${tag}> is not defined`);
  });

  for (const connectedCallback of [false, true]) {
    it(`renders every element's loading state into a declarative shadow root${connectedCallback ? ', connectedCallback called' : ''}`, async () => {
      await import('../widgets/index.ts');
      const pieces = await serverRender({ connectedCallback });
      for (const tag of tags) {
        const out = pieces[tag]!;
        const host = new RegExp(`<${tag}\\b[^>]*>\\s*<template shadowroot="open" shadowrootmode="open">`);
        assert.match(out, host, `<${tag}> has no declarative shadow root`);
        const shadow = out.slice(out.search(host), out.lastIndexOf('</template>'));
        assert.match(shadow, /<style>[^<]*:host \{/, `<${tag}>'s styles are not in its shadow root`);
        assert.match(shadow, /<div part="base" aria-busy="true">/, `<${tag}>'s base part, busy`);
        assert.match(shadow, /<div part="loading" class="loading" role="status"/, `<${tag}>'s loading state`);
        assert.match(shadow, /Loading [^<]*…/, `<${tag}>'s loading label`);
      }
      // Attributes the page wrote stay on the host, reflected ones included.
      assert.match(pieces['usage-chart']!, /<usage-chart\s+billable-metric-id="0d7e3b5a-[^"]*" group-key="region" compare theme="dark">/);
      assert.match(pieces['metronome-dashboard']!, /Loading the usage dashboard…/);
    });
  }
});

describe('server-rendered elements in the browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const pages = new Map<string, string>();

  before(async () => {
    await import('../widgets/index.ts');
    const pieces = await serverRender();
    const body = tags.map((tag) => pieces[tag]).join('\n');
    // The page gives every element a session that never answers, so each stays in its loading state.
    const session = 'for (const el of document.querySelectorAll(\'body > *\')) el.tokenProvider = () => new Promise(() => {});';
    // Lit's hydrate support must run before lit itself; esbuild keeps the imports' order.
    for (const [name, prelude] of [['plain', ''], ['hydrate', "import '@lit-labs/ssr-client/lit-element-hydrate-support.js';\n"]] as const) {
      const bundle = await build({
        stdin: { contents: `${prelude}import './widgets/index.ts';`, resolveDir: process.cwd(), loader: 'ts' },
        bundle: true,
        format: 'esm',
        target: 'es2022',
        write: false,
        logLevel: 'warning',
      });
      pages.set(`/${name}.js`, bundle.outputFiles[0]!.text);
      pages.set(`/${name}-session.js`, session);
      pages.set(
        `/${name}.html`,
        `<!doctype html><html lang="en"><head><script type="module" src="/${name}-session.js"></script><script type="module" src="/${name}.js"></script></head><body>${body}</body></html>`,
      );
    }
    ({ server, origin } = await serveOnLoopback((request, response) => {
      const text = pages.get(request.url ?? '');
      if (text === undefined) return void response.writeHead(request.url === '/favicon.ico' ? 204 : 404).end();
      response.writeHead(200, { 'content-type': request.url!.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(text);
    }));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  for (const name of ['plain', 'hydrate']) {
    it(`shows the server's placeholder, then each element's own render in its place${name === 'hydrate' ? ", with lit's hydrate support loaded" : ''}`, async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
      // Before any script runs, the parser has attached each element's server-rendered shadow root.
      await page.setJavaScriptEnabled(false);
      await page.goto(`${origin}/${name}.html`);
      const parsed = await page.evaluate((list) => list.map((tag) => document.querySelector(tag)!.shadowRoot?.querySelectorAll('[part="loading"]').length ?? 0), tags);
      assert.deepEqual(parsed, tags.map(() => 1), 'one server-rendered loading state per element');

      await page.setJavaScriptEnabled(true);
      await page.goto(`${origin}/${name}.html`);
      await page.waitForFunction((list) => list.every((tag) => customElements.get(tag) && (document.querySelector(tag) as unknown as { hasUpdated: boolean }).hasUpdated), {}, tags);
      const upgraded = await page.evaluate((list) =>
        list.map((tag) => {
          const root = document.querySelector(tag)!.shadowRoot!;
          return {
            tag,
            bases: root.querySelectorAll('[part="base"]').length,
            loading: root.querySelectorAll('[part="loading"]').length,
            styleElements: root.querySelectorAll('style').length,
            adopted: root.adoptedStyleSheets.length > 0,
          };
        }),
      tags);
      for (const element of upgraded) assert.deepEqual(element, { tag: element.tag, bases: 1, loading: 1, styleElements: 0, adopted: true });
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
