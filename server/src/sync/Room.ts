import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE_CODES, canEdit, countsTowardCapacity } from '@roundtable/shared';
import type { Storage, StoredDocument } from '../storage/index.js';
import type { SyncConnection } from './SyncConnection.js';
import type { UpdateBatcher } from './UpdateBatcher.js';
import type { DocumentFeed, FeedEntry } from './DocumentFeed.js';
import { BroadcastPacer, type PacingOptions } from './BroadcastPacer.js';
import { AwarenessBatch } from './AwarenessBatch.js';
import { AwarenessRoles } from './AwarenessRoles.js';
import { checkAwarenessState, encodeAwarenessEntries, isAwarenessNews, isRemoval, readAwarenessEntries } from './awarenessEntries.js';
import { AwarenessOwners } from './AwarenessOwners.js';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages.js';
import { checkUpdate } from './updateCheck.js';
import { noSyncMetrics, type SyncMetrics } from './SyncMetrics.js';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'sync' });

/** Transaction origin of updates replayed from storage: they are already stored. */
const LOAD_ORIGIN = Symbol('load');
/** Transaction origin of a batch of received updates, whose merged update is then stored. */
const BATCH_ORIGIN = Symbol('batch');
/** Origin of updates and awareness another process stored or published: not ours to store or publish. */
const REMOTE_ORIGIN = Symbol('remote');
/** Origin of a reload from storage after the feed lost track: its update is what was missing. */
const RESYNC_ORIGIN = Symbol('resync');
/** How long a process holds the right to compact a document others have loaded too. */
const COMPACTION_LEASE_MS = 30_000;

/**
 * Awareness renewals (a client saying "still here" every 15 s, with nothing changed) are relayed
 * together at this interval instead of one by one: with 30 people in a room they would otherwise
 * outnumber the edits. Peers drop a state after 30 s without news, so 15 + 5 s stays well inside.
 */
export const AWARENESS_RENEWAL_RELAY_MS = 5_000;

/**
 * Another process's renewals join our pending batch only if it goes out within this long: with
 * their own 5 s wait there, a client hears of a renewal at most 7.5 s late (a follower 0.1 s more
 * when it goes at once here), and a state renewed every 15 s (checked every 3 s) is heard of again
 * within 25.6 s, inside the 30 s timeout.
 */
export const REMOTE_RENEWAL_FOLD_MS = 2_500;

/**
 * Followers' awareness (arriving, leaving, their rare changes) reaches the editors in one message
 * per this interval instead of one per change: a session streamed to 500 followers sees hundreds
 * of them arrive within seconds of the start, and nobody in the room needs to see one appear
 * sooner. It goes to editors only: with 500 followers each receiving the other 499, one renewal
 * wave alone would be 250,000 state deliveries of presence that no follower's screen shows.
 * 2 s keeps the people list in the room current, well inside the 30 s after which peers drop
 * a state they have not heard of.
 */
export const FOLLOWER_AWARENESS_RELAY_MS = 2_000;

/**
 * Editors' awareness changes (a moving cursor changes it up to 60 times a second) reach followers
 * gathered, in one message per this interval carrying each changed client's latest state: 10
 * updates a second is smooth for a viewer (tldraw's follow mode eases towards the leader's camera
 * anyway), and it bounds a room's awareness traffic to 10 messages per follower per second whatever
 * the number of cursors, where relaying each change would be 30 x 60 x 500 = 900,000 a second.
 * A change always waits for the end of the interval it starts, never goes at once: a gesture's
 * first move would otherwise go alone with the rest 100 ms behind, two messages where one does,
 * and the wait is still at most 100 ms.
 */
export const FOLLOWER_FANOUT_MS = 100;

export interface RoomOptions extends PacingOptions {
  /** Compact once this many updates were stored since the last snapshot... */
  compactAfterUpdates: number;
  /** ...or once they add up to this many bytes. */
  compactAfterBytes: number;
}

