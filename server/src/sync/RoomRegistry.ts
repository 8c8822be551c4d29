import type { Storage } from '../storage/index.js';
import { Room, type RoomOptions } from './Room.js';
import type { SyncConnection } from './SyncConnection.js';
import { UpdateBatcher } from './UpdateBatcher.js';
import type { DocumentFeed } from './DocumentFeed.js';
import type { SeatLedger } from './SeatLedger.js';
import { countsTowardCapacity } from '@roundtable/shared';
import { noSyncMetrics, type SyncMetrics } from './SyncMetrics.js';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'sync' });

export type JoinResult = { ok: true; room: Room } | { ok: false; reason: 'room-full' | 'shutting-down' };

/** Waits between retries of a write that failed while unloading, when no client can resend it. */
const UNLOAD_RETRY_DELAYS_MS = [100, 500, 2_000];

/**
 * Loads a session's document on its first connection and unloads it when the last one leaves.
 * A failed load leaves nothing behind (no room, nothing written), so the next connection retries.
 */
export class RoomRegistry {
  readonly batcher: UpdateBatcher;
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly loaded = new Map<string, Room>();
  /** Rooms being unloaded: a new connection waits for the unload before loading afresh. */
  private readonly unloading = new Map<string, Promise<void>>();
  private closing = false;
  /** Updates that storage refused even after retries; only a broken disk gets here. */
  lostUpdates = 0;

  constructor(
    private readonly storage: Storage,
    private readonly options: RoomOptions,
    /** Set when other processes serve the same documents (Redis). */
    private readonly feed: DocumentFeed | null = null,
    private readonly seats: SeatLedger | null = null,
    private readonly metrics: SyncMetrics = noSyncMetrics,
  ) {
    this.batcher = new UpdateBatcher(storage, metrics);
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  async join(name: string, conn: SyncConnection, capacity: number): Promise<JoinResult> {
    if (this.closing) return { ok: false, reason: 'shutting-down' };
    if (!this.seats || !countsTowardCapacity(conn.role)) return this.joinRoom(name, conn, capacity);
    // Several processes: the shared ledger knows whether the session is full, the room does not.
    if (!(await this.seats.claim(name, conn, capacity))) return { ok: false, reason: 'room-full' };
    let result: JoinResult | undefined;
    try {
      result = await this.joinRoom(name, conn, Number.POSITIVE_INFINITY);
      return result;
    } finally {
      if (!result?.ok) this.seats.release(name, conn);
    }
  }

  private async joinRoom(name: string, conn: SyncConnection, capacity: number): Promise<JoinResult> {
    let room = await this.load(name);
    if (this.closing) {
      if (room.size === 0) this.unload(name, room);
      return { ok: false, reason: 'shutting-down' };
    }
    // The room may have been unloaded while this connection waited; load it afresh then.
    while (this.loaded.get(name) !== room || room.isFailed) {
      if (room.isFailed) this.unload(name, room);
      room = await this.load(name);
    }
    if (!room.admit(conn, capacity)) {
      if (room.size === 0) this.unload(name, room);
      return { ok: false, reason: 'room-full' };
    }
    return { ok: true, room };
  }

  leave(room: Room, conn: SyncConnection): void {
    room.leave(conn);
    if (this.seats && countsTowardCapacity(conn.role)) this.seats.release(room.name, conn);
    if (room.size === 0) this.unload(room.name, room);
  }

  /** Stores everything pending, compacts and closes every room (server shutdown). */
  async closeAll(code: number, reason: string): Promise<void> {
    this.closing = true;
    // Loads in progress finish into rooms that are then closed too.
    while (this.rooms.size > 0 || this.unloading.size > 0) {
      await Promise.allSettled([...this.rooms.values()]);
      for (const room of [...this.loaded.values()]) {
        room.closeAll(code, reason);
        this.unload(room.name, room);
      }
      await Promise.all(this.unloading.values());
    }
  }

  private async load(name: string): Promise<Room> {
    let loading = this.rooms.get(name);
    if (!loading) {
      loading = (async () => {
        await this.unloading.get(name);
        const stored = await this.storage.loadDocument(name);
        const room = new Room(name, stored, this.storage, this.batcher, this.options, this.feed, this.metrics);
        this.loaded.set(name, room);
        return room;
      })();
      this.rooms.set(name, loading);
      loading.catch(() => {
        this.metrics.storageFailed('load');
        if (this.rooms.get(name) === loading) this.rooms.delete(name);
      });
    }
    return loading;
  }

  private unload(name: string, room: Room): void {
    if (this.loaded.get(name) !== room) return;
    this.loaded.delete(name);
    this.rooms.delete(name);
    const done = this.flushAndDestroy(name, room).finally(() => {
      if (this.unloading.get(name) === done) this.unloading.delete(name);
    });
    this.unloading.set(name, done);
  }

  private async flushAndDestroy(name: string, room: Room): Promise<void> {
    try {
      for (let attempt = 0; ; attempt++) {
        room.flushNow();
        await this.batcher.drain();
        if (room.unstoredCount === 0) break;
        const delay = UNLOAD_RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          this.lostUpdates += room.unstoredCount;
          log.error({ session: name, lost: room.unstoredCount }, 'storage refused updates on every retry; they are lost');
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      await room.compact();
    } catch (error) {
      log.error({ err: error, session: name }, 'unloading the document failed');
    } finally {
      room.destroy();
    }
  }
}
