import { isIP } from 'node:net';

/** A token bucket's rule: `burst` asks at once, then one more every `refillMs`. */
export interface BucketRule {
  burst: number;
  refillMs: number;
}

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

/**
 * What the per-address limit counts an address as. An IPv6 host is given a whole /64 (SLAAC,
 * privacy addresses) and can ask from a new address in it every time, so IPv6 is counted by its
 * first 64 bits (`2001:db8:0:1::/64`); IPv4, and IPv4 mapped into IPv6 (`::ffff:192.0.2.1`, how a
 * dual-stack socket shows an IPv4 peer), by the whole address. Anything else is its own key.
 */
export function addressBucket(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const isMappedIpv4 = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isMappedIpv4) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail read, a zone dropped), or null. */
function ipv6Groups(address: string): number[] | null {
  const bare = address.split('%')[0]!.toLowerCase();
  if (isIP(bare) !== 6) return null;
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = bare.split('::');
  const front = parse(head);
  if (tail === undefined) return front;
  const back = parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
