import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** The event loop's delay over the last minute, in seconds. */
/**
 * The histograms' range and precision: up to a minute, to 1 %. Node's default (any 64-bit value, 0.1 %)
 * takes ~30 times the memory per histogram, for precision nobody reads off a delay.
 */
const HISTOGRAM = { lowest: 1, highest: 60e9, figures: 2 } as const;

export interface EventLoopReading {
  p50: number;
  p99: number;
  max: number;
}

export interface EventLoopDelayOptions {
  /** How often the loop is sampled: cheap, and fine enough to see a 20 ms stall. */
  resolutionMs?: number;
  /** The delay is kept in windows of this long... */
  windowMs?: number;
  /** ...this many of them, the current one included: a reading spans the last (windows - 1) x windowMs at least. */
  windows?: number;
  now?: () => number;
}

/**
 * The event loop's delay over the last minute, whoever reads it and how often. Not "since the
 * previous scrape": with two scrapers (Prometheus and a dashboard, or a benchmark) each would empty
 * the other's window; and not over fixed windows either, which a scraper slower than them, or out
 * of step, would miss stalls between. A minute is Prometheus's default scrape interval: every stall
 * is seen by at least one scrape.
 *
 * Sampled with a timer of our own rather than `monitorEventLoopDelay`, because its histogram cannot
 * be merged into another: windows kept as recordable histograms merge exactly when read.
 */
export class EventLoopDelay {
  private readonly resolutionMs: number;
  private readonly windowMs: number;
  private readonly windows: number;
  private readonly now: () => number;
  /** Oldest first; the last is the current window. */
  private readonly kept: RecordableHistogram[] = [createHistogram(HISTOGRAM)];
  /** The windows merged for a reading; one for all readings, because each holds native memory that only a GC frees. */
  private readonly merged = createHistogram(HISTOGRAM);
  private windowEndsAt: number;
  private dueAt: number;
  private readonly sampler: NodeJS.Timeout;

  constructor({ resolutionMs = 10, windowMs = 10_000, windows = 7, now = () => performance.now() }: EventLoopDelayOptions = {}) {
    this.resolutionMs = resolutionMs;
    this.windowMs = windowMs;
    this.windows = windows;
    this.now = now;
    const start = now();
    this.windowEndsAt = start + windowMs;
    this.dueAt = start + resolutionMs;
    this.sampler = setInterval(() => this.sample(), resolutionMs).unref();
  }

  reading(): EventLoopReading {
    const all = this.merged;
    all.reset();
    for (const window of this.kept) if (window.count > 0) all.add(window);
    if (all.count === 0) return { p50: 0, p99: 0, max: 0 };
    return { p50: all.percentile(50) / 1e9, p99: all.percentile(99) / 1e9, max: all.max / 1e9 };
  }

  stop(): void {
    clearInterval(this.sampler);
  }

  private sample(): void {
    const now = this.now();
    // How late this tick came is how long something held the loop. Histograms take whole nanoseconds, at least 1.
    this.kept.at(-1)!.record(Math.min(HISTOGRAM.highest, Math.max(1, Math.round((now - this.dueAt) * 1e6))));
    this.dueAt = now + this.resolutionMs;
    if (now >= this.windowEndsAt) {
      this.kept.push(createHistogram(HISTOGRAM));
      if (this.kept.length > this.windows) this.kept.shift();
      this.windowEndsAt = now + this.windowMs;
    }
  }
}
