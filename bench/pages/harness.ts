// Runs in headless Chromium (see bench/run.ts): one library's page draws one case into an 800×300 box and
// reports when it did, with performance marks the trace also holds, so that bench/trace.ts can find the frames.
import { benchData, HEIGHT, WIDTH, type BenchData, type CaseName } from '../data.ts';

/** What each library's page tells the harness. */
export interface BenchChart {
  /** What the page has ready before the render call and is not timed: a stand-in's answer, say. */
  prepare?(data: BenchData): void;
  /** Starts drawing stacked bars of `data`, tooltips on, into `host` (WIDTH × HEIGHT). */
  mount(host: HTMLElement, data: BenchData): void;
  /** True once the bars are drawn (in the DOM or on the canvas). */
  drawn(): boolean;
  /** What the tooltip shows now; '' while hidden. */
  tooltip(): string;
  /** Calls `check` whenever the chart may have changed what it shows (mutation observer, draw hook). */
  watch(check: () => void): void;
  /** The element that takes arrow keys, when the library moves its tooltip with the keyboard. */
  keyTarget?(): HTMLElement;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

export function runBench(chart: BenchChart) {
  const name = (new URLSearchParams(location.search).get('case') ?? 'small') as CaseName;
  const data = benchData(name);
  const host = document.createElement('div');
  host.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;position:relative`;
  document.body.append(host);

  // The checks waiting for the chart to show something: each resolves with the time it first held.
  let waiters: { holds: () => boolean; resolve: (at: number) => void }[] = [];
  const check = () => {
    const now = performance.now();
    waiters = waiters.filter((w) => !(w.holds() && (w.resolve(now), true)));
  };
  const until = (holds: () => boolean, timeoutMs: number) =>
    new Promise<number>((resolve) => {
      if (holds()) return resolve(performance.now());
      const waiter = { holds, resolve };
      waiters.push(waiter);
      setTimeout(() => {
        waiters = waiters.filter((w) => w !== waiter);
        resolve(NaN);
      }, timeoutMs);
    });

  /** (1): render call → drawn → the second animation frame after it, in page time (ms). */
  async function render() {
    chart.prepare?.(data);
    await nextFrame();
    performance.mark('bench:render');
    const renderAt = performance.now();
    chart.mount(host, data);
    chart.watch(check);
    const drawnAt = await until(() => chart.drawn(), 30_000);
    performance.mark('bench:drawn');
    await nextFrame();
    await nextFrame();
    return { renderAt, drawnAt, framesAt: performance.now() };
  }

  /**
   * (3): call before dispatching a pointer move or a key; resolves with the input event's time stamp and the
   * moment the tooltip first shows something new (null when it never does: no keyboard, say).
   */
  async function input() {
    const before = chart.tooltip();
    let inputAt = NaN;
    const onInput = (event: Event) => {
      if (Number.isNaN(inputAt)) inputAt = event.timeStamp;
    };
    // pointerrawupdate: a chart may read a move as soon as it happens, before the frame's pointermove.
    const types = ['pointerrawupdate', 'pointermove', 'mousemove', 'keydown'];
    for (const type of types) addEventListener(type, onInput, { capture: true });
    const readyAt = await until(() => !Number.isNaN(inputAt) && chart.tooltip() !== '' && chart.tooltip() !== before, 3_000);
    for (const type of types) removeEventListener(type, onInput, { capture: true });
    if (Number.isNaN(readyAt)) return null;
    performance.mark('bench:tooltip');
    await nextFrame();
    await nextFrame();
    return { inputAt, readyAt };
  }

  /** Focuses the chart for the keyboard; false when the library has no keyboard access to its tooltip. */
  function focusKeys() {
    chart.keyTarget?.().focus();
    return Boolean(chart.keyTarget);
  }

  Object.assign(window, { bench: { render, input, focusKeys } });
}
