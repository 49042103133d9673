import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { parseHex } from '../demo/contrast.js';
import { createSimulator, HOOLI_ID, METRIC_IDS } from '../simulator/index.ts';
import { COLOR_TOKENS } from '../widgets/shared/theme/palette.ts';
import { launchChromium } from './chromium.ts';

/**
 * The path a new user takes: `npm start` with no token (simulator + proxy on loopback), the demo page in
 * headless Chromium, and bars drawn from the simulator's numbers.
 */

let server: ChildProcess;
let url: string;
let browser: Browser;

function startDemo(): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  delete env.METRONOME_API_TOKEN;
  server = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Demo on (http:\/\/localhost:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

/**
 * Everything on `page` that says something went wrong: console errors (a Content-Security-Policy
 * violation is one), uncaught exceptions and the page's own securitypolicyviolation events.
 */
async function watchForProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${String(error)}`));
  await page.exposeFunction('reportViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (t: string) => void }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  return problems;
}

/** `#112233` as getComputedStyle writes it. */
const rgb = (hex: string) => `rgb(${parseHex(hex).join(', ')})`;
const token = (name: string) => COLOR_TOKENS.find((t) => t.property === `--metronome-${name}`)!;

/** The demo with its usage chart drawn and its theme panel built. */
async function openDemo(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url);
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll('#theme input[type="color"]').length === count &&
      [...(document.querySelector('usage-chart')?.shadowRoot?.querySelectorAll('path[part="series"]') ?? [])].some((p) => p.getAttribute('d')),
    { timeout: 30_000 },
    COLOR_TOKENS.length,
  );
  return page;
}

