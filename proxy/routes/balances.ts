import { Hono } from 'hono';
import type { BalancesResponse } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { silentLogger, type Logger } from '../log.ts';
import type { CustomerMetronome } from '../metronome/client.ts';
import { toMicros } from '../money.ts';
import { readBalances } from '../reads/balances.ts';

/**
 * `GET /api/balances`: the session customer's commits and credits in burn-down order, with ledgers,
 * runways and totals per credit type. No parameters, so nothing to validate before calling Metronome.
 */
export function balancesRoutes(deps: { now: () => Date; logger?: Logger }) {
  return new Hono<ApiEnv>().get('/', async (c) => {
    const metronome = c.var.metronome;
    const at = deps.now();
    const body: BalancesResponse = await readBalances(metronome, at);
    await crossCheck(metronome, body, deps.logger ?? silentLogger, { request_id: c.var.requestId, customer_id: c.var.customerId });
    return answer(c, body);
  });
}

/**
 * Compares each credit type's summed `remaining` with Metronome's getNetBalance and logs a mismatch
 * (or a failed check) on the server, never failing the customer: the net balance may legitimately
 * differ from the list (it clamps a segment below zero, and Metronome documents its own draft-invoice
 * handling), and the list already is Metronome's answer, so a 502 would hide correct figures.
 */
async function crossCheck(metronome: CustomerMetronome, body: BalancesResponse, logger: Logger, where: Record<string, string>) {
  await Promise.all(
    body.totals.map(async ({ credit_type, remaining }) => {
      try {
        const net = await metronome.netBalance(credit_type.id);
        if (net !== null && toMicros(net) !== toMicros(remaining)) {
          logger.warn({ ...where, credit_type: credit_type.name, remaining, net_balance: net }, `/api/balances: items remaining ${remaining}, Metronome net balance ${net}`);
        }
      } catch (err) {
        logger.warn({ ...where, credit_type: credit_type.name, err: { message: (err as Error).message } }, '/api/balances: net balance check failed');
      }
    }),
  );
}
