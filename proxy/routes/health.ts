import { Hono } from 'hono';
import { ProxyError } from '../errors.ts';
import type { Logger } from '../log.ts';

/**
 * `GET /healthz`: the process is alive (for restarts). `GET /readyz`: it can serve, meaning every
 * readiness check passes (for load balancers). A check is a cheap call to something the proxy needs
 * (Metronome, Redis) that resolves when it answers. Checks run together, each cut off after
 * `timeoutMs`; probes arriving meanwhile share the run, and its result is reused for `cacheMs`, so a
 * flood of probes makes about one call per dependency per second. The answer says which check failed and
 * how (timeout, or a short code), never an upstream body; the details go to the log.
 */

export type ReadinessCheck = (signal: AbortSignal) => Promise<unknown>;

export interface HealthDeps {
  readiness?: Record<string, ReadinessCheck>;
  now: () => Date;
  logger: Logger;
  /** Longest a check may take; default 2000 ms. */
  timeoutMs?: number;
  /** How long a result is reused; default 1000 ms. */
  cacheMs?: number;
}

export type CheckResult = { ok: true } | { ok: false; reason: string };
export interface Readiness {
  ok: boolean;
  checks: Record<string, CheckResult>;
}

export const READINESS_TIMEOUT_MS = 2000;
export const READINESS_CACHE_MS = 1000;

class CheckTimeout extends Error {}

async function runCheck(name: string, check: ReadinessCheck, timeoutMs: number, logger: Logger): Promise<CheckResult> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new CheckTimeout(`no answer within ${timeoutMs} ms`);
      abort.abort(reason);
      reject(reason);
    }, timeoutMs);
  });
  try {
    await Promise.race([check(abort.signal), timedOut]);
    return { ok: true };
  } catch (err) {
    const reason = err instanceof CheckTimeout || abort.signal.aborted ? 'timeout' : err instanceof ProxyError ? err.code : 'unavailable';
    logger.warn({ check: name, reason, err: { message: (err as Error)?.message } }, `readiness check ${name} failed`);
    return { ok: false, reason };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: HealthDeps) {
  const checks = Object.entries(deps.readiness ?? {});
  const timeoutMs = deps.timeoutMs ?? READINESS_TIMEOUT_MS;
  const cacheMs = deps.cacheMs ?? READINESS_CACHE_MS;
  let last: { at: number; result: Readiness } | undefined;
  let running: Promise<Readiness> | undefined;

  async function readiness(): Promise<Readiness> {
    const results = await Promise.all(checks.map(([name, check]) => runCheck(name, check, timeoutMs, deps.logger)));
    const byName = Object.fromEntries(checks.map(([name], i) => [name, results[i]!]));
    return { ok: results.every((r) => r.ok), checks: byName };
  }

  // A probe's answer is about this moment and this instance: never from a cache.
  const fresh = { 'cache-control': 'no-store' };
  return new Hono()
    .get('/healthz', (c) => c.json({ ok: true }, 200, fresh))
    .get('/readyz', async (c) => {
      let result = last && deps.now().getTime() - last.at < cacheMs ? last.result : undefined;
      if (!result) {
        running ??= readiness().then((r) => {
          last = { at: deps.now().getTime(), result: r };
          running = undefined;
          return r;
        });
        result = await running;
      }
      return c.json(result, result.ok ? 200 : 503, fresh);
    });
}
