/** A byte budget's rule: `burst` bytes at once, then `perSecond` more each second. */
export interface ByteRule {
  burst: number;
  perSecond: number;
}

/**
 * One sender's allowance of bytes: a token bucket counted in bytes, refilled continuously. A frame
 * larger than the whole burst counts as the burst, so that a frame the size limit lets through is
 * never refused forever, only until the budget is full.
 */
export class ByteBudget {
  private available: number;
  private at: number;

  constructor(
    private readonly rule: ByteRule,
    private readonly now: () => number = Date.now,
  ) {
    this.available = rule.burst;
    this.at = now();
  }

  /** Milliseconds until `bytes` may be spent: 0 when they may now. */
  waitMs(bytes: number): number {
    this.refill();
    const missing = Math.min(bytes, this.rule.burst) - this.available;
    return missing <= 0 ? 0 : Math.ceil((missing * 1000) / this.rule.perSecond);
  }

  /** Spends `bytes`; the caller asked `waitMs` first. */
  take(bytes: number): void {
    this.refill();
    this.available -= Math.min(bytes, this.rule.burst);
  }

  private refill(): void {
    const now = this.now();
    this.available = Math.min(this.rule.burst, this.available + ((now - this.at) * this.rule.perSecond) / 1000);
    this.at = now;
  }
}
