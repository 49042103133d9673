/**
 * The proxy's settings: environment variables in, typed settings or a list of errors out. Pure (no
 * process.env, no Node APIs), so every rule is unit-tested; server.ts prints the errors and exits.
 *
 * With METRONOME_API_TOKEN the proxy runs in production against METRONOME_BASE_URL; without it, on an
 * embedded simulator (the demo), where the production-only settings make no sense and are refused.
 */

import { isHttpUrl } from './metronome/transport.ts';
import { UPSTREAM_DEFAULTS } from './metronome/upstream.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Session secrets are HMAC keys: at least this many characters. */
export const MIN_SECRET_LENGTH = 32;

/** Every variable the proxy reads, in the order of the README's table (a test keeps them equal). */
export const VARIABLES = [
  'METRONOME_API_TOKEN',
  'METRONOME_BASE_URL',
  'SESSION_SECRET',
  'SESSION_SECRET_PREVIOUS',
  'SESSION_MAX_TTL_SECONDS',
  'PORT',
  'HOST',
  'ALLOWED_ORIGINS',
  'METRONOME_TIMEOUT_MS',
  'METRONOME_DEADLINE_MS',
  'CACHE_TTL_SECONDS',
  'CACHE_REFERENCE_TTL_SECONDS',
  'STALE_IF_ERROR_SECONDS',
  'METRONOME_CONCURRENCY',
  'METRONOME_REQUEST_CONCURRENCY',
  'RATE_LIMIT_PER_MINUTE',
  'REDIS_URL',
  'LOG_LEVEL',
  'SIMULATOR_FAULT',
] as const;

export type VariableName = (typeof VARIABLES)[number];
export type Env = Partial<Record<string, string | undefined>>;

export interface Settings<Fault = never> {
  /** `production` with METRONOME_API_TOKEN, else `simulator`. */
  mode: 'production' | 'simulator';
  /** Undefined on the simulator, whose token server.ts makes up. */
  metronomeApiToken: string | undefined;
  metronomeBaseUrl: string;
  /** Undefined on the simulator when unset: server.ts makes one up per run. */
  sessionSecret: string | undefined;
  sessionSecretPrevious: string | undefined;
  sessionMaxTtlSeconds: number;
  port: number;
  host: string;
  allowedOrigins: string[];
  metronomeTimeoutMs: number;
  metronomeDeadlineMs: number;
  cacheTtlSeconds: number;
  cacheReferenceTtlSeconds: number;
  staleIfErrorSeconds: number;
  metronomeConcurrency: number;
  metronomeRequestConcurrency: number;
  rateLimitPerMinute: number;
  redisUrl: string | undefined;
  logLevel: LogLevel;
  /** The embedded simulator's faults, as the parser server.ts passes in reads them. */
  simulatorFault: Fault | undefined;
}

export type SettingsResult<Fault> = { ok: true; settings: Settings<Fault> } | { ok: false; errors: string[] };

export interface ParseOptions<Fault> {
  /**
   * Reads SIMULATOR_FAULT (the simulator's own grammar; throws with a message saying what is wrong).
   * Passed in by server.ts, which alone may load simulator code, and only when it runs on it.
   */
  parseFault?: (text: string) => Fault;
}

const MAX_PORT = 65_535;
const MAX_MS = 600_000;
const MAX_SECONDS = 30 * 86_400;

