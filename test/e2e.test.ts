import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ACME_ID, createSimulator, METRIC_IDS } from '../simulator/index.ts';

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

/** What the simulator itself says for Acme's CPU hours in its current billing period, day by day. */
async function simulatorDailyTotals(): Promise<number[]> {
  const simulator = createSimulator({ apiToken: 't' });
  const totals = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const response = await simulator.request(`/v1/usage/groups${cursor ? `?next_page=${cursor}` : ''}`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: ACME_ID, billable_metric_id: METRIC_IDS.cpuHours, window_size: 'day', current_period: true, group_key: ['region'] }),
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
    browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  });

  it('prints the demo URL', () => {
    assert.match(url, /^http:\/\/localhost:\d+\/$/);
  });

  it('shows Acme\'s CPU hours for the current billing period without any clicks, with the simulator\'s numbers', async () => {
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
        series: [...root.querySelectorAll('path[part="series"]')].map((p) => p.getAttribute('data-series')),
        label: root.querySelector('svg')!.getAttribute('aria-label')!,
        metric: root.querySelector<HTMLSelectElement>('[part="controls"] select')!.selectedOptions[0]!.textContent,
        customer: (document.getElementById('customer') as HTMLSelectElement).selectedOptions[0]!.textContent,
      };
    });
    assert.deepEqual(failures, []);
    assert.equal(drawn.customer, 'Acme Robotics');
    assert.equal(drawn.metric, 'CPU hours');
    assert.ok(drawn.series.includes('us-east-1') && drawn.series.includes('ap-south-1'), drawn.series.join());
    assert.match(drawn.label, /CPU hours from .* to .*; most in /);

    // The table view holds exactly what the chart draws, so read the numbers there.
    await page.evaluate(() => document.querySelector('usage-chart')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="table-toggle"]')!.click());
    await page.waitForFunction(() => document.querySelector('usage-chart')!.shadowRoot!.querySelector('table'));
    const shown = await page.evaluate(() =>
      [...document.querySelector('usage-chart')!.shadowRoot!.querySelectorAll('tbody tr')].map((row) => Number(row.lastElementChild!.textContent!.replace(/,/g, ''))),
    );
    const expected = await simulatorDailyTotals();
    assert.equal(shown.length, expected.length);
    // Today's window grows by the hour, so it may have moved on between the two reads; finished days must match.
    const today = Math.floor((Date.now() - Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)) / 86_400_000);
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
    const shown = await page.evaluate(() => ({
      spent: document.querySelector('spend-breakdown')!.shadowRoot!.querySelector('[part="headline"] dd')!.textContent,
      balances: [...document.querySelector('balance-ledger')!.shadowRoot!.querySelectorAll('[part="row"] th button')].map((b) => b.textContent),
    }));
    assert.match(shown.spent!, /^\$[\d,]+\.\d{2,3}$/);
    assert.deepEqual(shown.balances, ['Reward credit', 'Storage promotion', 'Platform prepaid commit']);
  });
});
