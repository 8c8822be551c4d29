import { TokenBuckets, addressBucket, type BucketRule } from '../limits/index.js';

export interface AskLimits {
  perAsker: BucketRule;
  perAddress: BucketRule;
  /** Buckets one rule keeps at most; beyond that the least recently used are forgotten (they start full again). */
  maxBuckets: number;
}

/** How often a follower may ask. Held in memory by each process: a limit against floods, not an accounting. */
export const ASK_LIMITS: AskLimits = {
  /** One person (or one connection without an askerId): a conversation, not a stream. */
  perAsker: { burst: 2, refillMs: 30_000 },
  /**
   * One network address (an IPv6 host by its /64, see `addressBucket`): several people behind one
   * NAT (a remote office) still get their questions in.
   */
  perAddress: { burst: 6, refillMs: 10_000 },
  maxBuckets: 10_000,
};

export type AskVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * The two limits on asking: per asker and per address, both in the session. An ask takes a token
 * from both, or from neither: one refused by the address's bucket does not use up the asker's.
 */
export class AskLimiter {
  private readonly perAsker: TokenBuckets;
  private readonly perAddress: TokenBuckets;

  constructor(now: () => number = Date.now, limits: AskLimits = ASK_LIMITS) {
    this.perAsker = new TokenBuckets(limits.perAsker, now, limits.maxBuckets);
    this.perAddress = new TokenBuckets(limits.perAddress, now, limits.maxBuckets);
  }

  /**
   * `asker`: the askerId, or else something naming the connection. `address`: the remote address,
   * counted by `addressBucket`. Session ids hold no space.
   */
  tryAsk(sessionId: string, asker: string, address: string): AskVerdict {
    const askerKey = `${sessionId} ${asker}`;
    const addressKey = `${sessionId} ${addressBucket(address)}`;
    const retryAfterMs = Math.max(this.perAsker.waitMs(askerKey), this.perAddress.waitMs(addressKey));
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    this.perAsker.take(askerKey);
    this.perAddress.take(addressKey);
    return { ok: true };
  }

  /** Buckets held, for tests of the pruning. */
  get size(): number {
    return this.perAsker.size + this.perAddress.size;
  }
}
