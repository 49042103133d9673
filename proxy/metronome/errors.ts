import { ProxyError } from '../errors.ts';

/**
 * What the browser is told when Metronome fails. Upstream bodies are never passed on (they could echo
 * request headers); each message is plain and safe to show.
 */

/** Metronome's status, or how the call failed without one. */
export type UpstreamStatus = number | 'network' | 'timeout';

/** A failed Metronome call: the browser-facing status and message, plus what the retry policy needs. */
export class UpstreamFailure extends ProxyError {
  constructor(
    status: ProxyError['status'],
    code: string,
    message: string,
    readonly upstreamStatus: UpstreamStatus,
    /** Metronome's Retry-After, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    // The browser is told when to come back: Metronome's own wait, or a few seconds after rate limiting.
    super(status, code, message, retryAfterMs !== undefined ? Math.max(1, Math.ceil(retryAfterMs / 1000)) : upstreamStatus === 429 ? 5 : undefined);
  }

  /** Worth another attempt: the network, a timeout, rate limiting or a server-side failure. */
  get retryable(): boolean {
    return typeof this.upstreamStatus !== 'number' || [429, 500, 502, 503, 504].includes(this.upstreamStatus);
  }

  /** Metronome (or the way to it) is down, as opposed to answering: what opens the circuit. */
  get outage(): boolean {
    return typeof this.upstreamStatus !== 'number' || this.upstreamStatus >= 500;
  }
}

const TOO_SLOW = 'Metronome did not answer in time. Try again shortly.';

/** One call took longer than METRONOME_TIMEOUT_MS: worth another attempt. */
export const upstreamTimeout = () => new UpstreamFailure(504, 'upstream_timeout', TOO_SLOW, 'timeout');

/**
 * A request's (or a shared call's) whole deadline passed: nothing is retried after it, and it says
 * nothing of Metronome's health, so it is not an outage for the circuit either.
 */
export const deadlinePassed = () => new ProxyError(504, 'upstream_timeout', TOO_SLOW);

export const upstreamUnreachable = () => new UpstreamFailure(502, 'upstream_unavailable', 'Metronome could not be reached. Try again shortly.', 'network');

export const upstreamInvalid = (what = 'an answer the proxy could not read') => new ProxyError(502, 'upstream_invalid', `Metronome sent ${what}.`);

/** The circuit is open: Metronome failed repeatedly, so the proxy does not try it again for a few seconds. */
export const circuitOpen = (retryAfterSeconds: number) =>
  new ProxyError(503, 'upstream_unavailable', 'Metronome is not answering right now. Try again in a few seconds.', retryAfterSeconds);

export const proxyBusy = () => new ProxyError(503, 'proxy_busy', 'The billing proxy is busy. Try again in a few seconds.', 2);

export const tooManyCalls = (max: number) => new ProxyError(502, 'upstream_too_many_calls', `Answering this needs more than ${max} calls to Metronome.`);

/** `Retry-After` as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function upstreamStatusError(status: number, retryAfter?: number): UpstreamFailure {
  if (status === 404) return new UpstreamFailure(404, 'not_found', 'Metronome has no such customer or billable metric.', status);
  if (status === 401 || status === 403)
    return new UpstreamFailure(502, 'upstream_auth', 'The billing proxy is not authorised by Metronome; check its API token.', status);
  if (status === 429) return new UpstreamFailure(503, 'upstream_rate_limited', 'Metronome is rate limiting requests. Try again shortly.', status, retryAfter);
  if (status === 504 || status === 408) return new UpstreamFailure(504, 'upstream_timeout', TOO_SLOW, status);
  return new UpstreamFailure(502, 'upstream_error', `Metronome answered with an error (HTTP ${status}).`, status);
}
