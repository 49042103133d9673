import { ProxyError } from '../errors.ts';

/**
 * What the browser is told when Metronome fails. Upstream bodies are never passed on (they could echo
 * request headers); each message is plain and safe to show.
 */

export const upstreamTimeout = () => new ProxyError(504, 'upstream_timeout', 'Metronome did not answer in time. Try again shortly.');

export const upstreamUnreachable = () => new ProxyError(502, 'upstream_unavailable', 'Metronome could not be reached. Try again shortly.');

export const upstreamInvalid = (what = 'an answer the proxy could not read') => new ProxyError(502, 'upstream_invalid', `Metronome sent ${what}.`);

export function upstreamStatusError(status: number): ProxyError {
  if (status === 404) return new ProxyError(404, 'not_found', 'Metronome has no such customer or billable metric.');
  if (status === 401 || status === 403)
    return new ProxyError(502, 'upstream_auth', 'The billing proxy is not authorised by Metronome; check its API token.');
  if (status === 429) return new ProxyError(503, 'upstream_rate_limited', 'Metronome is rate limiting requests. Try again shortly.');
  if (status === 504 || status === 408) return upstreamTimeout();
  return new ProxyError(502, 'upstream_error', `Metronome answered with an error (HTTP ${status}).`);
}
