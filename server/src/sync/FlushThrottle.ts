/**
 * Caps how often one room broadcasts, with bursts: a token bucket. While a room sees fewer than
 * `ratePerSecond` batches a second, every batch goes out in the next event-loop turn. Above that,
 * as when several people draw at once (tldraw sends an update per pointer move), updates wait at
 * most one interval and go out merged: one message per recipient instead of one per update.
 */
export class FlushThrottle {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  /** Takes a token if one is there and answers 0, or answers how many ms until one is. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.ratePerSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }
}
