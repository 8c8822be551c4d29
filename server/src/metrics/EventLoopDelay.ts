import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** How finely the event loop's delay is sampled: cheap, and fine enough to see a 20 ms stall. */
const RESOLUTION_MS = 10;
/** The window the delay is read over: the scrape interval Prometheus defaults to. */
export const EVENT_LOOP_WINDOW_MS = 15_000;

/** The event loop's delay over a window, in seconds. */
export interface EventLoopReading {
  p50: number;
  p99: number;
  max: number;
}

/**
 * The event loop's delay over fixed windows of its own, not "since the previous scrape": with two
 * scrapers (Prometheus and a dashboard, or a benchmark) each would otherwise empty the other's
 * window, and a reading would depend on who asked last. Reads the latest whole window; before the
 * first one ends, what there is so far.
 */
export class EventLoopDelay {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private latest: EventLoopReading | null = null;
  private readonly windowTimer: NodeJS.Timeout;

  constructor(windowMs: number = EVENT_LOOP_WINDOW_MS) {
    this.histogram.enable();
    this.windowTimer = setInterval(() => {
      this.latest = this.current();
      this.histogram.reset();
    }, windowMs).unref();
  }

  reading(): EventLoopReading {
    return this.latest ?? this.current();
  }

  /** Samples taken in the current window; none until the sampler's first tick. */
  get samples(): number {
    return this.histogram.count;
  }

  stop(): void {
    clearInterval(this.windowTimer);
    this.histogram.disable();
  }

  private current(): EventLoopReading {
    // The histogram is in nanoseconds; with no sample yet (right at start) it reads 0.
    const seconds = (ns: number) => (Number.isFinite(ns) && this.histogram.count > 0 ? ns / 1e9 : 0);
    return { p50: seconds(this.histogram.percentile(50)), p99: seconds(this.histogram.percentile(99)), max: seconds(this.histogram.max) };
  }
}
