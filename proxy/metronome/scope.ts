import { iso } from '../time.ts';

/**
 * One browser request's dealings with Metronome: the signal that ends them (the browser went away, or
 * the request's deadline passed) and what the answers used were like, for the `as_of` and `stale` of
 * the JSON the browser gets.
 */
export class UpstreamScope {
  #oldestFetch: number | null = null;
  #stale = false;

  /** Aborts every upstream call of the request: the browser went away or the deadline passed. */
  readonly signal: AbortSignal;
  /** The browser request's id, for logs. */
  readonly requestId: string | undefined;
  private readonly now: () => Date;

  constructor(options: { signal: AbortSignal; now: () => Date; requestId?: string }) {
    this.signal = options.signal;
    this.now = options.now;
    this.requestId = options.requestId;
  }

  /** Records an answer used for this request: when Metronome sent it, and whether it was served after a failure. */
  noteAnswer(fetchedAt: number, stale: boolean): void {
    if (this.#oldestFetch === null || fetchedAt < this.#oldestFetch) this.#oldestFetch = fetchedAt;
    if (stale) this.#stale = true;
  }

  /** The `as_of` and `stale` fields of the request's JSON answer. */
  freshness(): { as_of: string; stale: boolean } {
    return { as_of: iso(this.#oldestFetch ?? this.now()), stale: this.#stale };
  }
}
