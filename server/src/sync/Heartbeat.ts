/** What the heartbeat needs of a connection. */
export interface Pingable {
  /** Set again by the connection whenever it hears from its peer (a pong or any frame). */
  alive: boolean;
  ping(): void;
  terminate(): void;
}

/**
 * Pings every connection once per interval and drops one that has not answered the previous
 * ping. Connections are spread over slots pinged one after the other, so a thousand connections
 * cost fifty pings every 1.5 s rather than a thousand pings (and a thousand pongs) in one turn,
 * which would hold up everyone's edits behind them.
 */
export class Heartbeat<T extends Pingable> {
  private readonly slots: Set<T>[];
  private readonly slotOf = new Map<T, Set<T>>();
  private next = 0;
  private added = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number, slotCount = 20) {
    this.slots = Array.from({ length: slotCount }, () => new Set<T>());
    this.timer = setInterval(() => this.tick(), intervalMs / slotCount);
    this.timer.unref();
  }

  add(conn: T): void {
    const slot = this.slots[this.added++ % this.slots.length]!;
    slot.add(conn);
    this.slotOf.set(conn, slot);
  }

  delete(conn: T): void {
    this.slotOf.get(conn)?.delete(conn);
    this.slotOf.delete(conn);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const slot = this.slots[this.next]!;
    this.next = (this.next + 1) % this.slots.length;
    for (const conn of slot) {
      if (!conn.alive) {
        this.delete(conn);
        conn.terminate(); // its close handler leaves the room
        continue;
      }
      conn.alive = false;
      conn.ping();
    }
  }
}
