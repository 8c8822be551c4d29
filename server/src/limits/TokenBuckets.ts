/** A token bucket's rule: `burst` tokens at once, then one more every `refillMs`. */
export interface BucketRule {
  burst: number;
  refillMs: number;
}

/**
 * Token buckets by key, each kept as the moment it is full again (whole milliseconds, so waits
 * come out exact): a bucket is `burst` tokens minus one per `refillMs` still to go until then.
 * A full bucket is the same as none, so it is forgotten: memory holds only the keys that asked
 * lately, and at most `maxBuckets` of them.
 */
export class TokenBuckets {
  /** key -> when its bucket is full again; in order of last use, least recent first. */
  private readonly fullAt = new Map<string, number>();
  private lastSweep: number;

  constructor(
    private readonly rule: BucketRule,
    private readonly now: () => number,
    private readonly maxBuckets: number,
  ) {
    this.lastSweep = now();
  }

  get size(): number {
    return this.fullAt.size;
  }

  /** Milliseconds until `key` may take a token: 0 when it may now. */
  waitMs(key: string): number {
    const missingMs = (this.fullAt.get(key) ?? 0) - this.now();
    return Math.max(0, missingMs - (this.rule.burst - 1) * this.rule.refillMs);
  }

  /** Takes a token; the caller asked `waitMs` first. */
  take(key: string): void {
    const now = this.now();
    const fullAt = Math.max(this.fullAt.get(key) ?? 0, now) + this.rule.refillMs;
    this.fullAt.delete(key); // set again below: last in the Map's order
    this.fullAt.set(key, fullAt);
    this.prune(now);
  }

  private prune(now: number): void {
    // No bucket takes longer than `burst * refillMs` to fill: sweeping that often drops all but
    // the recent ones, at a cost spread thin.
    if (now - this.lastSweep >= this.rule.burst * this.rule.refillMs) {
      this.lastSweep = now;
      for (const [key, fullAt] of this.fullAt) if (fullAt <= now) this.fullAt.delete(key);
    }
    // A flood of new keys between sweeps: forget the least recently used.
    for (const key of this.fullAt.keys()) {
      if (this.fullAt.size <= this.maxBuckets) break;
      this.fullAt.delete(key);
    }
  }
}
