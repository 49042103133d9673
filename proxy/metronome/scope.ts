import { iso } from '../time.ts';

/**
 * One browser request's dealings with Metronome: the signal that ends them (the browser went away, or
 * the request's deadline passed) and what the answers used were like, for the `as_of` and `stale` of
 * the JSON the browser gets.
 */
export class UpstreamScope {
  #oldestFetch: number | null = null;
  #stale = false;
  #freshUntil = Infinity;

  #signal: AbortSignal | undefined;
  readonly #makeSignal: () => AbortSignal;
  /** The browser request's id, for logs. */
  readonly requestId: string | undefined;
  private readonly now: () => Date;

  /**
   * `signal` is made on first use: a request answered from the cache never calls Metronome, and
   * skipping its signals and timer is a good part of what lets a cached answer cost so little.
   */
  constructor(options: { signal: AbortSignal | (() => AbortSignal); now: () => Date; requestId?: string }) {
    const { signal } = options;
    this.#makeSignal = typeof signal === 'function' ? signal : () => signal;
    this.now = options.now;
    this.requestId = options.requestId;
  }

  /** Aborts every upstream call of the request: the browser went away or the deadline passed. */
  get signal(): AbortSignal {
    return (this.#signal ??= this.#makeSignal());
  }

  /**
   * Records an answer used for this request: when Metronome sent it, whether it was served after a
   * failure, and until when the cache would hand out the very same answer (0 when it is being
   * refreshed, stale or not cached).
   */
  noteAnswer(fetchedAt: number, stale: boolean, freshUntil: number): void {
    if (this.#oldestFetch === null || fetchedAt < this.#oldestFetch) this.#oldestFetch = fetchedAt;
    if (stale) this.#stale = true;
    if (freshUntil < this.#freshUntil) this.#freshUntil = freshUntil;
  }

  /** Until when every answer this request used stays the same in the cache. */
  get freshUntil(): number {
    return this.#oldestFetch === null ? 0 : this.#freshUntil;
  }

  /** The `as_of` and `stale` fields of the request's JSON answer. */
  freshness(): { as_of: string; stale: boolean } {
    return { as_of: iso(this.#oldestFetch ?? this.now()), stale: this.#stale };
  }
}
