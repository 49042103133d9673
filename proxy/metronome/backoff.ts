import type { IBackoff, IRetryBackoffContext } from 'cockatiel';
import { UpstreamFailure } from './errors.ts';

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After waited for; a longer one is not retried at all (see upstream.ts). */
  retryAfterCapMs: number;
  /** For tests; Math.random by default. */
  random?: () => number;
}

/**
 * The wait before the next attempt: what Metronome asked for in Retry-After (up to the cap), else
 * exponential backoff with full jitter, a random time up to initial × 2^attempt (capped), so that many
 * proxies retrying at once spread out instead of hitting Metronome together. cockatiel's own
 * ExponentialBackoff cannot read Retry-After, hence this one.
 */
export class UpstreamBackoff implements IBackoff<IRetryBackoffContext<unknown>> {
  constructor(
    private readonly options: BackoffOptions,
    private readonly attempt = 0,
    readonly duration = 0,
  ) {}

  next(context: IRetryBackoffContext<unknown>): UpstreamBackoff {
    const error = 'error' in context.result ? context.result.error : undefined;
    const asked = error instanceof UpstreamFailure ? error.retryAfterMs : undefined;
    const ceiling = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** this.attempt);
    const jittered = Math.floor((this.options.random ?? Math.random)() * ceiling);
    return new UpstreamBackoff(this.options, this.attempt + 1, asked !== undefined ? Math.min(asked, this.options.retryAfterCapMs) : jittered);
  }
}
