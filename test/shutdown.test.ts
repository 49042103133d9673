import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { describe, it } from 'node:test';
import { ACME_ID } from '../simulator/index.ts';
import { startProxyProcess } from './proxy-process.ts';

/** Graceful shutdown, with real processes: SIGTERM lets requests in flight finish and leaves nothing behind. */

/** One GET on a new connection: the status and body, or the connection error's code. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; connection?: string } | { error: string }> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body, connection: response.headers.connection }));
    });
    request.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `url` refuses connections; false when it still answers after `withinMs`. */
async function refused(url: string, withinMs: number): Promise<boolean> {
  for (const end = Date.now() + withinMs; Date.now() < end; await sleep(50)) {
    const answer = await get(url);
    if ('error' in answer && answer.error === 'ECONNREFUSED') return true;
  }
  return false;
}

/** The pids of a process group that are still alive. */
function groupMembers(pgid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  } catch {
    return []; // ps exits 1 when it lists nothing
  }
}

describe('stopping the proxy', { timeout: 90_000 }, () => {
  it('on SIGTERM, finishes a request in flight with 200, refuses new connections, and exits 0 within 10 s', async () => {
    const proxy = await startProxyProcess({ SIMULATOR_FAULT: 'latency=1500' }, { unset: ['METRONOME_API_TOKEN', 'METRONOME_BASE_URL'] });
    try {
      const session = await fetch(`${proxy.url}dev/session?customer_id=${ACME_ID}`, { method: 'POST' });
      const { token } = (await session.json()) as { token: string };
      // /api/customer asks the (slowed) simulator three things at once: about 1.5 s.
      const started = Date.now();
      const inFlight = get(`${proxy.url}api/customer`, { authorization: `Bearer ${token}` });
      await sleep(300);
      proxy.child.kill('SIGTERM');
      const stoppedAt = Date.now();
      assert.ok(await refused(proxy.url, 1000), 'new connections are refused');
      const refusedAt = Date.now();
      const answer = await inFlight;
      assert.ok(refusedAt < started + 1500, 'refused while the request was still in flight');
      assert.ok(!('error' in answer), `the request in flight failed: ${JSON.stringify(answer)}`);
      assert.equal(answer.status, 200, answer.body);
      assert.equal(answer.connection, 'close');
      assert.equal(JSON.parse(answer.body).customer.name, 'Acme Robotics');
      const { code } = await proxy.exited;
      assert.equal(code, 0, proxy.output());
      assert.ok(Date.now() - stoppedAt < 10_000);
      assert.match(proxy.output(), /"msg":"stopped"/);
    } finally {
      proxy.child.kill('SIGKILL');
    }
  });

  it('SIGTERM to `npm start` stops the node server under it: the port stops answering and no process is left', async () => {
    const proxy = await startProxyProcess({}, { command: ['npm', 'start'], detached: true, timeoutMs: 60_000, unset: ['METRONOME_API_TOKEN', 'METRONOME_BASE_URL'] });
    const pgid = proxy.child.pid!;
    try {
      assert.equal(((await get(`${proxy.url}healthz`)) as { status: number }).status, 200);
      assert.ok(groupMembers(pgid).length >= 2, 'npm and the node server under it');
      proxy.child.kill('SIGTERM'); // npm only, as a process manager would
      const { code } = await proxy.exited;
      assert.ok(await refused(proxy.url, 5000), 'the port stops answering');
      let left = groupMembers(pgid);
      for (const end = Date.now() + 5000; left.length && Date.now() < end; await sleep(100)) left = groupMembers(pgid);
      assert.deepEqual(left, [], 'no process of `npm start` is left');
      assert.equal(code, 0, proxy.output());
    } finally {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
});