/** `env` checked against every rule above; all the errors at once, each naming its variable. */
export function parseSettings<Fault = never>(env: Env, options: ParseOptions<Fault> = {}): SettingsResult<Fault> {
  const errors: string[] = [];
  const raw = (name: VariableName): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };

  function whole(name: VariableName, fallback: number, min: number, max: number): number {
    const text = raw(name)?.trim();
    if (text === undefined) return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max)) {
      errors.push(`${name} must be a whole number from ${min} to ${max}, got "${text}".`);
      return fallback;
    }
    return value;
  }

  function secret(name: VariableName): string | undefined {
    const value = raw(name);
    // Never echo a secret, not even a wrong one: only its length.
    if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
      errors.push(`${name} must be at least ${MIN_SECRET_LENGTH} characters long (it has ${value.length}).`);
    }
    return value;
  }

  const token = raw('METRONOME_API_TOKEN');
  const mode = token === undefined ? 'simulator' : 'production';
  if (token !== undefined && /\s/.test(token)) errors.push('METRONOME_API_TOKEN must not contain spaces or line breaks.');

  let metronomeBaseUrl: string = UPSTREAM_DEFAULTS.baseUrl;
  const baseUrl = raw('METRONOME_BASE_URL')?.trim();
  if (baseUrl !== undefined) {
    if (mode === 'simulator') errors.push('METRONOME_BASE_URL is set but METRONOME_API_TOKEN is not; without a token the proxy runs on its own simulator. Set both, or neither.');
    else if (!isHttpUrl(baseUrl)) errors.push('METRONOME_BASE_URL must be an http:// or https:// URL without user or password.');
    else metronomeBaseUrl = baseUrl.replace(/\/+$/, '');
  }

  const sessionSecret = secret('SESSION_SECRET');
  if (mode === 'production' && sessionSecret === undefined) {
    errors.push(`SESSION_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters when METRONOME_API_TOKEN is set.`);
  }
  const sessionSecretPrevious = secret('SESSION_SECRET_PREVIOUS');
  if (sessionSecretPrevious !== undefined) {
    if (sessionSecret === undefined) errors.push('SESSION_SECRET_PREVIOUS is set without SESSION_SECRET.');
    else if (sessionSecretPrevious === sessionSecret) errors.push('SESSION_SECRET_PREVIOUS is the same as SESSION_SECRET.');
  }

  const allowedOrigins: string[] = [];
  for (const entry of (raw('ALLOWED_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean)) {
    const origin = originOf(entry);
    if (origin === undefined) errors.push(`ALLOWED_ORIGINS: "${entry}" is not an origin (scheme://host[:port], no path), such as https://app.example.com.`);
    else allowedOrigins.push(origin);
  }

  const redisUrl = raw('REDIS_URL')?.trim();
  if (redisUrl !== undefined && !/^rediss?:\/\/[^/\s]/i.test(redisUrl)) {
    errors.push('REDIS_URL must be a redis:// or rediss:// URL.'); // not echoed: it may hold a password
  }

  const logLevel = (raw('LOG_LEVEL')?.trim().toLowerCase() ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw('LOG_LEVEL')}".`);

  let simulatorFault: Fault | undefined;
  const fault = raw('SIMULATOR_FAULT');
  if (fault !== undefined) {
    if (mode === 'production') errors.push('SIMULATOR_FAULT applies to the embedded simulator only, which does not run when METRONOME_API_TOKEN is set.');
    else if (options.parseFault) {
      try {
        simulatorFault = options.parseFault(fault);
      } catch (err) {
        errors.push(`SIMULATOR_FAULT: ${(err as Error).message}.`);
      }
    }
  }

  const host = raw('HOST')?.trim() ?? '127.0.0.1';
  const settings: Settings<Fault> = {
    mode,
    metronomeApiToken: token,
    metronomeBaseUrl,
    sessionSecret,
    sessionSecretPrevious,
    sessionMaxTtlSeconds: whole('SESSION_MAX_TTL_SECONDS', 86_400, 1, 366 * 86_400),
    port: whole('PORT', 8787, 0, MAX_PORT),
    host,
    allowedOrigins,
    metronomeTimeoutMs: whole('METRONOME_TIMEOUT_MS', UPSTREAM_DEFAULTS.timeoutMs, 1, MAX_MS),
    metronomeDeadlineMs: whole('METRONOME_DEADLINE_MS', UPSTREAM_DEFAULTS.deadlineMs, 1, MAX_MS),
    cacheTtlSeconds: whole('CACHE_TTL_SECONDS', UPSTREAM_DEFAULTS.liveTtlSeconds, 0, MAX_SECONDS),
    cacheReferenceTtlSeconds: whole('CACHE_REFERENCE_TTL_SECONDS', UPSTREAM_DEFAULTS.referenceTtlSeconds, 0, MAX_SECONDS),
    staleIfErrorSeconds: whole('STALE_IF_ERROR_SECONDS', UPSTREAM_DEFAULTS.staleIfErrorSeconds, 0, MAX_SECONDS),
    metronomeConcurrency: whole('METRONOME_CONCURRENCY', UPSTREAM_DEFAULTS.concurrency, 1, 10_000),
    metronomeRequestConcurrency: whole('METRONOME_REQUEST_CONCURRENCY', UPSTREAM_DEFAULTS.requestConcurrency, 1, 1_000),
    rateLimitPerMinute: whole('RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    redisUrl,
    logLevel,
    simulatorFault,
  };
  return errors.length ? { ok: false, errors } : { ok: true, settings };
}

/** `https://app.example.com` from itself or with a trailing slash; undefined for anything with a path. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (!isHttpUrl(text) || url.pathname !== '/' || url.search || url.hash || !/^https?:\/\/[^/]+\/?$/i.test(text)) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}