/** What a designer does with a colour picker: a new value, then the input event the browser fires. */
function pickColor(page: Page, property: string, hex: string) {
  return page.evaluate(
    (name, value) => {
      const input = document.querySelector<HTMLInputElement>(`#theme input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    property,
    hex,
  );
}

/** Waits for a condition, but lets the assertions after it say what was wrong when it never holds. */
async function waitQuietly<A extends unknown[]>(page: Page, condition: (...args: A) => boolean, ...args: A) {
  await page.waitForFunction(condition as (...args: unknown[]) => boolean, { timeout: 10_000 }, ...args).catch(() => {});
}

/** What the simulator itself says for Hooli AI's GPU hours in its current billing period, day by day. */
async function simulatorDailyTotals(): Promise<number[]> {
  const simulator = createSimulator({ apiToken: 't' });
  const totals = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const response = await simulator.request(`/v1/usage/groups${cursor ? `?next_page=${cursor}` : ''}`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: HOOLI_ID, billable_metric_id: METRIC_IDS.gpuHours, window_size: 'day', current_period: true, group_key: ['gpu', 'region'] }),
    });
    const page = (await response.json()) as { data: Array<{ starting_on: string; value: number | null }>; next_page: string | null };
    for (const row of page.data) totals.set(row.starting_on, (totals.get(row.starting_on) ?? 0) + (row.value ?? 0));
    cursor = page.next_page;
  } while (cursor);
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, total]) => total);
}

describe('npm start, then the demo page', { timeout: 120_000 }, () => {
  before(async () => {
    url = await startDemo();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  });

  it('prints the demo URL', () => {
    assert.match(url, /^http:\/\/localhost:\d+\/$/);
  });

  it('sends a Content-Security-Policy without inline scripts and refuses to be framed, and the page breaks none of it', async () => {
    const response = await fetch(url);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /(^|; )script-src 'self'(;|$)/);
    assert.match(csp, /(^|; )style-src 'self'(;|$)/, 'no <style> elements or style sheets from elsewhere');
    assert.doesNotMatch(csp, /unsafe/, "no 'unsafe-inline' (nor 'unsafe-eval') for scripts or styles");
    assert.doesNotMatch(csp, /style-src-(attr|elem)/, 'style-src covers style attributes and elements');
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /frame-src http:\/\/127\.0\.0\.1:\d+/, 'the simulator\'s hosted dashboard may be framed');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');

    const page = await browser.newPage();
    const problems = await watchForProblems(page);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url);
    // Every widget drawn, the theme panel built and the hosted dashboard framed and loaded.
    await page.waitForFunction(
      () =>
        document.querySelector('usage-chart')?.shadowRoot?.querySelector('path[part="series"]') &&
        document.querySelector('spend-breakdown')?.shadowRoot?.querySelector('[part="headline"]') &&
        document.querySelector('balance-ledger')?.shadowRoot?.querySelector('[part="row"]') &&
        document.querySelector('#theme input[type="color"]'),
      { timeout: 30_000 },
    );
    const frame = await (await page.waitForFunction(() => document.querySelector('metronome-dashboard')?.shadowRoot?.querySelector('iframe'), { timeout: 30_000 })).asElement()!.contentFrame();
    await frame!.waitForSelector('body *', { timeout: 10_000 });
    await page.click('#presets [data-preset="dark"]');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows Hooli AI\'s GPU hours by GPU and region for the current billing period without any clicks, with the simulator\'s numbers', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(String(error)));
    await page.goto(url);
    const chartDrawn = () =>
      [...(document.querySelector('usage-chart')?.shadowRoot?.querySelectorAll('path[part="series"]') ?? [])].some((p) => p.getAttribute('d'));
    await page.waitForFunction(chartDrawn, { timeout: 30_000 });
    const drawn = await page.evaluate(() => {
      const root = document.querySelector('usage-chart')!.shadowRoot!;
      return {
        // A dense series is drawn in several chunks: one name per series.
        series: [...new Set([...root.querySelectorAll('path[part="series"]')].map((p) => p.getAttribute('data-series')))],
        legend: [...root.querySelectorAll('[part="legend-item"]')].map((item) => item.textContent!.trim()),
        label: root.querySelector('svg')!.getAttribute('aria-label')!,
        metric: root.querySelector<HTMLSelectElement>('[part="controls"] select')!.selectedOptions[0]!.textContent,
        groupBy: [...root.querySelectorAll<HTMLSelectElement>('[part="controls"] select')].map((select) => select.selectedOptions[0]!.textContent!.trim()),
        customer: (document.getElementById('customer') as HTMLSelectElement).selectedOptions[0]!.textContent,
      };
    });
    assert.deepEqual(failures, []);
    assert.equal(drawn.customer, 'Hooli AI', 'the first customer is the default');
    assert.equal(drawn.metric, 'GPU hours');
    assert.ok(drawn.series.includes('H100 / us-east-1') && drawn.series.includes('L40S / ap-southeast-1'), drawn.series.join());
    // The page's group-key overrides name the keys and the region codes.
    assert.ok(drawn.groupBy.includes('GPU × Region'), drawn.groupBy.join());
    assert.ok(drawn.legend.includes('H100 / N. Virginia') && drawn.legend.includes('L40S / Singapore'), drawn.legend.join());
    assert.ok(!drawn.legend.some((text) => /-\d$/.test(text)), `no region code in the legend: ${drawn.legend.join()}`);
    assert.match(drawn.label, /GPU hours from .* to .*; most in /);

    // The table view holds exactly what the chart draws, so read the numbers there.
    await page.evaluate(() => document.querySelector('usage-chart')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="table-toggle"]')!.click());
    await page.waitForFunction(() => document.querySelector('usage-chart')!.shadowRoot!.querySelector('table'));
    const shown = await page.evaluate(() =>
      [...document.querySelector('usage-chart')!.shadowRoot!.querySelectorAll('tbody tr')].map((row) => Number(row.lastElementChild!.textContent!.replace(/,/g, ''))),
    );
    const expected = await simulatorDailyTotals();
    // Today's window grows by the hour, so it may have moved on between the two reads; finished days must match.
    const today = Math.floor((Date.now() - Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)) / 86_400_000);
    // The period's days still to come are not listed as zeros: the table stops at today.
    assert.equal(shown.length, Math.min(today + 1, expected.length));
    for (let day = 0; day < Math.min(today, shown.length); day++) assert.equal(shown[day], expected[day], `day ${day + 1} of the period`);
    if (today > 0) assert.ok(shown.slice(0, today).some((v) => v > 0), "finished days have usage");
  });

  it('shows every widget with the demo customer\'s data on first load', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    await page.goto(url);
    await page.waitForFunction(
      () => {
        const spend = document.querySelector('spend-breakdown')?.shadowRoot;
        const balances = document.querySelector('balance-ledger')?.shadowRoot;
        return spend?.querySelector('[part="headline"]') && spend.querySelector('path[part="series"]') && (balances?.querySelectorAll('[part="row"]').length ?? 0) > 0;
      },
      { timeout: 30_000 },
    );
    await page.waitForFunction(() => (document.querySelector('invoice-list')?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0) > 0, { timeout: 30_000 });
    const shown = await page.evaluate(() => ({
      spent: document.querySelector('spend-breakdown')!.shadowRoot!.querySelector('[part="headline"] dd')!.textContent,
      balances: [...document.querySelector('balance-ledger')!.shadowRoot!.querySelectorAll('[part="row"] th [aria-expanded]')].map((b) => b.textContent),
      payments: [...document.querySelector('invoice-list')!.shadowRoot!.querySelectorAll('[part="payment"]')].map((badge) => `${badge.getAttribute('title')}: ${badge.textContent}`),
    }));
    assert.match(shown.spent!, /^\$[\d,]+\.\d{2,3}$/);
    assert.deepEqual(shown.balances, ['Launch promotion', 'GPU prepaid commit', 'Inference and storage minimum']);
    assert.ok(shown.payments.includes('stripe: Payment: Unpaid'), `this month's invoice, sent through Stripe and not paid yet: ${shown.payments.join(' | ')}`);
    // Its Pay now link opens the demo's stand-in checkout, which says that nothing is charged.
    const payNow = await page.evaluateHandle(() => document.querySelector('invoice-list')!.shadowRoot!.querySelector('[part="pay-now"]'));
    await (payNow as ElementHandle<Element>).click();
    await page.waitForFunction(() => (document.querySelector('#pay-dialog') as HTMLDialogElement).open, { timeout: 5_000 });
    const dialog = await page.evaluate(() => document.querySelector('#pay-dialog')!.textContent!.replace(/\s+/g, ' '));
    assert.match(dialog, /no payment is taken/);
  });

  it('answers the ledger\'s "Buy more" with its own checkout dialog, the suggested amount in dollars, charging nothing', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    await page.goto(url);
    const buy = await page.waitForSelector('balance-ledger >>> [part="purchase"]', { timeout: 30_000 });
    assert.equal(await buy!.evaluate((b) => b.getAttribute('aria-label')), 'Buy more GPU prepaid commit', 'on first load, for Hooli AI');
    await buy!.click();
    await page.waitForSelector('#checkout[open]', { timeout: 5_000 });
    const shown = await page.$eval('#checkout', (d) => d.textContent!.replace(/\s+/g, ' '));
    assert.match(shown, /Buy more GPU prepaid commit Suggested: \$[\d,]+\.\d{2}, enough for the rest of its schedule/);
    assert.match(shown, /nothing is charged/);
    await page.click('#checkout button');
    await page.waitForSelector('#checkout:not([open])', { timeout: 5_000 });
    await page.close();
  });

  it('lists Hooli AI\'s metrics in the usage summary on first load, and charts the one chosen there with the keyboard', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('usage-summary')?.shadowRoot?.querySelectorAll('[part~="metric"]').length, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('usage-chart')?.shadowRoot?.querySelector('[part="controls"] select option'), { timeout: 30_000 });
    const metrics = await page.evaluate(() =>
      [...document.querySelector('usage-summary')!.shadowRoot!.querySelectorAll('[part~="metric"]')].map((b) => ({ name: b.querySelector('.name')!.textContent, pressed: b.getAttribute('aria-pressed') })),
    );
    assert.ok(metrics.some((m) => m.name === 'GPU hours' && m.pressed === 'true'), `the charted metric is marked chosen: ${JSON.stringify(metrics)}`);
    const other = metrics.findIndex((m) => m.pressed === 'false');
    await page.evaluate((i) => document.querySelector('usage-summary')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~="metric"]')[i]!.focus(), other);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (name) => document.querySelector('usage-chart')!.shadowRoot!.querySelector<HTMLSelectElement>('[part="controls"] select')!.selectedOptions[0]!.textContent === name,
      { timeout: 10_000 },
      metrics[other]!.name,
    );
    assert.equal(await page.evaluate((i) => document.querySelector('usage-summary')!.shadowRoot!.querySelectorAll('[part~="metric"]')[i]!.getAttribute('aria-pressed'), other), 'true');
  });

  it('shows the demo customer\'s threshold notifications on first load, and the next customer\'s after a switch', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const names = () =>
      page.waitForFunction(
        () => {
          const root = document.querySelector('usage-alerts')?.shadowRoot;
          return root?.querySelector('[part="base"][aria-busy="false"] [part="alert"]') && [...root.querySelectorAll('[part="alert"] .name')].map((n) => n.textContent).join(' | ');
        },
        { timeout: 30_000 },
      ).then((handle) => handle.jsonValue() as Promise<string>);
    assert.match(await names(), /GPU commit below \$40,000/);
    await page.select('#customer', await page.evaluate(() => (document.querySelector('#customer') as HTMLSelectElement).options[1]!.value));
    await page.waitForFunction(() => !document.querySelector('usage-alerts')!.shadowRoot!.textContent!.includes('GPU commit below'), { timeout: 30_000 });
    assert.doesNotMatch(await names(), /GPU commit/);
    await page.close();
  });

  it('themes the whole page and every widget from the panel\'s Dark preset, the hosted dashboard included', async () => {
    const page = await openDemo();
    await page.waitForFunction(() => document.querySelector('metronome-dashboard')?.shadowRoot?.querySelector('iframe')?.src, { timeout: 30_000 });
    const before = await page.evaluate(() => document.querySelector('metronome-dashboard')!.shadowRoot!.querySelector('iframe')!.src);
    await page.click('#presets [data-preset="dark"]');
    const dark = rgb(token('white').dark);
    await waitQuietly(page, (bg) => getComputedStyle(document.querySelector('usage-chart')!).backgroundColor === bg, dark);
    await waitQuietly(page, (old) => document.querySelector('metronome-dashboard')!.shadowRoot!.querySelector('iframe')?.src !== old, before);
    const seen = await page.evaluate(() => ({
      pressed: document.querySelector('#presets [aria-pressed="true"]')?.textContent,
      darkClass: document.documentElement.classList.contains('dark'),
      page: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.body).color,
      chart: getComputedStyle(document.querySelector('usage-chart')!).backgroundColor,
      frame: document.querySelector('metronome-dashboard')!.shadowRoot!.querySelector('iframe')?.src ?? '',
    }));
    assert.equal(seen.pressed, 'Dark');
    assert.ok(seen.darkClass, 'the page has the dark class');
    assert.equal(seen.page, dark, 'page background');
    assert.equal(seen.text, rgb(token('gray-dark').dark), 'page text');
    assert.equal(seen.chart, dark, "<usage-chart>'s background");
    assert.notEqual(seen.frame, before, 'the dashboard asked for a new URL');
    const config = JSON.parse(Buffer.from(new URL(seen.frame).searchParams.get('config')!, 'base64url').toString()) as { colors: Record<string, string> };
    assert.equal(config.colors.White, token('white').dark, "the dashboard's color_overrides follow the preset");
    await page.close();
  });

  it('darkens the page and every widget from the Mode control alone, and keeps the colours the viewer picked', async () => {
    const page = await openDemo();
    await pickColor(page, '--metronome-usage-line-0', '#123456');
    await page.select('#theme select[name="mode"]', 'dark');
    const dark = rgb(token('white').dark);
    await waitQuietly(page, (bg) => getComputedStyle(document.querySelector('usage-chart')!).backgroundColor === bg, dark);
    const read = () =>
      page.evaluate(() => ({
        darkClass: document.documentElement.classList.contains('dark'),
        page: getComputedStyle(document.documentElement).backgroundColor,
        widgets: ['usage-chart', 'spend-breakdown', 'balance-ledger', 'invoice-list'].map((tag) => {
          const style = getComputedStyle(document.querySelector(tag)!);
          return [style.backgroundColor, style.color];
        }),
        picked: document.querySelector<HTMLInputElement>('#theme input[name="--metronome-usage-line-0"]')!.value,
        pressed: document.querySelector('#presets [aria-pressed="true"]')?.textContent ?? null,
      }));
    const seen = await read();
    assert.ok(seen.darkClass, 'the page has the dark class');
    assert.equal(seen.page, dark, 'page background');
    for (const [background, text] of seen.widgets) {
      assert.equal(background, dark, "a widget's background is the dark palette's");
      assert.equal(text, rgb(token('gray-dark').dark), "a widget's text is the dark palette's");
    }
    assert.equal(seen.picked, '#123456', 'a colour the viewer picked is theirs in either mode');
    assert.equal(seen.pressed, null, 'no preset is chosen any more');

    await page.select('#theme select[name="mode"]', 'light');
    const light = rgb(token('white').light);
    await waitQuietly(page, (bg) => getComputedStyle(document.querySelector('usage-chart')!).backgroundColor === bg, light);
    const back = await read();
    assert.equal(back.page, light, 'Light brings the light palette back');
    assert.deepEqual(back.widgets[0], [light, rgb(token('gray-dark').light)]);
    assert.equal(back.picked, '#123456');
    await page.close();
  });

  it('switches between Metronome\'s three hosted dashboards', async () => {
    const page = await openDemo();
    for (const kind of ['invoices', 'usage', 'commits_and_credits']) {
      await page.select('#dashboard-kind', kind);
      // The simulator's hosted page carries what it was asked for in its `config` parameter.
      await page.waitForFunction(
        (k) => {
          const src = document.querySelector('metronome-dashboard')?.shadowRoot?.querySelector('iframe')?.src;
          const config = src ? new URL(src).searchParams.get('config') : null;
          return config !== null && atob(config.replace(/-/g, '+').replace(/_/g, '/')).includes(`"dashboard":"${k}"`);
        },
        { timeout: 10_000 },
        kind,
      );
    }
    await page.close();
  });

  it('redraws a widget with an edited colour and exports it as color_overrides under its slot', async () => {
    const page = await openDemo();
    await pickColor(page, '--metronome-usage-line-0', '#123456');
    const edited = rgb('#123456');
    const fills = () => [...document.querySelector('usage-chart')!.shadowRoot!.querySelectorAll('path[part="series"]')].map((p) => getComputedStyle(p).fill);
    await waitQuietly(page, (fill) => [...document.querySelector('usage-chart')!.shadowRoot!.querySelectorAll('path[part="series"]')].some((p) => getComputedStyle(p).fill === fill), edited);
    const shown = await page.evaluate(fills);
    assert.ok(shown.includes(edited), `no series is drawn in ${edited}: ${shown.join(' ')}`);

    await page.click('#copy-json');
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#copy-output')!.value && document.getElementById('copy-status')!.textContent);
    const copied = await page.evaluate(() => ({
      text: document.querySelector<HTMLTextAreaElement>('#copy-output')!.value,
      visible: document.querySelector<HTMLTextAreaElement>('#copy-output')!.checkVisibility(),
      status: document.getElementById('copy-status')!.textContent!,
    }));
    assert.ok(copied.visible, 'the copied text is shown');
    assert.match(copied.status, /Copied|Select and copy the text below/);
    const overrides = JSON.parse(copied.text) as Array<{ name: string; value: string }>;
    assert.deepEqual(overrides.find((o) => o.name === 'UsageLine_0'), { name: 'UsageLine_0', value: '#123456' });
    assert.deepEqual(overrides.map((o) => o.name), COLOR_TOKENS.flatMap((t) => (t.slot ? [t.slot] : [])));
    for (const o of overrides) assert.match(o.value, /^#[0-9a-f]{6}$/, o.name);

    await page.click('#copy-css');
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#copy-output')!.value.startsWith(':root {'));
    const css = await page.evaluate(() => document.querySelector<HTMLTextAreaElement>('#copy-output')!.value);
    assert.match(css, /^  --metronome-usage-line-0: #123456;$/m);
    assert.match(css, /^  --metronome-radius: 6px;$/m);
    await page.close();
  });

  it('warns about a low-contrast pick in a live region, naming the pair, its ratio and the minimum', async () => {
    const page = await openDemo();
    await page.click('#presets [data-preset="ocean"]');
    await page.waitForFunction(() => /All pairs pass WCAG AA/.test(document.getElementById('contrast-report')!.textContent!));
    await pickColor(page, '--metronome-white', '#ffffff');
    await pickColor(page, '--metronome-gray-dark', '#eeeeee');
    await page.waitForFunction(() => /gray-dark on white/.test(document.getElementById('contrast-report')!.textContent!));
    const report = await page.evaluate(() => {
      const region = document.getElementById('contrast-report')!;
      return { live: region.getAttribute('aria-live'), text: region.textContent!, visible: region.querySelector('li')!.checkVisibility() };
    });
    assert.equal(report.live, 'polite');
    assert.ok(report.visible, 'the warning is visible');
    assert.match(report.text, /\(gray-dark on white\): 1\.1:1, needs at least 4\.5:1/);
    assert.doesNotMatch(report.text, /All pairs pass/);
    await page.close();
  });

  it('labels every control of the theme panel', async () => {
    const page = await openDemo();
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('#theme input, #theme select, #theme textarea')]
        .filter((control) => !control.hidden && !(control.labels?.length || control.getAttribute('aria-label')))
        .map((control) => control.name || control.id),
    );
    assert.deepEqual(unlabelled, []);
    await page.close();
  });
});
