export interface PacingOptions {
  /** Broadcasts a quiet room may make per second before updates are held back and merged. */
  broadcastsPerSecond: number;
  /** Broadcasts allowed at once above that rate, so a quiet room never waits. */
  broadcastBurst: number;
  /** From this many updates a second (averaged over about a second) a room counts as busy... */
  busyUpdatesPerSecond: number;
  /** ...and then broadcasts once per this interval, whatever arrives in between merged. */
  busyIntervalMs: number;
}

/** Time constant of the update-rate average: long enough to ride over one burst. */
const RATE_WINDOW_MS = 1_000;

/**
 * Decides when a room's pending updates go out. Sending costs one socket write per recipient
 * whatever a message holds, so the only way to spend less per delivered update is to put more
 * updates in a message, which means holding them. A quiet room never waits: its updates leave in
 * the next event-loop turn, capped by a token bucket that merges short bursts. A busy room (many
 * people typing or drawing at once) broadcasts at a steady cadence instead; its people are
 * all talking at once anyway, and every recipient, phones included, gets a bounded message rate.
 */
export class BroadcastPacer {
  private tokens: number;
  private refilledAt: number;
  /** Updates per second, exponentially averaged over RATE_WINDOW_MS. */
  private rate = 0;
  private rateAt: number;
  /** When the last broadcast left, or the planned time of the one waiting. */
  private lastBroadcastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: PacingOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = options.broadcastBurst;
    this.refilledAt = now();
    this.rateAt = this.refilledAt;
  }

  /** Counts one update into the room's rate. */
  noteUpdate(): void {
    const now = this.now();
    this.rate = this.rate * Math.exp((this.rateAt - now) / RATE_WINDOW_MS) + 1000 / RATE_WINDOW_MS;
    this.rateAt = now;
  }

  get busy(): boolean {
    return this.rate >= this.options.busyUpdatesPerSecond;
  }

  /** Called when updates are waiting: answers in how many ms they should be broadcast (0 = now). */
  take(): number {
    const now = this.now();
    const { broadcastsPerSecond, broadcastBurst, busyIntervalMs } = this.options;
    this.tokens = Math.min(broadcastBurst, this.tokens + ((now - this.refilledAt) * broadcastsPerSecond) / 1000);
    this.refilledAt = now;
    let wait: number;
    if (this.busy) {
      wait = Math.max(0, Math.ceil(this.lastBroadcastAt + busyIntervalMs - now));
    } else if (this.tokens >= 1) {
      this.tokens -= 1;
      wait = 0;
    } else {
      wait = Math.ceil(((1 - this.tokens) * 1000) / broadcastsPerSecond);
    }
    this.lastBroadcastAt = now + wait;
    return wait;
  }
}
