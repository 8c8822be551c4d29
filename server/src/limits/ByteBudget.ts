/** A byte budget's rule: `burst` bytes at once, then `perSecond` more each second. */
export interface ByteRule {
  burst: number;
  perSecond: number;
}

/**
 * One sender's allowance of bytes: a token bucket counted in bytes, refilled continuously. A frame
 * larger than the whole burst waits only until the budget is full, so that a frame the size limit
 * lets through is never refused forever; it is charged in full, leaving the budget in debt, so
 * that large frames cannot pass at more than `perSecond` either.
 */
export class ByteBudget {
  private available: number;
  private at: number;

  constructor(
    private readonly rule: ByteRule,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(rule.burst > 0 && rule.perSecond > 0)) throw new RangeError(`a byte budget needs a positive burst and rate, got ${JSON.stringify(rule)}`);
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
    this.available -= bytes;
  }

  private refill(): void {
    const now = this.now();
    // A clock that steps back (the wall clock, in tests) must not put the sender in debt.
    this.available = Math.min(this.rule.burst, this.available + (Math.max(0, now - this.at) * this.rule.perSecond) / 1000);
    this.at = now;
  }
}
