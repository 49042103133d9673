/**
 * `npm run simulator`: the simulator alone on a loopback port, to call with curl or to point the proxy
 * at. The only Node-specific file of the simulator; the app itself never reads the environment.
 *
 *   SIMULATOR_PORT   port on 127.0.0.1, default 8788; 0 takes any free port (the printed URL says which)
 *   SIMULATOR_TOKEN  bearer token it accepts, default `sim_test_token` — a well-known value on purpose:
 *                    the server listens on loopback only and holds nothing but generated data
 *   SIMULATOR_FAULT  faults for every request, in the x-simulator-fault header grammar (faults.ts)
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSimulator } from './app.ts';
import { CUSTOMERS } from './catalog.ts';
import type { FaultOptions } from './faults.ts';
import { FaultSyntaxError, parseFaults } from './faults.ts';

const HOST = '127.0.0.1';
const env = process.env;

function fail(message: string): never {
  console.error(`simulator: ${message}`);
  process.exit(1);
}

function portSetting(): number {
  const raw = env.SIMULATOR_PORT;
  if (raw === undefined || raw === '') return 8788;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 0 && port <= 65535)) fail(`SIMULATOR_PORT must be a whole number from 0 to 65535, got "${raw}".`);
  return port;
}

function faultSetting(): FaultOptions | undefined {
  const raw = env.SIMULATOR_FAULT;
  if (!raw) return undefined;
  try {
    const { none, ...faults } = parseFaults(raw);
    return none ? undefined : faults;
  } catch (error) {
    if (error instanceof FaultSyntaxError) fail(`SIMULATOR_FAULT: ${error.message}`);
    throw error;
  }
}

/** Left-aligned columns, for a terminal. */
function table(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

const port = portSetting();
const token = env.SIMULATOR_TOKEN || 'sim_test_token';
const faults = faultSetting();
const app = createSimulator({ apiToken: token, ...(faults ? { faults } : {}) });

const server = serve({ fetch: app.fetch, port, hostname: HOST }, (info: AddressInfo) => {
  const url = `http://${HOST}:${info.port}`;
  const customers = [['name', 'id', 'ingest aliases'], ...CUSTOMERS.map((c) => [c.name, c.id, c.ingest_aliases.join(', ')])];
  console.log(
    [
      `Simulated Metronome on ${url}`,
      `Bearer token: ${token}${env.SIMULATOR_TOKEN ? '' : ' (the default; set SIMULATOR_TOKEN to change it)'}`,
      ...(faults ? [`Faults on every request: ${env.SIMULATOR_FAULT}`] : []),
      '',
      table(customers),
      '',
      `Try: curl -H 'Authorization: Bearer ${token}' ${url}/v1/customers`,
      `Proxy: METRONOME_API_TOKEN=${token} METRONOME_BASE_URL=${url} SESSION_SECRET=<32+ characters> npm start`,
    ].join('\n'),
  );
});
server.once('error', (error: Error) => fail(`cannot listen on ${HOST}:${port}: ${error.message}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}
