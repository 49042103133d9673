import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ACME_ID, createSimulator, METRIC_IDS } from '../simulator/index.ts';

/**
 * The path a new user takes: `npm start` with no token (simulator + proxy on loopback), the demo page in
 * headless Chromium, and bars drawn from the simulator's numbers.
 */

const DAY = 86_400_000;
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

/** What the simulator itself says for the chart's default range: the last 30 UTC days, by region. */
async function simulatorDailyTotals(): Promise<Map<string, number>> {
  const simulator = createSimulator({ apiToken: 't' });
  const end = (Math.floor(Date.now() / DAY) + 1) * DAY;
  const totals = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const response = await simulator.request(`/v1/usage/groups${cursor ? `?next_page=${cursor}` : ''}`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({
        customer_id: ACME_ID,
        billable_metric_id: METRIC_IDS.cpuHours,
        window_size: 'day',
        starting_on: new Date(end - 30 * DAY).toISOString(),
        ending_before: new Date(end).toISOString(),
        group_key: ['region'],
      }),
    });
    const page = (await response.json()) as { data: Array<{ starting_on: string; value: number | null }>; next_page: string | null };
    for (const row of page.data) {
      const day = new Date(row.starting_on).toISOString();
      totals.set(day, (totals.get(day) ?? 0) + (row.value ?? 0));
    }
    cursor = page.next_page;
  } while (cursor);
  return totals;
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

  it('shows a stacked usage chart of the first demo customer without any clicks, with the simulator\'s numbers', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(String(error)));
    await page.goto(url);
    await page.waitForFunction(() => (document.querySelector('usage-chart')?.shadowRoot?.querySelectorAll('rect[part="bar"]').length ?? 0) > 0, {
      timeout: 30_000,
    });
    const drawn = await page.evaluate(() => {
      const root = document.querySelector('usage-chart')!.shadowRoot!;
      const bars = [...root.querySelectorAll<SVGRectElement>('rect[part="bar"]')].map((b) => ({
        window: Number(b.dataset.window),
        value: Number(b.dataset.value),
        series: b.dataset.series!,
        height: b.getBoundingClientRect().height,
      }));
      return {
        bars,
        label: root.querySelector('svg')!.getAttribute('aria-label')!,
        legend: [...root.querySelectorAll('[part="legend"] li')].map((li) => li.textContent!.trim()),
        customer: (document.getElementById('customer') as HTMLSelectElement).selectedOptions[0]!.textContent,
      };
    });
    assert.deepEqual(failures, []);
    assert.equal(drawn.customer, 'Acme Robotics');
    assert.ok(drawn.legend.includes('us-east-1') && drawn.legend.includes('ap-south-1'), drawn.legend.join());
    assert.ok(drawn.bars.every((b) => b.height > 0));
    assert.match(drawn.label, /CPU hours from .* to .*; most in /);

    const expected = [...(await simulatorDailyTotals()).values()];
    const shown = new Map<number, number>();
    for (const bar of drawn.bars) shown.set(bar.window, (shown.get(bar.window) ?? 0) + bar.value);
    assert.equal(expected.length, 30);
    // Today's window grows by the hour, so it may have moved on between the two reads; every finished day must match.
    for (let day = 0; day < 29; day++) assert.equal(shown.get(day) ?? 0, expected[day], `day ${day} of 30`);
  });
});
