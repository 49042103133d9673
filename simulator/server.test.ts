import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CUSTOMERS } from './catalog.ts';
import { validateResponse } from '../spec/validate.ts';

/** `npm run simulator`, spawned as its package.json script says (without npm, so that kill reaches it). */
const script = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts['simulator'] ?? '';

interface Running {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['SIMULATOR_TOKEN', 'SIMULATOR_FAULT']) if (!(name in extra)) delete env[name];
  return env;
}

function start(extra: Record<string, string>): Promise<Running> {
  const [command = '', ...args] = script.split(' ');
  const child = spawn(command, args, { env: environment({ SIMULATOR_PORT: '0', ...extra }), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk;
      // The whole banner is printed at once; its last line names the URL again.
      const match = /on (http:\/\/127\.0\.0\.1:(\d+))\n[\s\S]*npm start/.exec(output);
      if (match) resolve({ url: match[1]!, output: () => output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(Object.assign(new Error(`simulator exited with ${code}: ${output}`), { code, output })));
  });
}

async function listCustomers(url: string, headers: Record<string, string>): Promise<{ status: number; body: any; retryAfter: string | null }> {
  const res = await fetch(`${url}/v1/customers`, { headers });
  const body: unknown = await res.json();
  assert.deepEqual(validateResponse('GET', '/v1/customers', res.status, body), [], JSON.stringify(body));
  return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
}

test('npm run simulator on port 0 prints its real URL and token, and accepts only that token', { timeout: 30_000 }, async () => {
  const sim = await start({});
  try {
    assert.notEqual(new URL(sim.url).port, '0');
    const token = /Bearer token: (\S+)/.exec(sim.output())?.[1];
    assert.equal(token, 'sim_test_token');
    const ok = await listCustomers(sim.url, { authorization: `Bearer ${token}` });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.data.map((c: { id: string }) => c.id), CUSTOMERS.map((c) => c.id));
    const refused = await listCustomers(sim.url, {});
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.body, { message: 'Unauthorized' });
  } finally {
    await sim.stop();
  }
});

test('npm run simulator prints a table of the customers with their ids and ingest aliases', { timeout: 30_000 }, async () => {
  const sim = await start({});
  try {
    const lines = sim.output().split('\n');
    assert.ok(lines.some((line) => /^name\s+id\s+ingest aliases$/.test(line)));
    for (const customer of CUSTOMERS) {
      const row = lines.find((line) => line.startsWith(customer.name));
      assert.ok(row, customer.name);
      assert.match(row, new RegExp(`^${customer.name}\\s+${customer.id}\\s+${customer.ingest_aliases.join(', ')}$`));
    }
    assert.match(sim.output(), new RegExp(`METRONOME_API_TOKEN=sim_test_token METRONOME_BASE_URL=${sim.url} `));
  } finally {
    await sim.stop();
  }
});

test('SIMULATOR_TOKEN replaces the default token and SIMULATOR_FAULT injects faults into every request', { timeout: 30_000 }, async () => {
  const sim = await start({ SIMULATOR_TOKEN: 'my-local-token', SIMULATOR_FAULT: '429=7' });
  try {
    assert.match(sim.output(), /Bearer token: my-local-token\n/);
    assert.match(sim.output(), /Faults on every request: 429=7/);
    const limited = await listCustomers(sim.url, { authorization: 'Bearer my-local-token' });
    assert.deepEqual([limited.status, limited.retryAfter], [429, '7']);
    const bypass = { 'x-simulator-fault': 'none' };
    assert.equal((await listCustomers(sim.url, { ...bypass, authorization: 'Bearer my-local-token' })).status, 200);
    assert.equal((await listCustomers(sim.url, { ...bypass, authorization: 'Bearer sim_test_token' })).status, 401);
  } finally {
    await sim.stop();
  }
});

test('npm run simulator refuses a bad SIMULATOR_PORT or SIMULATOR_FAULT, saying why', { timeout: 30_000 }, async () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ SIMULATOR_PORT: 'eighty' }, /SIMULATOR_PORT must be a whole number from 0 to 65535, got "eighty"/],
    [{ SIMULATOR_FAULT: 'sometimes' }, /SIMULATOR_FAULT: unknown directive "sometimes"/],
  ];
  for (const [env, message] of cases) {
    await assert.rejects(start(env), (error: Error & { code: number; output: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.output, message);
      return true;
    });
  }
});
