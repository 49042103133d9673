/**
 * Reads what the benchmark needs from a Chrome trace (page.tracing, categories in TRACE_CATEGORIES):
 *
 * - The page's renderer is the process and thread of the `bench:render` user-timing mark (CrRendererMain);
 *   its `args.data.startTime` ties page time (performance.now()) to trace time.
 * - Pixels after a moment A: the first `Commit` on that main thread at or after A (the end of the first
 *   frame's main-thread work after A, `Paint` included: it hands what the page had drawn by A to the
 *   compositor), the compositor's side of that commit (its own `Commit`, which runs while the main thread
 *   waits in its one), the first `Activation` of the renderer's compositor after that (the pending tree
 *   becomes active only once its tiles are rasterized: `RasterTask`s on the raster workers), and the
 *   first `DrawFrame` of the renderer's compositor after that Activation begins: the frame with the pixels.
 *   (Not the first Activation after the main thread's Commit ends: with little to rasterize, the
 *   compositor can begin activating before the main thread's Commit event closes, and that would count
 *   the next frame.)
 *   Canvas charts have little or no raster; an SVG chart can have a lot, which two rAFs would not show.
 * - Main-thread time between two moments: the top-level tasks (`RunTask`, devtools.timeline) of the renderer's
 *   main thread, each clipped to the interval, summed.
 */

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { startTime?: number } };
}

export class Trace {
  readonly #events: TraceEvent[];
  readonly #pid: number;
  readonly #tid: number;
  /** Trace time (µs) minus page time (ms) × 1000. */
  readonly #offset: number;

  constructor(json: string) {
    this.#events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents.sort((a, b) => a.ts - b.ts);
    const mark = this.#events.find((e) => e.name === 'bench:render' && e.cat.includes('user_timing'));
    if (!mark || mark.args?.data?.startTime === undefined) throw new Error('no bench:render mark in the trace');
    ({ pid: this.#pid, tid: this.#tid } = mark);
    this.#offset = mark.ts - mark.args.data.startTime * 1000;
  }

  /** A page time (ms) as trace time (µs). */
  toTrace(pageMs: number) {
    return pageMs * 1000 + this.#offset;
  }

  /** Trace time (µs) when the frame painting what the page had drawn at `from` (µs) was drawn; NaN if never. */
  pixelsAfter(from: number) {
    const main = (name: string, after: number) => this.#first((e) => e.name === name && e.tid === this.#tid && e.ph === 'X' && e.ts >= after);
    const commit = main('Commit', from);
    const handed = commit && this.#first((e) => e.name === 'Commit' && e.tid !== this.#tid && e.ts >= commit.ts);
    const activation = handed && this.#first((e) => e.name === 'Activation' && e.ph === 'b' && e.ts >= handed.ts);
    const draw = activation && this.#first((e) => e.name === 'DrawFrame' && e.ts >= activation.ts);
    return draw ? draw.ts : NaN;
  }

  /** Milliseconds the renderer's main thread spent in tasks between `from` and `to` (µs). */
  mainThreadMs(from: number, to: number) {
    let us = 0;
    for (const e of this.#events) {
      if (e.name !== 'RunTask' || e.ph !== 'X' || e.pid !== this.#pid || e.tid !== this.#tid || !e.cat.includes('devtools.timeline')) continue;
      us += Math.max(0, Math.min(to, e.ts + (e.dur ?? 0)) - Math.max(from, e.ts));
    }
    return us / 1000;
  }

  #first(match: (e: TraceEvent) => boolean) {
    return this.#events.find((e) => e.pid === this.#pid && match(e));
  }
}