export interface PendingUpdate {
  update: Uint8Array;
  origin: SyncConnection;
  /** The sender's sync step 2: what it sends after this builds only on what the room has. */
  syncStep2?: boolean;
}

export interface PendingBatch {
  updates: PendingUpdate[];
  merged: Uint8Array;
}

/**
 * The live document of one session and the connections editing or following it.
 *
 * Every document update goes through the batcher: it is written to storage first and only then
 * forwarded, merged with the other updates of the same event-loop turn (or, in a busy room, of the
 * same pacing interval), to everyone but its sender. A late joiner is served from the last
 * snapshot and `tail` (what was stored since), so joining never re-encodes the whole document.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly connections = new Set<SyncConnection>();
  /**
   * Which connection last announced each awareness client id: only it may change that state, and
   * the state goes when it leaves. A client that reconnects before its dead socket is dropped takes
   * its id over, so the old socket's departure does not wipe the new one's presence.
   */
  private readonly awarenessOwners = new AwarenessOwners();
  /** Received updates not yet applied to the document. */
  private pending: PendingUpdate[] = [];
  /** Connections whose sync step 2 the document has applied (see `integrate`). */
  private readonly caughtUp = new WeakSet<SyncConnection>();
  /** A reload from storage is under way (the feed lost track, or delivered an update out of order). */
  private resyncing = false;
  /** The update of the last batch transaction, captured from the document's update event. */
  private integrated: Uint8Array | null = null;
  /** Merged updates the document holds whose write storage refused: stored with the next batch. */
  private retries: Uint8Array[] = [];
  /** Sync step 2 carrying the last snapshot: what every joiner gets. */
  private baseMessage: Uint8Array;
  private tail: Uint8Array[] = [];
  private tailMessage: Uint8Array | null = null;
  private storedSinceSnapshot = 0;
  private bytesSinceSnapshot = 0;
  private lastSeq: number;
  private compacting: Promise<void> | null = null;
  /** Client ids whose state really changed in the awareness update being applied. */
  private readonly awarenessChanged = new Set<number>();
  /** The server's word on each awareness state's role; followers' states reach editors only. */
  private readonly roles = new AwarenessRoles();
  private readonly renewals = new AwarenessBatch(AWARENESS_RENEWAL_RELAY_MS, (ids) => this.relayRenewals(ids));
  private readonly followerChanges = new AwarenessBatch(FOLLOWER_AWARENESS_RELAY_MS, (ids) => this.relayFollowerChanges(ids));
  /** Editors' changed (or removed) states on their way to followers. */
  private readonly followerFanout = new AwarenessBatch(FOLLOWER_FANOUT_MS, (ids) => this.relayToFollowers(ids));
  private readonly pacer: BroadcastPacer;
  /** Whether the pending updates are already handed to the batcher or waiting for a token. */
  private flushScheduled = false;
  private paceTimer: NodeJS.Timeout | null = null;
  private destroyed = false;
  /** Set when storage refused a write: the document holds changes that are not stored. */
  private failed = false;
  /** Batches taken by the batcher whose write has not finished yet. */
  private batchesInFlight = 0;
  /** With other processes: the last seq of the stored log this room has, with none missing before it. */
  private feedSeq: number;
  private readonly unwatch: () => void;
  private resynced: Uint8Array | null = null;

  constructor(
    readonly name: string,
    stored: StoredDocument,
    private readonly storage: Storage,
    private readonly batcher: UpdateBatcher,
    private readonly options: RoomOptions,
    private readonly feed: DocumentFeed | null = null,
    private readonly metrics: SyncMetrics = noSyncMetrics,
  ) {
    this.pacer = new BroadcastPacer(options);
    this.awareness.setLocalState(null); // the server itself is nobody's presence
    try {
      applyStored(this.doc, stored, LOAD_ORIGIN);
      // Only a snapshot written before the room refused such structs holds any.
      if (dropWaiting(this.doc)) log.warn({ session: name }, 'the stored document held structs whose dependencies it lacks; dropped');
    } catch (error) {
      // Leave nothing running behind a document that cannot load (the awareness has a timer).
      this.awareness.destroy();
      this.doc.destroy();
      throw error;
    }
    this.lastSeq = stored.lastSeq;
    this.baseMessage = encodeSyncStep2(stored.snapshot ?? Y.encodeStateAsUpdate(new Y.Doc()));
    this.tail = stored.updates;
    this.storedSinceSnapshot = stored.updates.length;
    this.bytesSinceSnapshot = stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
    this.doc.on('update', this.onDocumentUpdate);
    this.awareness.on('change', this.onAwarenessChange);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.feedSeq = stored.lastSeq;
    this.unwatch =
      feed?.watch(name, stored.lastSeq, {
        updates: (entries) => this.receiveStored(entries),
        awareness: (update) => awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN),
        resync: () => void this.resync(),
      }) ?? (() => {});
  }

  get size(): number {
    return this.connections.size;
  }

  /** Connections that take a seat: moderators and attendees. */
  get seatedCount(): number {
    let count = 0;
    for (const conn of this.connections) if (countsTowardCapacity(conn.role)) count++;
    return count;
  }

  /** A failed room is never compacted and never joined again; the registry loads afresh. */
  get isFailed(): boolean {
    return this.failed;
  }

  /** Adds a connection if the room has a seat for it; false when it is full. */
  admit(conn: SyncConnection, capacity: number): boolean {
    if (this.destroyed) throw new Error(`room ${this.name} is closed`);
    if (countsTowardCapacity(conn.role) && this.seatedCount >= capacity) return false;
    this.connections.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const visible = this.statesVisibleTo(conn);
    if (visible.length > 0) conn.send(this.encodeStates(visible));
    return true;
  }

  /** Handles one frame from a connection. Throws MalformedMessageError on garbage. */
  receive(conn: SyncConnection, data: Uint8Array): void {
    if (!this.connections.has(conn)) return;
    const message = decodeMessage(data);
    switch (message.kind) {
      case 'sync-step1':
        this.sendDocument(conn);
        break;
      case 'document-update':
        this.metrics.updatesReceived(1);
        // A follower's edits are dropped here, before they touch the document.
        if (!canEdit(conn.role)) break;
        checkUpdate(message.update);
        this.enqueue({ update: message.update, origin: conn, syncStep2: message.syncStep2 });
        break;
      case 'awareness': {
        const update = this.admitAwareness(conn, message.update);
        if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
        break;
      }
      case 'query-awareness':
        conn.send(this.encodeStates(this.statesVisibleTo(conn)));
        break;
      case 'auth':
        break; // tokens are checked at the upgrade; nothing to do
    }
  }

  leave(conn: SyncConnection): void {
    if (!this.connections.delete(conn)) return;
    const owned = this.awarenessOwners.release(conn);
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
  }

  /**
   * What of a connection's awareness update the room applies: entries with news (not the echoes a
   * stock client sends back) for client ids the connection may speak for; null when none is left.
   * The whole update is checked before any of it is applied, so a broken entry cannot leave the
   * ones before it in place unstamped. Throws MalformedMessageError on a broken update.
   */
  private admitAwareness(conn: SyncConnection, update: Uint8Array): Uint8Array | null {
    const entries = readAwarenessEntries(update);
    const states = this.awareness.getStates();
    let fresh = 0;
    const admitted = entries.filter((entry) => {
      if (!isAwarenessNews(this.awareness, entry)) return false;
      const claim = this.awarenessOwners.claim(conn, entry.clientId, states.get(entry.clientId)?.role, fresh, isRemoval(entry));
      if (claim === 'new') fresh++;
      return claim !== 'refused';
    });
    for (const entry of admitted) checkAwarenessState(entry);
    if (admitted.length === 0) return null;
    return admitted.length === entries.length ? update : encodeAwarenessEntries(admitted);
  }

  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections]) {
      this.leave(conn);
      conn.close(code, reason);
    }
  }

  /**
   * Hands what arrived since the last broadcast to the batcher, emptying the queue: the updates
   * are applied to the document in one transaction, whose update is the one merged update that
   * is stored and forwarded for all of them.
   */
  takePending(): PendingBatch | null {
    this.flushScheduled = false;
    if (this.pending.length === 0 && this.retries.length === 0) return null;
    const accepted = this.integrate(this.pending);
    this.pending = [];
    const parts = this.retries;
    this.retries = [];
    if (this.integrated) parts.push(this.integrated);
    this.integrated = null;
    if (parts.length === 0) return null; // nothing the document did not have already
    this.batchesInFlight++;
    return { updates: accepted, merged: mergeAll(parts) };
  }

  /**
   * Applies updates in one transaction: one state-vector walk and one encoding for the lot,
   * not one per update. An update the document refuses closes its sender; the others stand.
   *
   * What of an update builds on structs the document lacks is dropped (`dropWaiting`). A client
   * that reconnects sends edits made meanwhile, which build on others it made offline, before its
   * sync step 2 brings those: the step 2 answers the room's step 1, sent when it joined, so it carries
   * everything dropped before it. After it, an honest client sends nothing the room lacks a base
   * for: such an update closes its sender with 4400.
   */
  private integrate(updates: PendingUpdate[]): PendingUpdate[] {
    const refused = new Set<SyncConnection>();
    const behind = new Set<SyncConnection>();
    Y.transact(
      this.doc,
      () => {
        for (const { update, origin, syncStep2 } of updates) {
          if (refused.has(origin)) continue;
          try {
            Y.applyUpdate(this.doc, update);
          } catch {
            refused.add(origin);
          }
          if (dropWaiting(this.doc) && this.caughtUp.has(origin)) behind.add(origin);
          if (syncStep2) this.caughtUp.add(origin);
        }
      },
      BATCH_ORIGIN,
    );
    // A client past its sync that builds on what we lack got it elsewhere first: from another tab
    // (y-websocket's BroadcastChannel) or another process faster than our feed. Its answer to our
    // state vector (a step 2) brings what was dropped; the rate limit bounds a client that keeps at it.
    if (behind.size > 0) {
      const ask = encodeSyncStep1(Y.encodeStateVector(this.doc));
      for (const conn of behind) if (!refused.has(conn)) conn.send(ask);
    }
    for (const conn of refused) {
      this.leave(conn);
      conn.close(CLOSE_CODES.malformedMessage, 'malformed message: update could not be applied');
    }
    return refused.size === 0 ? updates : updates.filter((p) => !refused.has(p.origin));
  }

  /** Called once the batch is stored: forward it and remember it for late joiners. */
  committed({ updates: batch, merged }: PendingBatch, seq: number): void {
    this.batchesInFlight--;
    if (this.destroyed) return;
    this.lastSeq = seq;
    // A lone sender is never sent its own update back. When several people's updates go out
    // together, each of them gets the same message as everyone else: its own part is a no-op for
    // its client, whereas a merge per sender without it cost more server time than it saved.
    const lone = batch.length > 0 && batch.every((p) => p.origin === batch[0]!.origin) ? batch[0]!.origin : null;
    this.forwardStored(merged, batch.length, lone);
  }

  /**
   * Storage refused a write: nothing of the batch was forwarded. It is kept and stored with the
   * next batch, so an unload can retry it; closing everyone makes their clients reconnect to a freshly
   * loaded room and send their state again, so nothing is lost while they keep it.
   */
  writeFailed(batch: PendingBatch | null, error: unknown): void {
    if (batch) {
      this.batchesInFlight--;
      this.retries.push(batch.merged); // the document holds it already: only storing is left
    }
    this.failed = true;
    log.error({ err: error, session: this.name }, 'could not store updates; closing the room with 1011');
    this.closeAll(1011, 'could not store your changes; reconnecting');
  }

  /** Updates the document holds that storage does not (yet). */
  get unstoredCount(): number {
    return this.pending.length + this.retries.length;
  }

  /**
   * Writes the whole document as the new snapshot and drops the log it replaces. Only runs when
   * every update in the document is stored, so the snapshot never holds anything not yet durable.
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    const unstored = this.unstoredCount > 0 || this.batchesInFlight > 0;
    // While reloading, the document may lack stored updates it dropped: a snapshot now would lose them.
    if (this.destroyed || this.failed || unstored || this.resyncing || this.storedSinceSnapshot === 0) {
      return Promise.resolve();
    }
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    // With other processes, only what this room read of the log, in order, is surely in the snapshot.
    const throughSeq = this.feed ? this.feedSeq : this.lastSeq;
    this.baseMessage = encodeSyncStep2(snapshot);
    this.tail = [];
    this.tailMessage = null;
    this.storedSinceSnapshot = 0;
    this.bytesSinceSnapshot = 0;
    this.compacting = this.storage
      .acquireCompactionLease(this.name, COMPACTION_LEASE_MS)
      // Without the lease another process is writing a snapshot; ours only served our joiners.
      .then((leased) => (leased ? this.storage.compactDocument(this.name, snapshot, throughSeq) : undefined))
      .catch((error: unknown) => {
        // The log still holds every update; the next compaction tries again.
        this.metrics.storageFailed('compact');
        log.error({ err: error, session: this.name }, 'could not compact the document');
      })
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onDocumentUpdate);
    this.awareness.off('change', this.onAwarenessChange);
    this.awareness.off('update', this.onAwarenessUpdate);
    // Followers who left just before the unload are still news to other processes' editors.
    this.followerChanges.flush();
    this.renewals.clear();
    this.followerFanout.clear(); // its followers left with everyone else
    if (this.paceTimer) clearTimeout(this.paceTimer);
    this.unwatch();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * Sends what the room has stored. The tail goes first and the snapshot last, as sync step 2:
   * a client counts itself synced on step 2, and by then it has applied everything.
   */
  private sendDocument(conn: SyncConnection): void {
    if (this.tail.length > 0) {
      this.tailMessage ??= encodeUpdate(mergeAll(this.tail));
      conn.send(this.tailMessage);
    }
    conn.send(this.baseMessage);
  }

  private readonly onDocumentUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === BATCH_ORIGIN) this.integrated = update;
    else if (origin === RESYNC_ORIGIN) this.resynced = update;
  };

  /** Updates other processes stored: already durable, so they go straight to this room's people. */
  private receiveStored(entries: FeedEntry[]): void {
    if (this.destroyed) return;
    this.feedSeq = entries[entries.length - 1]!.seq;
    const updates = entries.flatMap((entry) => (entry.update ? [entry.update] : []));
    if (updates.length === 0) return; // our own, forwarded when stored
    let gap = false;
    Y.transact(
      this.doc,
      () => {
        for (const update of updates) {
          try {
            Y.applyUpdate(this.doc, update);
          } catch (error) {
            log.error({ err: error, session: this.name }, 'an update stored by another process does not apply');
          }
          if (dropWaiting(this.doc)) gap = true;
        }
      },
      REMOTE_ORIGIN,
    );
    this.forwardStored(mergeAll(updates), updates.length);
    // What was dropped is stored: the reload brings it back (and no snapshot is written before).
    if (gap) {
      log.warn({ session: this.name }, 'an update stored by another process lacks dependencies; reloading the document');
      void this.resync();
    }
  }

  /**
   * Sends a stored update to everyone (but `except`) and keeps it for late joiners; compacts once
   * enough has piled up, whichever process stored it (a room that only hears others grows too).
   */
  private forwardStored(merged: Uint8Array, count: number, except: SyncConnection | null = null): void {
    this.tail.push(merged);
    this.tailMessage = null;
    this.storedSinceSnapshot += count;
    this.bytesSinceSnapshot += merged.byteLength;
    const message = encodeUpdate(merged);
    let sent = 0;
    for (const conn of this.connections) {
      if (conn === except) continue;
      conn.send(message);
      sent++;
    }
    this.metrics.updatesForwarded(sent);
    if (
      this.storedSinceSnapshot >= this.options.compactAfterUpdates ||
      this.bytesSinceSnapshot >= this.options.compactAfterBytes
    ) {
      setImmediate(() => void this.compact());
    }
  }

  /** The feed lost track (the log was compacted past it): whatever the document lacks comes from storage. */
  private async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    try {
      const stored = await this.storage.loadDocument(this.name);
      if (this.destroyed) return;
      this.resynced = null;
      applyStored(this.doc, stored, RESYNC_ORIGIN);
      if (dropWaiting(this.doc)) log.warn({ session: this.name }, 'the stored document held structs whose dependencies it lacks; dropped');
      if (this.resynced) this.forwardStored(this.resynced, 1);
      this.resynced = null;
    } catch (error) {
      log.error({ err: error, session: this.name }, 'could not reload the document after losing track of other processes');
      this.closeAll(1011, 'lost track of the document; reconnecting');
    } finally {
      this.resyncing = false;
    }
  }

  private enqueue(pending: PendingUpdate): void {
    this.pending.push(pending);
    this.pacer.noteUpdate();
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const wait = this.pacer.take();
    if (wait === 0) {
      this.batcher.schedule(this);
    } else {
      this.paceTimer = setTimeout(() => this.flushNow(), wait);
    }
  }

  /** Hands pending updates to the batcher now, paced or not (unload, shutdown). */
  flushNow(): void {
    if (this.paceTimer) clearTimeout(this.paceTimer);
    this.paceTimer = null;
    if (this.unstoredCount > 0) this.batcher.schedule(this);
  }

  private readonly onAwarenessChange = ({ added, updated, removed }: AwarenessChanges, origin: unknown): void => {
    // A state one of our connections changed gets that connection's role before anyone sees it.
    const from = this.connections.has(origin as SyncConnection) ? (origin as SyncConnection) : null;
    const states = this.awareness.getStates();
    for (const id of added) {
      if (from) this.roles.stamp(states, id, from.role);
      this.awarenessChanged.add(id);
    }
    for (const id of updated) if (!from || this.roles.stamp(states, id, from.role)) this.awarenessChanged.add(id);
    for (const id of removed) this.awarenessChanged.add(id);
  };

  private readonly onAwarenessUpdate = ({ added, updated, removed }: AwarenessChanges, origin: unknown): void => {
    const from = origin as SyncConnection;
    if (this.connections.has(from)) {
      for (const id of added) this.awarenessOwners.set(id, from);
      for (const id of updated) this.awarenessOwners.set(id, from);
    }
    for (const id of removed) this.awarenessOwners.delete(id);
    const remote = origin === REMOTE_ORIGIN;
    const prompt = added.concat(removed);
    // Another process's renewals arrive already held up to 5 s there. They join our own batch if
    // it goes out soon (one message to each client instead of two), else they go at once: two
    // full waits could add up to a gap in which clients time the state out.
    const foldRemote = remote && this.renewals.dueAt - Date.now() <= REMOTE_RENEWAL_FOLD_MS;
    for (const id of updated) {
      if (this.awarenessChanged.has(id) || (remote && !foldRemote)) prompt.push(id);
      else this.renewals.add(id);
    }
    this.awarenessChanged.clear(); // per awareness update, on the path of every cursor move
    const { followers, editors } = this.sortByRole(prompt);
    if (editors.length > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, editors);
      // Other processes get changes at once and renewals with the next batch, as this room's people do.
      if (this.feed && !remote) this.feed.publishAwareness(this.name, update);
      // To editors at once; to followers, whatever process it came from, with the next fan-out.
      this.sendToEditors(encodeAwareness(update), origin);
      for (const id of editors) this.followerFanout.add(id);
    }
    if (followers.length === 0) return;
    // Another process held its followers' changes for their batch already: they go on at once.
    if (remote) this.sendToEditors(this.encodeStates(followers));
    else for (const id of followers) this.followerChanges.add(id);
  };

  /** Splits changed (or removed) client ids into followers' states and the others. */
  private sortByRole(ids: number[]): { followers: number[]; editors: number[] } {
    const followers: number[] = [];
    const editors: number[] = [];
    const states = this.awareness.getStates();
    for (const id of ids) (this.roles.sortOut(id, states.get(id)) ? followers : editors).push(id);
    return { followers, editors };
  }

  /** The awareness states a connection may see: a follower sees everyone but the other followers. */
  private statesVisibleTo(conn: SyncConnection): number[] {
    const ids = [...this.awareness.getStates().keys()];
    return canEdit(conn.role) ? ids : ids.filter((id) => !this.roles.isFollower(id));
  }

  private encodeStates(ids: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /** Sends to moderators and attendees, but `except` (the origin of a change, which has it already). */
  private sendToEditors(message: Uint8Array, except: unknown = null): void {
    for (const conn of this.connections) if (canEdit(conn.role) && conn !== except) conn.send(message);
  }

  /** Relays the renewals gathered since the last time, in one message; followers' to editors only. */
  private relayRenewals(ids: number[]): void {
    const states = this.awareness.getStates();
    const present = ids.filter((id) => states.has(id));
    if (present.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, present);
    // Sent to everyone: a client ignores its own entry (its clock is not newer than its own).
    const forEditors = encodeAwareness(update);
    const notFollowers = present.filter((id) => !this.roles.isFollower(id));
    const forFollowers =
      notFollowers.length === present.length ? forEditors : notFollowers.length > 0 ? this.encodeStates(notFollowers) : null;
    for (const conn of this.connections) {
      const message = canEdit(conn.role) ? forEditors : forFollowers;
      if (message) conn.send(message);
    }
    // Renewals of this process's own connections go to the others in one message; theirs came from them.
    const local = this.feed ? present.filter((id) => this.awarenessOwners.has(id)) : [];
    if (local.length > 0) this.feed!.publishAwareness(this.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
  }

  /**
   * Relays editors' changes of the last 100 ms to followers in one message: each client's state as
   * it is now, null with its clock once removed. A client that became a follower meanwhile is left
   * out: followers never see each other.
   */
  private relayToFollowers(ids: number[]): void {
    const followers = [...this.connections].filter((conn) => !canEdit(conn.role));
    const editors = ids.filter((id) => !this.roles.isFollower(id));
    if (followers.length === 0 || editors.length === 0) return;
    const message = this.encodeStates(editors);
    for (const conn of followers) conn.send(message);
  }

  /**
   * Relays followers' changes of the last interval (removals included) to this process's editors
   * and to the other processes, which pass them on to theirs at once.
   */
  private relayFollowerChanges(ids: number[]): void {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    this.sendToEditors(encodeAwareness(update));
    this.feed?.publishAwareness(this.name, update);
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Applies a stored document (snapshot and log) in one transaction. */
function applyStored(doc: Y.Doc, stored: StoredDocument, origin: symbol): void {
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    },
    origin,
  );
}

/**
 * Drops what Yjs holds back in the document waiting for structs it lacks (`pendingStructs`, and
 * `pendingDs` for deletions); answers whether there was any. Yjs would keep it indefinitely, merge
 * every later such update into it (memory and time without bound, from anyone who sends updates
 * that depend on nothing that will ever come), and write it into every snapshot, which every joiner
 * then receives. The room keeps the rule that its document never holds any between updates.
 */
export function dropWaiting(doc: Y.Doc): boolean {
  const { store } = doc;
  if (store.pendingStructs === null && store.pendingDs === null) return false;
  store.pendingStructs = null;
  store.pendingDs = null;
  return true;
}

function mergeAll(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}
