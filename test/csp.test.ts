import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, servePage } from './chromium.ts';

/**
 * A page embedding the widgets under a strict Content-Security-Policy: no `'unsafe-inline'` for styles at
 * all (`style-src 'self'` covers style attributes too). Lit's constructed style sheets are not restricted
 * by CSP; a `style="…"` attribute, which lit's styleMap writes on first render, would be refused. Every
 * element is drawn from the same data on a pinned clock with and without the policy, and must report no
 * violation and draw the same pixels, tooltip and balance bars included.
 */

const STRICT = "default-src 'self'; style-src 'self'; frame-src https://metronome.test";
const TAGS = ['usage-chart', 'spend-breakdown', 'balance-ledger', 'invoice-list', 'metronome-dashboard', 'usage-summary', 'usage-alerts'];

let browser: Browser;
let server: Server;
let origin: string;

before(async () => {
  const page = '<!doctype html><html lang="en"><head><script type="module" src="/page.js"></script></head><body></body></html>';
  ({ server, origin } = await servePage('widgets/test/csp-page.ts', page, (url): Record<string, string> => (url.searchParams.get('csp') === 'strict' ? { 'content-security-policy': STRICT } : {})));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens the page, waits for every element to draw its data, and points at the usage chart's third window. */
async function open(csp: 'strict' | 'none'): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 800 });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`exception: ${String(error)}`));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(`console: ${message.text()}`)));
  // The hosted dashboard's origin (the in-page simulator's) answers with an empty page.
  await page.setRequestInterception(true);
  page.on('request', (request) =>
    request.url().startsWith('https://metronome.test/') ? void request.respond({ status: 200, contentType: 'text/html', body: '<!doctype html><title>dashboard</title>' }) : void request.continue(),
  );
  await page.goto(`${origin}/?csp=${csp}`);
  // Functions run in the page hold no named inner functions: tsx would wrap them in a helper the page lacks.
  await page.waitForFunction(
    (drawn: Record<string, string>) =>
      Object.entries(drawn).every(([tag, selector]) => document.querySelector(tag)?.shadowRoot?.querySelector(selector)),
    { timeout: 30_000 },
    {
      'usage-chart': '[part="base"][aria-busy="false"] [part~="series"]',
      'spend-breakdown': '[part="base"][aria-busy="false"] [part~="series"]',
      'balance-ledger': '[part="base"][aria-busy="false"] [part~="row"]',
      'invoice-list': '[part="base"][aria-busy="false"] [part~="row"]',
      'metronome-dashboard': 'iframe',
      'usage-summary': '[part="base"][aria-busy="false"] [part~="metric"]',
      'usage-alerts': '[part="base"][aria-busy="false"] [part~="gauge"]',
    },
  );
  await page.waitForFunction(() => document.querySelector('usage-chart')!.shadowRoot!.querySelector('[part="controls"] select option'));
  await page.evaluate((tags) => Promise.all(tags.flatMap((tag) => document.querySelector(tag)!.shadowRoot!.getAnimations().map((a) => a.finished))), TAGS);
  const plot = (await page.evaluateHandle(() => document.querySelector('usage-chart')!.shadowRoot!.querySelector('svg')))!.asElement()!;
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('usage-chart')!.shadowRoot!.querySelector('[part="tooltip"]'));
  return { page, problems };
}

async function shots(page: Page) {
  const pictures: Record<string, string> = {};
  // A page in the background draws no frames, so its screenshots would never come.
  await page.bringToFront();
  for (const tag of TAGS) {
    pictures[tag] = Buffer.from(await (await page.$(tag))!.screenshot()).toString('base64');
  }
  return pictures;
}

describe('the widgets under a strict Content-Security-Policy', { timeout: 120_000 }, () => {
  let strict: { page: Page; problems: string[] };
  let reference: { page: Page; problems: string[] };

  before(async () => {
    strict = await open('strict');
    reference = await open('none');
  });

  it('are served the policy, and report no violation, error or exception', async () => {
    const response = await fetch(`${origin}/?csp=strict`);
    assert.equal(response.headers.get('content-security-policy'), STRICT);
    assert.doesNotMatch(STRICT, /unsafe/);
    assert.deepEqual(await strict.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
    assert.deepEqual(strict.problems, []);
    assert.deepEqual(reference.problems, []);
  });

  it('size the balance bars and place the tooltip', async () => {
    const drawn = await strict.page.evaluate(() => {
      const ledger = document.querySelector('balance-ledger')!.shadowRoot!;
      const tooltip = document.querySelector('usage-chart')!.shadowRoot!.querySelector<HTMLElement>('[part="tooltip"]')!;
      return {
        meters: [...ledger.querySelectorAll('.meter')].map((meter) => ({
          width: meter.getBoundingClientRect().width,
          segments: [...meter.children].map((s) => s.getBoundingClientRect().width),
        })),
        tooltip: tooltip.parentElement!.style.getPropertyValue('--_at'),
      };
    });
    assert.ok(drawn.meters.length > 0, 'no commit bars');
    for (const { width, segments } of drawn.meters) {
      assert.ok(segments.some((w) => w > 0), `balance segments: ${segments}`);
      assert.ok(Math.abs(segments.reduce((a, b) => a + b, 0) - width) < 1, `segments ${segments} fill the bar of ${width}`);
    }
    assert.match(drawn.tooltip, /px/);
  });

  it('draw every element exactly as without the policy', async () => {
    const [withPolicy, without] = [await shots(strict.page), await shots(reference.page)];
    for (const tag of TAGS) assert.ok(withPolicy[tag] === without[tag], `<${tag}> looks different under the policy`);
  });
});
