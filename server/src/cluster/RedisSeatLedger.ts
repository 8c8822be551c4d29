import { createClient, defineScript } from 'redis';
import { closeRedisClient } from '../redis/redisClients.js';
import type { RedisKeys } from '../storage/redisKeys.js';
import type { SeatLedger } from '../sync/SeatLedger.js';
import type { SyncConnection } from '../sync/SyncConnection.js';

/** A seat not renewed for this long is free again: how long a dead process's seats stay taken. */
const SEAT_LEASE_MS = 30_000;
const RENEW_EVERY_MS = 10_000;

/**
 * Takes a seat atomically: drops the seats whose lease ran out, then adds this one if the session
 * is not full. Leases are counted on Redis's clock, the one clock every process shares.
 */
const claimSeatScript = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
    local time = redis.call('TIME')
    local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
    if redis.call('ZSCORE', KEYS[1], ARGV[1]) == false and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
      return 0
    end
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
    redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
    return 1`,
  parseCommand(parser, key: string, member: string, capacity: number, leaseMs: number) {
    parser.pushKey(key);
    parser.push(member, String(capacity), String(leaseMs));
  },
  transformReply: undefined as unknown as () => number,
});

/** Renews seats this process holds, where they are still there. */
const renewSeatScript = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
    local time = redis.call('TIME')
    local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
    for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
    redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
    return 1`,
  parseCommand(parser, key: string, leaseMs: number, members: string[]) {
    parser.pushKey(key);
    parser.push(String(leaseMs), ...members);
  },
  transformReply: undefined as unknown as () => number,
});

/** Seats in a sorted set per session: member = this process and connection, score = lease end. */
export class RedisSeatLedger implements SeatLedger {
  private readonly members = new WeakMap<SyncConnection, string>();
  /** Seats this process holds: session -> members. */
  private readonly held = new Map<string, Set<string>>();
  private nextId = 0;
  private readonly renewal: NodeJS.Timeout;

  private constructor(
    private readonly client: ReturnType<typeof ledgerClient>,
    private readonly keys: RedisKeys,
    private readonly instanceId: string,
  ) {
    this.renewal = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.renewal.unref();
  }

  static async connect(url: string, keys: RedisKeys, instanceId: string): Promise<RedisSeatLedger> {
    const client = ledgerClient(url);
    client.on('error', () => {}); // storage reports outages; this reconnects by itself
    await client.connect();
    return new RedisSeatLedger(client, keys, instanceId);
  }

  async claim(sessionId: string, holder: SyncConnection, capacity: number): Promise<boolean> {
    const member = this.memberOf(holder);
    const taken = (await this.client.claimSeat(this.keys.seats(sessionId), member, capacity, SEAT_LEASE_MS)) === 1;
    if (taken) {
      const held = this.held.get(sessionId) ?? new Set();
      held.add(member);
      this.held.set(sessionId, held);
    }
    return taken;
  }

  release(sessionId: string, holder: SyncConnection): void {
    const member = this.members.get(holder);
    if (!member) return;
    const held = this.held.get(sessionId);
    held?.delete(member);
    if (held?.size === 0) this.held.delete(sessionId);
    // Lost with Redis away? The lease frees it.
    void this.client.zRem(this.keys.seats(sessionId), member).catch(() => {});
  }

  async close(): Promise<void> {
    clearInterval(this.renewal);
    // Seats go back at once rather than when their lease runs out; with Redis away, the lease does it.
    if (this.client.isReady) {
      const releases = [...this.held].map(([sessionId, members]) => this.client.zRem(this.keys.seats(sessionId), [...members]));
      await Promise.allSettled(releases);
    }
    this.held.clear();
    await closeRedisClient(this.client);
  }

  private memberOf(holder: SyncConnection): string {
    let member = this.members.get(holder);
    if (!member) {
      member = `${this.instanceId}:${this.nextId++}`;
      this.members.set(holder, member);
    }
    return member;
  }

  private async renew(): Promise<void> {
    for (const [sessionId, members] of this.held) {
      await this.client.renewSeat(this.keys.seats(sessionId), SEAT_LEASE_MS, [...members]).catch(() => {});
    }
  }
}

function ledgerClient(url: string) {
  return createClient({
    url,
    scripts: { claimSeat: claimSeatScript, renewSeat: renewSeatScript },
    // With Redis away a claim fails at once (the connection is refused 1011 and retries) instead of waiting.
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
}
