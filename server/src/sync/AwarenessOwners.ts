import type { SyncConnection } from './SyncConnection.js';

/**
 * Client ids one connection may announce. A y-websocket client has one per document; a few more
 * leave room for a page that reopens its document on the same socket, none for a flood of made-up
 * states that every editor would have to hold and show.
 */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

/** What a connection's entry for an awareness client id is to the room. */
export type AwarenessClaim = 'own' | 'new' | 'takeover' | 'refused';

/**
 * Which connection announced each awareness client id. A connection speaks for its own ids only:
 * otherwise a follower could write the moderator's state (the moderator's own client even adopts a
 * newer state for its id, and sends it on as the moderator's), or remove it.
 */
export class AwarenessOwners {
  private readonly owners = new Map<number, SyncConnection>();
  private readonly counts = new Map<SyncConnection, number>();

  /**
   * Whether `conn` may set the state of `clientId`, whose state the room holds with `heldRole`
   * (undefined if it holds none). Its own ids, yes. An id another live connection announced, only
   * for a connection of the same role: a client that reconnects before its dead socket is dropped
   * takes its id over. An id the room holds with no connection of its own (announced on another
   * process, whose role was stamped there), likewise. A new id, while the connection has fewer than
   * the maximum (`pending` new ids of the same update counted). A removal (`removal`: the entry's
   * state is null) only of one's own: a reconnecting client announces a state; a peer removing
   * another's is one that timed it out on its side, and must not clear it for everyone.
   */
  claim(conn: SyncConnection, clientId: number, heldRole: unknown, pending: number, removal = false): AwarenessClaim {
    const owner = this.owners.get(clientId);
    if (owner === conn) return 'own';
    if (removal && (owner || heldRole !== undefined)) return 'refused';
    if (owner) return owner.role === conn.role ? 'takeover' : 'refused';
    if (heldRole !== undefined) return heldRole === conn.role ? 'takeover' : 'refused';
    return (this.counts.get(conn) ?? 0) + pending < MAX_AWARENESS_IDS_PER_CONNECTION ? 'new' : 'refused';
  }

  has(clientId: number): boolean {
    return this.owners.has(clientId);
  }

  set(clientId: number, conn: SyncConnection): void {
    const before = this.owners.get(clientId);
    if (before === conn) return;
    if (before) this.count(before, -1);
    this.owners.set(clientId, conn);
    this.count(conn, 1);
  }

  delete(clientId: number): void {
    const before = this.owners.get(clientId);
    if (!before) return;
    this.owners.delete(clientId);
    this.count(before, -1);
  }

  /** Forgets a connection that left; answers the ids it owned. */
  release(conn: SyncConnection): number[] {
    const owned = [...this.owners].filter(([, owner]) => owner === conn).map(([id]) => id);
    for (const id of owned) this.owners.delete(id);
    this.counts.delete(conn);
    return owned;
  }

  private count(conn: SyncConnection, delta: number): void {
    const next = (this.counts.get(conn) ?? 0) + delta;
    if (next > 0) this.counts.set(conn, next);
    else this.counts.delete(conn);
  }
}
