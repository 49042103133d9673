// Fault injection: the failures a real Metronome (or the network to it) shows now and then, on demand,
// so that clients can be tested against them. Mounted before authentication, like a gateway's faults.
//
// Per request, with the header (directives separated by commas, case-insensitive, spaces ignored):
//
//   x-simulator-fault: <directive> [, <directive>]...
//     latency=<ms>      wait <ms> (0..60000) before answering; combines with any fault
//     429[=<seconds>]   429 with `Retry-After: <seconds>` (default 1) and {message}
//     500               500 with {message}
//     timeout           never answer; the request ends only when the client aborts it
//     malformed         200 with the real response's JSON cut in half
//     rate=<0..1>       fraction of requests that get the fault (default 1); latency is always added
//     none              ignore the configured faults for this request
//
// At most one of 429, 500, timeout and malformed. The same string configures a whole simulator
// (`createSimulator({ faults: parseFaults('latency=200, 500, rate=0.1') })` or the
// SIMULATOR_FAULT variable of `npm run simulator`); header directives override configured ones field
// by field. An unparsable header is a 400 saying why, so a typo never passes silently.
//
// Which requests a rate below 1 hits is decided by a hash of the simulator's seed and a request
// counter, not Math.random: the same simulator fails the same requests on every run.
import type { Context, MiddlewareHandler } from 'hono';
import { hashInts } from './data.ts';

export type FaultKind = '429' | '500' | 'timeout' | 'malformed';

export interface FaultOptions {
  /** Milliseconds to wait before handling every request (0..60000). */
  latencyMs?: number;
  /** Failure to answer with instead of the real response. */
  fault?: FaultKind;
  /** Fraction of requests (0..1) that get `fault`; default 1. */
  rate?: number;
  /** `Retry-After` of a 429, in whole seconds; default 1. */
  retryAfterSeconds?: number;
}

export const FAULT_HEADER = 'x-simulator-fault';
export const MAX_LATENCY_MS = 60_000;
const KINDS: ReadonlyArray<string> = ['429', '500', 'timeout', 'malformed'];

export class FaultSyntaxError extends Error {}

/** `options` checked for ranges; throws FaultSyntaxError naming the bad field. */
export function checkFaults(options: FaultOptions): FaultOptions {
  const { latencyMs, fault, rate, retryAfterSeconds } = options;
  if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0 && latencyMs <= MAX_LATENCY_MS)) {
    throw new FaultSyntaxError(`latency must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS} (got ${latencyMs})`);
  }
  if (fault !== undefined && !KINDS.includes(fault)) throw new FaultSyntaxError(`fault must be one of ${KINDS.join(', ')} (got ${fault})`);
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new FaultSyntaxError(`rate must be a number from 0 to 1 (got ${rate})`);
  if (retryAfterSeconds !== undefined && !(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) {
    throw new FaultSyntaxError(`Retry-After must be a whole number of seconds (got ${retryAfterSeconds})`);
  }
  return options;
}

/** Parses the header grammar above. `none` is reported separately since it is not an option. */
export function parseFaults(text: string): FaultOptions & { none?: boolean } {
  const out: FaultOptions & { none?: boolean } = {};
  const number = (raw: string, what: string): number => {
    if (!/^\d+(\.\d+)?$/.test(raw)) throw new FaultSyntaxError(`${what} needs a number (got "${raw}")`);
    return Number(raw);
  };
  for (const part of text.split(',').map((p) => p.trim().toLowerCase())) {
    if (part === '') continue;
    const [name = '', value, extra] = part.split('=').map((p) => p.trim());
    if (extra !== undefined) throw new FaultSyntaxError(`unknown directive "${part}"`);
    if (name === 'none' && value === undefined) out.none = true;
    else if (name === 'latency' && value !== undefined) out.latencyMs = number(value, 'latency');
    else if (name === 'rate' && value !== undefined) out.rate = number(value, 'rate');
    else if (KINDS.includes(name) && (value === undefined || name === '429')) {
      if (out.fault !== undefined) throw new FaultSyntaxError(`only one of ${KINDS.join(', ')} at a time (got ${out.fault} and ${name})`);
      out.fault = name as FaultKind;
      if (value !== undefined) out.retryAfterSeconds = number(value, '429');
    } else {
      throw new FaultSyntaxError(`unknown directive "${part}"`);
    }
  }
  checkFaults(out);
  return out;
}

/** Resolves after `ms` (never when undefined), or as soon as `signal` aborts. */
function sleep(ms: number | undefined, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    // No timer for "never": a pending listener alone does not keep a process alive.
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** Nobody reads the answer to an aborted request; 499 ("client closed request") marks it in logs. */
const closed = (): Response => new Response(null, { status: 499 });

function faultJson(c: Context, status: 429 | 500, message: string, headers: Record<string, string> = {}): Response {
  return c.json({ message }, status, headers);
}

export function faultsMiddleware(options: { faults?: FaultOptions; seed: number }): MiddlewareHandler {
  const configured = checkFaults({ ...options.faults });
  let requestNumber = 0;
  return async (c, next) => {
    const header = c.req.header(FAULT_HEADER);
    let faults = configured;
    if (header !== undefined) {
      try {
        const { none, ...fromHeader } = parseFaults(header);
        faults = { ...(none ? {} : configured), ...fromHeader };
      } catch (error) {
        if (error instanceof FaultSyntaxError) return c.json({ message: `Invalid ${FAULT_HEADER} header: ${error.message}` }, 400);
        throw error;
      }
    }
    const signal = c.req.raw.signal;
    const roll = hashInts(options.seed, 0xfa017, requestNumber++) / 0x1_0000_0000;
    if (faults.latencyMs) await sleep(faults.latencyMs, signal);
    if (signal.aborted) return closed();
    const fault = faults.fault !== undefined && roll < (faults.rate ?? 1) ? faults.fault : undefined;
    switch (fault) {
      case undefined:
        return next();
      case '429': {
        const seconds = faults.retryAfterSeconds ?? 1;
        return faultJson(c, 429, 'Too many requests (simulated fault)', { 'retry-after': String(seconds) });
      }
      case '500':
        return faultJson(c, 500, 'Internal server error (simulated fault)');
      case 'timeout':
        await sleep(undefined, signal);
        return closed();
      case 'malformed': {
        await next();
        const text = await c.res.text();
        const headers = new Headers(c.res.headers);
        headers.delete('content-length');
        c.res = undefined; // otherwise Hono merges the old headers, content-length included, back in
        c.res = new Response(text.slice(0, Math.floor(text.length / 2)), { status: 200, headers });
        return;
      }
    }
  };
}
