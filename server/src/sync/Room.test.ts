import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { Role } from '@roundtable/shared';
import Database from 'better-sqlite3';
import { SqliteStorage } from '../storage/SqliteStorage.js';
import { RoomRegistry } from './RoomRegistry.js';
import type { SyncConnection } from './SyncConnection.js';
import { MESSAGE, SYNC, encodeAwareness, encodeSyncStep1, encodeUpdate } from './messages.js';
import {
  AWARENESS_RENEWAL_RELAY_MS,
  FOLLOWER_AWARENESS_RELAY_MS,
  FOLLOWER_FANOUT_MS,
  REMOTE_RENEWAL_FOLD_MS,
  type Room,
  type RoomOptions,
} from './Room.js';
import { defaultConfiguration } from '../config.js';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocumentFeed, FeedSink } from './DocumentFeed.js';
import { eventually } from '../../test/helpers.js';

/** A connection as the room sees it: it records what the room sends. */
class RecordingConnection implements SyncConnection {
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  constructor(
    readonly role: Role,
    readonly label: string,
  ) {}
  send(message: Uint8Array) {
    this.sent.push(message);
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
  }
  awarenessMessages(): number {
    return this.sent.filter((m) => m[0] === MESSAGE.awareness).length;
  }
  /** The awareness messages received, each as the states it carried by client id (null: removed). */
  awarenessReceived(): Map<number, Record<string, unknown> | null>[] {
    return this.sent
      .filter((m) => m[0] === MESSAGE.awareness)
      .map((message) => {
        const outer = decoding.createDecoder(message);
        decoding.readVarUint(outer);
        const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer));
        const states = new Map<number, Record<string, unknown> | null>();
        for (let n = decoding.readVarUint(decoder); n > 0; n--) {
          const clientId = decoding.readVarUint(decoder);
          decoding.readVarUint(decoder); // clock
          states.set(clientId, JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown> | null);
        }
        return states;
      });
  }
  /** The states a client on this connection would hold after applying every awareness message, as y-protocols does. */
  awarenessHeld(): Map<number, unknown> {
    const held = new awarenessProtocol.Awareness(new Y.Doc());
    held.setLocalState(null);
    for (const message of this.sent.filter((m) => m[0] === MESSAGE.awareness)) {
      const decoder = decoding.createDecoder(message);
      decoding.readVarUint(decoder);
      awarenessProtocol.applyAwarenessUpdate(held, decoding.readVarUint8Array(decoder), 'server');
    }
    const states = new Map(held.getStates());
    held.destroy();
    return states;
  }
  /** Every client id this connection was told about, in any awareness message. */
  awarenessIdsSeen(): Set<number> {
    return new Set(this.awarenessReceived().flatMap((states) => [...states.keys()]));
  }
  /** The document updates received, decoded. */
  updates(): Uint8Array[] {
    return this.sent.flatMap((message) => {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MESSAGE.sync) return [];
      const type = decoding.readVarUint(decoder);
      return type === SYNC.update || type === SYNC.step2 ? [decoding.readVarUint8Array(decoder)] : [];
    });
  }
}

const storages: SqliteStorage[] = [];
afterEach(async () => {
  for (const s of storages.splice(0)) await s.close();
});

function setup(overrides: Partial<RoomOptions> = {}) {
  const options: RoomOptions = { ...defaultConfiguration, ...overrides };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-room-'));
  const storage = new SqliteStorage(path.join(dir, 'db.sqlite'), 20);
  storages.push(storage);
  return { storage, registry: new RoomRegistry(storage, options) };
}

/** Joins connections to one room in order and forgets what joining sent them. */
async function joinAll(registry: RoomRegistry, ...conns: RecordingConnection[]) {
  let room: Room | null = null;
  for (const conn of conns) {
    const joined = await registry.join('doc', conn, 30);
    if (!joined.ok) throw new Error('join failed');
    room = joined.room;
  }
  for (const conn of conns) conn.sent.length = 0;
  return room!;
}

function edit(doc: Y.Doc, key: string, value: unknown): Uint8Array {
  let captured: Uint8Array | null = null;
  const capture = (u: Uint8Array) => void (captured = u);
  doc.once('update', capture);
  doc.getMap('m').set(key, value);
  return captured!;
}

function replay(updates: Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('m').toJSON();
}

describe('Room', () => {
  it('stores and forwards the updates of one turn as one message per recipient, never echoing a lone sender', async () => {
    const { storage, registry } = setup();
    const a = new RecordingConnection('attendee', 'a');
    const b = new RecordingConnection('moderator', 'b');
    const f = new RecordingConnection('follower', 'f');
    const room = (await registry.join('doc', a, 30)).ok && (await registry.join('doc', b, 30)).ok && (await registry.join('doc', f, 30));
    if (!room || !room.ok) throw new Error('join failed');
    for (const c of [a, b, f]) c.sent.length = 0;

    const docA = new Y.Doc();
    const docB = new Y.Doc();
    room.room.receive(a, encodeUpdate(edit(docA, 'a1', 1)));
    room.room.receive(a, encodeUpdate(edit(docA, 'a2', 2)));
    room.room.receive(b, encodeUpdate(edit(docB, 'b1', 3)));
    expect(f.sent).toHaveLength(0); // nothing forwarded before it is stored
    await registry.batcher.drain();

    expect(f.updates()).toHaveLength(1);
    expect(replay(f.updates())).toEqual({ a1: 1, a2: 2, b1: 3 });
    // Several senders in one turn: each gets the one merged message, its own part a no-op for it.
    expect(a.updates()).toHaveLength(1);
    expect(replay(a.updates())).toEqual({ a1: 1, a2: 2, b1: 3 });
    expect(b.updates()).toHaveLength(1);
    expect(a.sent.at(-1)).toBe(f.sent.at(-1));
    const stored = await storage.loadDocument('doc');
    expect(stored.updates).toHaveLength(1);
    expect(replay(stored.updates)).toEqual({ a1: 1, a2: 2, b1: 3 });

    // A lone sender gets nothing back at all.
    room.room.receive(a, encodeUpdate(edit(docA, 'a3', 4)));
    await registry.batcher.drain();
    expect(a.updates()).toHaveLength(1);
    expect(b.updates()).toHaveLength(2);
  });

  it('drops a follower update before it reaches the document', async () => {
    const { storage, registry } = setup();
    const f = new RecordingConnection('follower', 'f');
    const a = new RecordingConnection('attendee', 'a');
    const joined = { room: await joinAll(registry, f, a) };
    joined.room.receive(f, encodeUpdate(edit(new Y.Doc(), 'vandal', 1)));
    await registry.batcher.drain();
    expect(joined.room.doc.getMap('m').has('vandal')).toBe(false);
    expect(a.sent).toHaveLength(0);
    expect((await storage.loadDocument('doc')).updates).toHaveLength(0);
  });

  it('serves a late joiner from snapshot and tail, and compacts in the background', async () => {
    const { storage, registry } = setup({ compactAfterUpdates: 10, broadcastBurst: 1000, busyUpdatesPerSecond: Infinity });
    const writer = new RecordingConnection('attendee', 'w');
    const joined = await registry.join('doc', writer, 30);
    if (!joined.ok) throw new Error('join failed');
    const source = new Y.Doc();
    for (let i = 0; i < 25; i++) {
      joined.room.receive(writer, encodeUpdate(edit(source, `k${i}`, i)));
      await registry.batcher.drain();
    }
    await new Promise((resolve) => setImmediate(resolve)); // let the scheduled compaction run
    const stored = await storage.loadDocument('doc');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(10);

    const late = new RecordingConnection('follower', 'late');
    await registry.join('doc', late, 30);
    joined.room.receive(late, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    expect(replay(late.updates())).toEqual(source.getMap('m').toJSON());
    // Sync step 2 comes last, so a client that counts itself synced has everything.
    const last = decoding.createDecoder(late.sent[late.sent.length - 1]!);
    decoding.readVarUint(last);
    expect(decoding.readVarUint(last)).toBe(SYNC.step2);
  });

  it('merges a busy room\'s updates into fewer broadcasts and loses none, also when unloaded', async () => {
    const { storage, registry } = setup({ broadcastsPerSecond: 20, broadcastBurst: 2 });
    const writer = new RecordingConnection('attendee', 'w');
    const reader = new RecordingConnection('follower', 'r');
    const joined = { room: await joinAll(registry, writer, reader) };
    const source = new Y.Doc();
    for (let i = 0; i < 20; i++) {
      joined.room.receive(writer, encodeUpdate(edit(source, `k${i}`, i)));
      await new Promise((resolve) => setImmediate(resolve)); // each in its own event-loop turn
    }
    await registry.batcher.drain();
    const early = reader.updates().length;
    expect(early).toBeLessThan(20);
    // What is still held back goes out with the next token, or at once when the room unloads.
    registry.leave(joined.room, writer);
    registry.leave(joined.room, reader);
    await registry.closeAll(1001, 'done'); // waits for the unload
    const stored = await storage.loadDocument('doc');
    expect(replay([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])).toEqual(source.getMap('m').toJSON());
  });

  it('keeps a batch that storage refused and stores it when the room unloads', async () => {
    const { storage, registry } = setup();
    const a = new RecordingConnection('attendee', 'a');
    const b = new RecordingConnection('attendee', 'b');
    const joined = { room: await joinAll(registry, a, b) };
    // Another process holds the write lock: the append fails with SQLITE_BUSY.
    const blocker = new Database(storage.file);
    blocker.exec('BEGIN EXCLUSIVE');
    joined.room.receive(a, encodeUpdate(edit(new Y.Doc(), 'kept', 1)));
    await registry.batcher.drain();
    expect(b.updates()).toHaveLength(0);
    expect(a.closed?.code).toBe(1011);
    blocker.exec('COMMIT');
    blocker.close();
    // Everyone left; the unload retries the write and it now succeeds.
    registry.leave(joined.room, a);
    registry.leave(joined.room, b);
    await registry.closeAll(1001, 'done');
    expect(registry.lostUpdates).toBe(0);
    expect(replay((await storage.loadDocument('doc')).updates)).toEqual({ kept: 1 });
  });

  it('refuses new connections once shutting down', async () => {
    const { registry } = setup();
    await registry.closeAll(1001, 'bye');
    expect(await registry.join('doc', new RecordingConnection('attendee', 'late'), 30)).toEqual({
      ok: false,
      reason: 'shutting-down',
    });
  });

  it('closes everyone, forwarding nothing, when storage refuses a write', async () => {
    const { storage, registry } = setup();
    const a = new RecordingConnection('attendee', 'a');
    const b = new RecordingConnection('attendee', 'b');
    const joined = { room: await joinAll(registry, a, b) };
    await storage.close();
    joined.room.receive(a, encodeUpdate(edit(new Y.Doc(), 'lost', 1)));
    await registry.batcher.drain();
    expect(b.updates()).toHaveLength(0);
    expect(a.closed?.code).toBe(1011);
    expect(b.closed?.code).toBe(1011);
  });
});

function awarenessOf(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encodeAwareness(encoding.toUint8Array(encoder));
}

describe('Room awareness', () => {
  it('relays changes at once and gathers plain renewals, then clears a leaver for everyone', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { registry } = setup();
      const a = new RecordingConnection('attendee', 'a');
      const b = new RecordingConnection('moderator', 'b'); // an editor: followers hear of changes every 100 ms
      const joined = await registry.join('doc', a, 30);
      await registry.join('doc', b, 30);
      if (!joined.ok) throw new Error('join failed');
      const room = joined.room;
      b.sent.length = 0;
      room.receive(a, awarenessOf(77, 1, { user: 'Ada' }));
      expect(b.awarenessMessages()).toBe(1);
      expect(a.awarenessMessages()).toBe(0); // not echoed
      room.receive(a, awarenessOf(77, 2, { user: 'Ada' })); // renewal: nothing changed
      room.receive(a, awarenessOf(77, 3, { user: 'Ada' }));
      expect(b.awarenessMessages()).toBe(1);
      vi.advanceTimersByTime(AWARENESS_RENEWAL_RELAY_MS);
      expect(b.awarenessMessages()).toBe(2);
      room.receive(a, awarenessOf(77, 4, { user: 'Ada', cursor: [1, 2] })); // a change: at once
      expect(b.awarenessMessages()).toBe(3);
      // The same client reconnects before its old socket is dropped: the old one leaving
      // must not wipe the presence the new one announced.
      const again = new RecordingConnection('attendee', 'a2');
      await registry.join('doc', again, 30);
      room.receive(again, awarenessOf(77, 5, { user: 'Ada', cursor: [1, 2] }));
      registry.leave(room, a);
      expect(room.awareness.getStates().has(77)).toBe(true);
      registry.leave(room, again);
      expect(room.awareness.getStates().has(77)).toBe(false);
      expect(b.awarenessMessages()).toBe(4); // the takeover was a plain renewal; the removal is prompt
    } finally {
      vi.useRealTimers();
    }
  });
});

/** An awareness update with several entries, each `[clientId, clock, state]` (a string state is sent as is, not as JSON). */
function awarenessEntries(...entries: [number, number, unknown][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, typeof state === 'string' && state.startsWith('raw:') ? state.slice(4) : JSON.stringify(state));
  }
  return encodeAwareness(encoding.toUint8Array(encoder));
}

describe('Room awareness: who may speak for a client id', () => {
  const MODERATOR = 1;
  const FOLLOWER = 2;

  async function roomOfThree() {
    const { registry } = setup();
    const moderator = new RecordingConnection('moderator', 'm');
    const attendee = new RecordingConnection('attendee', 'a');
    const follower = new RecordingConnection('follower', 'f');
    const joined = await joinAll(registry, moderator, attendee, follower);
    joined.receive(moderator, awarenessOf(MODERATOR, 1, { user: { name: 'Mo' }, summon: 1 }));
    joined.receive(follower, awarenessOf(FOLLOWER, 1, { user: { name: 'Eve' } }));
    return { room: joined, moderator, attendee, follower };
  }

  it('ignores a follower writing or removing the moderator\'s state, and keeps its own entry of the same update', async () => {
    const { room, moderator, follower } = await roomOfThree();
    room.receive(follower, awarenessEntries([MODERATOR, 5, { user: { name: 'Mallory' }, summon: 9e15 }], [FOLLOWER, 2, { user: { name: 'Eve', cursor: 1 } }]));
    room.receive(follower, awarenessEntries([MODERATOR, 1, null]));
    expect(room.awareness.getStates().get(MODERATOR)).toEqual({ role: 'moderator', user: { name: 'Mo' }, summon: 1 });
    expect(room.awareness.getStates().get(FOLLOWER)).toEqual({ role: 'follower', user: { name: 'Eve', cursor: 1 } });
    // The follower leaving takes only its own state with it.
    room.leave(follower);
    expect([...room.awareness.getStates().keys()]).toEqual([MODERATOR]);
    expect(moderator.closed).toBeNull();
  });

  it('lets a client that reconnects take its id over from its dead socket, with the same role only', async () => {
    const { room, moderator, attendee } = await roomOfThree();
    const again = new RecordingConnection('moderator', 'm2');
    room.admit(again, 30);
    room.receive(attendee, awarenessOf(MODERATOR, 2, { user: { name: 'not Mo' } }));
    // A peer of the same role that timed the state out on its side does not remove it for everyone.
    const otherModerator = new RecordingConnection('moderator', 'm3');
    room.admit(otherModerator, 30);
    room.receive(otherModerator, awarenessOf(MODERATOR, 1, null));
    expect(room.awareness.getStates().has(MODERATOR)).toBe(true);
    expect(room.awareness.getStates().get(MODERATOR)).toMatchObject({ user: { name: 'Mo' } });
    room.receive(again, awarenessOf(MODERATOR, 2, { user: { name: 'Mo' }, summon: 2 }));
    expect(room.awareness.getStates().get(MODERATOR)).toMatchObject({ summon: 2 });
    // The old socket's departure no longer removes it.
    room.leave(moderator);
    expect(room.awareness.getStates().get(MODERATOR)).toMatchObject({ summon: 2 });
  });

  it('holds a connection to a few client ids, however many one update names', async () => {
    const { room, follower } = await roomOfThree();
    const flood = Array.from({ length: 1000 }, (_, i): [number, number, unknown] => [1000 + i, 1, { user: { name: `fake ${i}` } }]);
    room.receive(follower, awarenessEntries(...flood));
    // its own id and three more
    expect(room.awareness.getStates().size).toBe(2 + 3);
  });

  it('applies nothing of an update with a broken entry, and says so', async () => {
    const { room, follower } = await roomOfThree();
    const broken = awarenessEntries([3000, 1, { role: 'moderator', user: { name: 'Mo' } }], [FOLLOWER, 2, 'raw:{not json']);
    expect(() => room.receive(follower, broken)).toThrow(/not JSON/);
    expect(room.awareness.getStates().has(3000)).toBe(false);
    const truncated = awarenessEntries([3001, 1, { user: {} }]).slice(0, -3);
    expect(() => room.receive(follower, truncated)).toThrow(/truncated/);
    expect(room.awareness.getStates().has(3001)).toBe(false);
  });
});

describe('Room awareness of followers', () => {
  const FOLLOWER = 10;
  const OTHER_FOLLOWER = 11;
  const ATTENDEE = 20;

  /** A moderator, an attendee and two followers in one room, with fake timers. */
  async function followedRoom() {
    const { registry } = setup();
    const moderator = new RecordingConnection('moderator', 'm');
    const attendee = new RecordingConnection('attendee', 'a');
    const follower = new RecordingConnection('follower', 'f');
    const otherFollower = new RecordingConnection('follower', 'g');
    const room = await joinAll(registry, moderator, attendee, follower, otherFollower);
    return { registry, room, moderator, attendee, follower, otherFollower };
  }

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes the role in a changed state the one its connection has, whatever the client says', async () => {
    const { room, attendee, follower, otherFollower } = await followedRoom();
    room.receive(follower, awarenessOf(FOLLOWER, 1, { role: 'moderator', user: 'Mallory' }));
    room.receive(attendee, awarenessOf(ATTENDEE, 1, { user: 'Ada' })); // no role at all
    room.receive(otherFollower, awarenessOf(OTHER_FOLLOWER, 1, 'not an object'));
    expect(room.awareness.getStates().get(FOLLOWER)).toEqual({ role: 'follower', user: 'Mallory' });
    expect(room.awareness.getStates().get(OTHER_FOLLOWER)).toEqual({ role: 'follower' });
    vi.advanceTimersByTime(FOLLOWER_AWARENESS_RELAY_MS);
    expect(follower.awarenessReceived()).toEqual([new Map([[ATTENDEE, { role: 'attendee', user: 'Ada' }]])]);
    expect(attendee.awarenessReceived().at(-1)!.get(FOLLOWER)).toEqual({ role: 'follower', user: 'Mallory' });
    // The same claim again is only a renewal once stamped: it waits for the renewal batch, stamped too.
    attendee.sent.length = 0;
    room.receive(follower, awarenessOf(FOLLOWER, 2, { role: 'moderator', user: 'Mallory' }));
    expect(room.awareness.getStates().get(FOLLOWER)).toEqual({ role: 'follower', user: 'Mallory' });
    vi.advanceTimersByTime(FOLLOWER_AWARENESS_RELAY_MS);
    expect(attendee.awarenessMessages()).toBe(0);
    vi.advanceTimersByTime(AWARENESS_RENEWAL_RELAY_MS - FOLLOWER_AWARENESS_RELAY_MS);
    expect(attendee.awarenessReceived()).toEqual([new Map([[FOLLOWER, { role: 'follower', user: 'Mallory' }]])]);
    // A real change is stamped as well.
    room.receive(follower, awarenessOf(FOLLOWER, 3, { role: 'moderator', user: 'Mallory', cursor: 1 }));
    vi.advanceTimersByTime(FOLLOWER_AWARENESS_RELAY_MS);
    expect(attendee.awarenessReceived().at(-1)).toEqual(new Map([[FOLLOWER, { role: 'follower', user: 'Mallory', cursor: 1 }]]));
  });

  it('relays a follower\'s changes to editors only, all of one interval in one message', async () => {
    const { room, moderator, attendee, follower, otherFollower } = await followedRoom();
    room.receive(follower, awarenessOf(FOLLOWER, 1, { role: 'follower', user: 'Fay' }));
    room.receive(follower, awarenessOf(FOLLOWER, 2, { role: 'follower', user: 'Fay', cursor: 1 }));
    room.receive(otherFollower, awarenessOf(OTHER_FOLLOWER, 1, { role: 'follower', user: 'Gil' }));
    room.receive(follower, awarenessOf(FOLLOWER, 3, { role: 'follower', user: 'Fay', cursor: 2 }));
    vi.advanceTimersByTime(FOLLOWER_AWARENESS_RELAY_MS - 1);
    expect(attendee.awarenessMessages()).toBe(0);
    vi.advanceTimersByTime(1);
    for (const editor of [moderator, attendee]) {
      expect(editor.awarenessReceived()).toEqual([
        new Map([
          [FOLLOWER, { role: 'follower', user: 'Fay', cursor: 2 }],
          [OTHER_FOLLOWER, { role: 'follower', user: 'Gil' }],
        ]),
      ]);
    }
    vi.advanceTimersByTime(AWARENESS_RENEWAL_RELAY_MS);
    expect(follower.awarenessMessages()).toBe(0);
    expect(otherFollower.awarenessMessages()).toBe(0);
    expect(attendee.awarenessMessages()).toBe(1);
  });

  it('relays a follower leaving, or clearing its state, to editors in the next batch', async () => {
    const { registry, room, attendee, follower, otherFollower } = await followedRoom();
    room.receive(follower, awarenessOf(FOLLOWER, 1, { role: 'follower', user: 'Fay' }));
    room.receive(otherFollower, awarenessOf(OTHER_FOLLOWER, 1, { role: 'follower', user: 'Gil' }));
    vi.advanceTimersByTime(FOLLOWER_AWARENESS_RELAY_MS);
    attendee.sent.length = 0;
    registry.leave(room, follower);
    room.receive(otherFollower, awarenessOf(OTHER_FOLLOWER, 1, null)); // y-websocket's goodbye
    expect(attendee.awarenessMessages()).toBe(0);
    vi.advanceTimersByTime(FOLLOWER_AWARENESS_RELAY_MS);
    expect(attendee.awarenessReceived()).toEqual([
      new Map([
        [FOLLOWER, null],
        [OTHER_FOLLOWER, null],
      ]),
    ]);
    expect([...room.awareness.getStates().keys()]).toEqual([]);
  });

  it('relays an editor\'s change to editors at once and to followers within 100 ms', async () => {
    const { room, moderator, attendee, follower, otherFollower } = await followedRoom();
    room.receive(moderator, awarenessOf(1, 1, { role: 'moderator', viewport: [0, 0] }));
    expect(attendee.awarenessReceived()).toEqual([new Map([[1, { role: 'moderator', viewport: [0, 0] }]])]);
    expect(follower.awarenessMessages()).toBe(0);
    vi.advanceTimersByTime(FOLLOWER_FANOUT_MS);
    for (const conn of [follower, otherFollower]) {
      expect(conn.awarenessReceived()).toEqual([new Map([[1, { role: 'moderator', viewport: [0, 0] }]])]);
    }
    expect(moderator.awarenessMessages()).toBe(0);
  });

  it('gathers editors\' quick changes for followers, each client\'s latest state, while editors get every one', async () => {
    const { room, moderator, attendee, follower, otherFollower } = await followedRoom();
    const MODERATOR = 1;
    // A cursor moving for 80 ms, a change every 4 ms; the moderator moves once meanwhile.
    for (let i = 1; i <= 20; i++) {
      room.receive(attendee, awarenessOf(ATTENDEE, i, { role: 'attendee', cursor: { x: i, y: i } }));
      if (i === 10) room.receive(moderator, awarenessOf(MODERATOR, 1, { role: 'moderator', cursor: { x: 0, y: 0 } }));
      vi.advanceTimersByTime(4);
    }
    expect(moderator.awarenessMessages()).toBe(20); // each at once
    expect(attendee.awarenessMessages()).toBe(1); // the moderator's
    vi.advanceTimersByTime(FOLLOWER_FANOUT_MS - 80);
    for (const conn of [follower, otherFollower]) {
      expect(conn.awarenessMessages()).toBeGreaterThanOrEqual(1);
      expect(conn.awarenessMessages()).toBeLessThanOrEqual(2);
      expect(conn.awarenessHeld()).toEqual(
        new Map<number, unknown>([
          [ATTENDEE, { role: 'attendee', cursor: { x: 20, y: 20 } }],
          [MODERATOR, { role: 'moderator', cursor: { x: 0, y: 0 } }],
        ]),
      );
    }
    // Nothing changed since: nothing more goes out.
    const sent = follower.awarenessMessages();
    vi.advanceTimersByTime(FOLLOWER_FANOUT_MS * 3);
    expect(follower.awarenessMessages()).toBe(sent);
  });

  it('relays an editor leaving to editors at once and to followers within 100 ms', async () => {
    const { registry, room, moderator, attendee, follower } = await followedRoom();
    room.receive(attendee, awarenessOf(ATTENDEE, 1, { role: 'attendee', user: 'Ada' }));
    vi.advanceTimersByTime(FOLLOWER_FANOUT_MS);
    expect(follower.awarenessHeld().has(ATTENDEE)).toBe(true);
    registry.leave(room, attendee);
    expect(moderator.awarenessReceived().at(-1)).toEqual(new Map([[ATTENDEE, null]]));
    vi.advanceTimersByTime(FOLLOWER_FANOUT_MS);
    expect(follower.awarenessReceived().at(-1)).toEqual(new Map([[ATTENDEE, null]]));
    expect(follower.awarenessHeld().has(ATTENDEE)).toBe(false);
  });

  it('relays followers\' renewals with the 5 s batch, to editors only', async () => {
    const { room, attendee, follower, otherFollower } = await followedRoom();
    room.receive(follower, awarenessOf(FOLLOWER, 1, { role: 'follower', user: 'Fay' }));
    room.receive(attendee, awarenessOf(ATTENDEE, 1, { role: 'attendee', user: 'Ada' }));
    vi.advanceTimersByTime(FOLLOWER_AWARENESS_RELAY_MS);
    for (const conn of [attendee, follower, otherFollower]) conn.sent.length = 0;
    room.receive(follower, awarenessOf(FOLLOWER, 2, { role: 'follower', user: 'Fay' }));
    room.receive(attendee, awarenessOf(ATTENDEE, 2, { role: 'attendee', user: 'Ada' }));
    vi.advanceTimersByTime(AWARENESS_RENEWAL_RELAY_MS);
    expect(attendee.awarenessIdsSeen()).toEqual(new Set([FOLLOWER, ATTENDEE]));
    expect(attendee.awarenessMessages()).toBe(1);
    for (const conn of [follower, otherFollower]) {
      expect(conn.awarenessMessages()).toBe(1);
      expect(conn.awarenessIdsSeen()).toEqual(new Set([ATTENDEE]));
    }
  });

  it('shows a follower joining late the editors\' states but no follower\'s, also when it asks', async () => {
    const { registry, room, attendee, follower } = await followedRoom();
    room.receive(follower, awarenessOf(FOLLOWER, 1, { role: 'follower', user: 'Fay' }));
    room.receive(attendee, awarenessOf(ATTENDEE, 1, { role: 'attendee', user: 'Ada' }));
    const late = new RecordingConnection('follower', 'late');
    const lateEditor = new RecordingConnection('attendee', 'late editor');
    await registry.join('doc', late, 30);
    await registry.join('doc', lateEditor, 30);
    expect(late.awarenessIdsSeen()).toEqual(new Set([ATTENDEE]));
    expect(lateEditor.awarenessIdsSeen()).toEqual(new Set([FOLLOWER, ATTENDEE]));
    late.sent.length = 0;
    room.receive(late, new Uint8Array([MESSAGE.queryAwareness]));
    expect(late.awarenessIdsSeen()).toEqual(new Set([ATTENDEE]));
  });

  it('stops its timers when it unloads', async () => {
    const { registry, room, moderator, attendee, follower, otherFollower } = await followedRoom();
    room.receive(follower, awarenessOf(FOLLOWER, 1, { role: 'follower', user: 'Fay' }));
    room.receive(attendee, awarenessOf(ATTENDEE, 1, { role: 'attendee', user: 'Ada' }));
    room.receive(attendee, awarenessOf(ATTENDEE, 2, { role: 'attendee', user: 'Ada' })); // a renewal
    room.receive(moderator, awarenessOf(1, 1, { role: 'moderator', cursor: { x: 1, y: 1 } })); // pending for followers
    for (const conn of [moderator, attendee, follower, otherFollower]) registry.leave(room, conn);
    await registry.closeAll(1001, 'done');
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** The room's side of a feed: what it published, and the sink through which "other processes" reach it. */
class InProcessFeed implements DocumentFeed {
  sink: FeedSink | null = null;
  watchedFrom = -1;
  readonly published: Uint8Array[] = [];
  watch(_docName: string, afterSeq: number, sink: FeedSink) {
    this.sink = sink;
    this.watchedFrom = afterSeq;
    return () => {
      this.sink = null;
    };
  }
  publishAwareness(_docName: string, update: Uint8Array) {
    this.published.push(update);
  }
  async close() {}
}

describe('Room with other processes', () => {
  function clusterSetup() {
    const { storage } = setup();
    const feed = new InProcessFeed();
    return { storage, feed, registry: new RoomRegistry(storage, { ...defaultConfiguration }, feed) };
  }

  it('forwards what other processes stored without storing it again, and skips its own entries', async () => {
    const { storage, feed, registry } = clusterSetup();
    const a = new RecordingConnection('attendee', 'a');
    const room = await joinAll(registry, a);
    expect(feed.watchedFrom).toBe((await storage.loadDocument('doc')).lastSeq);
    const before = (await storage.loadDocument('doc')).lastSeq;

    feed.sink!.updates([
      { seq: before + 1, update: edit(new Y.Doc(), 'remote', 1) },
      { seq: before + 2, update: null }, // ours: forwarded when we stored it
    ]);
    expect(replay(a.updates())).toEqual({ remote: 1 });
    expect(room.doc.getMap('m').get('remote')).toBe(1);
    await registry.batcher.drain();
    expect((await storage.loadDocument('doc')).lastSeq).toBe(before); // not stored twice
  });

  it('publishes its own connections\' awareness, relays others\', and never publishes those back', async () => {
    const { feed, registry } = clusterSetup();
    const a = new RecordingConnection('attendee', 'a');
    const room = await joinAll(registry, a);
    const mine = new awarenessProtocol.Awareness(new Y.Doc());
    mine.setLocalState({ user: { name: 'Ada' } });
    room.receive(a, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(mine, [mine.clientID])));
    expect(feed.published).toHaveLength(1);

    const theirs = new awarenessProtocol.Awareness(new Y.Doc());
    theirs.setLocalState({ user: { name: 'Bo on another process' } });
    feed.sink!.awareness(awarenessProtocol.encodeAwarenessUpdate(theirs, [theirs.clientID]));
    expect(a.awarenessMessages()).toBe(1);
    expect(feed.published).toHaveLength(1);
    expect(room.awareness.getStates().get(theirs.clientID)).toEqual({ user: { name: 'Bo on another process' } });

    // A renewal from another process was already held for its batch there: relayed here at once.
    theirs.setLocalState(theirs.getLocalState());
    feed.sink!.awareness(awarenessProtocol.encodeAwarenessUpdate(theirs, [theirs.clientID]));
    expect(a.awarenessMessages()).toBe(2);
    expect(feed.published).toHaveLength(1);
  });

  it('folds another process\'s renewals into its own batch when that goes out soon, else relays them at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { feed, registry } = clusterSetup();
      const a = new RecordingConnection('attendee', 'a');
      const b = new RecordingConnection('attendee', 'b');
      const room = await joinAll(registry, a, b);
      const mine = new awarenessProtocol.Awareness(new Y.Doc());
      mine.setLocalState({ user: { name: 'Ada' } });
      const theirs = new awarenessProtocol.Awareness(new Y.Doc());
      theirs.setLocalState({ user: { name: 'Bo on another process' } });
      room.receive(a, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(mine, [mine.clientID])));
      feed.sink!.awareness(awarenessProtocol.encodeAwarenessUpdate(theirs, [theirs.clientID]));
      a.sent.length = 0;
      b.sent.length = 0;

      mine.setLocalState(mine.getLocalState()); // a local renewal starts our 5 s batch
      room.receive(a, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(mine, [mine.clientID])));
      theirs.setLocalState(theirs.getLocalState());
      feed.sink!.awareness(awarenessProtocol.encodeAwarenessUpdate(theirs, [theirs.clientID]));
      expect(b.awarenessMessages()).toBe(1); // ours goes out in 5 s: too late to wait for
      vi.advanceTimersByTime(AWARENESS_RENEWAL_RELAY_MS - REMOTE_RENEWAL_FOLD_MS);
      theirs.setLocalState(theirs.getLocalState());
      feed.sink!.awareness(awarenessProtocol.encodeAwarenessUpdate(theirs, [theirs.clientID]));
      expect(b.awarenessMessages()).toBe(1); // ours goes out within 2.5 s: it joins
      vi.advanceTimersByTime(REMOTE_RENEWAL_FOLD_MS);
      expect(b.awarenessMessages()).toBe(2); // one message with both
      const published = feed.published.length;
      vi.advanceTimersByTime(AWARENESS_RENEWAL_RELAY_MS);
      expect(feed.published.length).toBe(published); // their renewal is never published back
    } finally {
      vi.useRealTimers();
    }
  });

  it('publishes its followers\' changes with their batch, and relays other processes\' followers to editors only, at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { feed, registry } = clusterSetup();
      const a = new RecordingConnection('attendee', 'a');
      const f = new RecordingConnection('follower', 'f');
      const room = await joinAll(registry, a, f);
      room.receive(f, awarenessOf(10, 1, { role: 'follower', user: 'Fay' }));
      expect(feed.published).toHaveLength(0);
      vi.advanceTimersByTime(FOLLOWER_AWARENESS_RELAY_MS);
      expect(feed.published).toHaveLength(1);
      a.sent.length = 0;

      // Another process's follower, batched there: on to the editors at once, never to followers.
      const theirFollower = new awarenessProtocol.Awareness(new Y.Doc());
      theirFollower.setLocalState({ role: 'follower', user: { name: 'Gil on another process' } });
      feed.sink!.awareness(awarenessProtocol.encodeAwarenessUpdate(theirFollower, [theirFollower.clientID]));
      expect(a.awarenessIdsSeen()).toEqual(new Set([theirFollower.clientID]));
      expect(f.awarenessMessages()).toBe(0);
      // Its role was the other process's to check: a moderator there is a moderator here.
      const theirModerator = new awarenessProtocol.Awareness(new Y.Doc());
      theirModerator.setLocalState({ role: 'moderator', user: { name: 'Mo on another process' } });
      feed.sink!.awareness(awarenessProtocol.encodeAwarenessUpdate(theirModerator, [theirModerator.clientID]));
      expect(a.awarenessIdsSeen()).toContain(theirModerator.clientID); // an editor here hears of it at once...
      expect(f.awarenessMessages()).toBe(0);
      vi.advanceTimersByTime(FOLLOWER_FANOUT_MS); // ...a follower with the next fan-out, as of this process's editors
      expect(f.awarenessReceived()).toEqual([new Map([[theirModerator.clientID, theirModerator.getLocalState()]])]);
      const published = feed.published.length;

      // A follower leaving just before the room unloads still reaches the other processes.
      registry.leave(room, f);
      registry.leave(room, a);
      await registry.closeAll(1001, 'done');
      expect(feed.published.length).toBe(published + 1);
      const removal = new awarenessProtocol.Awareness(new Y.Doc());
      awarenessProtocol.applyAwarenessUpdate(removal, feed.published.at(-2)!, 'test');
      expect(removal.getStates().has(10)).toBe(true);
      awarenessProtocol.applyAwarenessUpdate(removal, feed.published.at(-1)!, 'test');
      expect(removal.getStates().has(10)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a client\'s echo of what it was relayed cost nothing: no change, no relay, no publish', async () => {
    const { feed, registry } = clusterSetup();
    const a = new RecordingConnection('attendee', 'a');
    const b = new RecordingConnection('attendee', 'b');
    const room = await joinAll(registry, a, b);
    const ada = new awarenessProtocol.Awareness(new Y.Doc());
    ada.setLocalState({ user: { name: 'Ada' } });
    const update = awarenessProtocol.encodeAwarenessUpdate(ada, [ada.clientID]);
    room.receive(a, encodeAwareness(update));
    expect(b.awarenessMessages()).toBe(1);
    room.receive(b, encodeAwareness(update)); // b sends Ada's state back, as stock clients do
    expect(a.awarenessMessages()).toBe(0);
    expect(b.awarenessMessages()).toBe(1);
    expect(feed.published).toHaveLength(1);
  });

  it('reloads from storage what it missed when the log was compacted past it', async () => {
    const { storage, feed, registry } = clusterSetup();
    const a = new RecordingConnection('attendee', 'a');
    const room = await joinAll(registry, a);
    // Another process stored two updates and compacted them away before this one read them.
    const other = new Y.Doc();
    const [, seq] = await storage.appendUpdates([
      { docName: 'doc', update: edit(other, 'missed', 1) },
      { docName: 'doc', update: edit(other, 'also', 2) },
    ]);
    await storage.compactDocument('doc', Y.encodeStateAsUpdate(other), seq!);

    feed.sink!.resync();
    await eventually(() => room.doc.getMap('m').get('also') === 2, 5000, 'the reload');
    expect(replay(a.updates())).toEqual({ missed: 1, also: 2 });
  });
});

describe('Room and updates that build on what it lacks', () => {
  /** Sync step 2 carrying `update`, as a client answers the room's sync step 1. */
  function encodeStep2(update: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    encoding.writeVarUint(encoder, SYNC.step2);
    encoding.writeVarUint8Array(encoder, update);
    return encoding.toUint8Array(encoder);
  }

  /** A client's second edit without its first: the room never gets what it builds on. */
  function orphanEdit(): Uint8Array {
    const doc = new Y.Doc();
    edit(doc, 'never-sent', 1);
    return edit(doc, 'orphan', 2);
  }

  const holdsNothingWaiting = (doc: Y.Doc) => doc.store.pendingStructs === null && doc.store.pendingDs === null;

  it('drops what it cannot integrate before a client\'s sync step 2, which then brings it: a reconnect after offline edits', async () => {
    const { storage, registry } = setup();
    const a = new RecordingConnection('attendee', 'a');
    const b = new RecordingConnection('attendee', 'b');
    const room = await joinAll(registry, a, b);
    const offline = new Y.Doc();
    edit(offline, 'offline', 1); // made while disconnected: the room has never seen it
    // Typed just after reconnecting, before the client's answer to the room's sync step 1.
    room.receive(a, encodeUpdate(edit(offline, 'typed', 2)));
    await registry.batcher.drain();
    expect(holdsNothingWaiting(room.doc)).toBe(true);
    expect(a.closed).toBeNull();
    expect(b.updates()).toHaveLength(0);
    // The step 2 carries everything the room lacked, the dropped edit with it.
    room.receive(a, encodeStep2(Y.encodeStateAsUpdate(offline, Y.encodeStateVector(new Y.Doc()))));
    await registry.batcher.drain();
    expect(room.doc.getMap('m').toJSON()).toEqual({ offline: 1, typed: 2 });
    expect(replay(b.updates())).toEqual({ offline: 1, typed: 2 });
    expect(a.closed).toBeNull();
    expect(replay((await storage.loadDocument('doc')).updates)).toEqual({ offline: 1, typed: 2 });
  });

  it('asks a client that sends, after its sync step 2, an update building on what the room lacks for what it has (a second tab got it first), holding nothing of it', async () => {
    const { storage, registry } = setup({ compactAfterUpdates: 2 });
    const a = new RecordingConnection('attendee', 'a');
    const b = new RecordingConnection('attendee', 'b');
    const room = await joinAll(registry, a, b);
    const own = new Y.Doc();
    room.receive(a, encodeStep2(Y.encodeStateAsUpdate(own)));
    room.receive(a, encodeUpdate(edit(own, 'fine', 1)));
    await registry.batcher.drain();
    a.sent.length = 0;
    room.receive(a, encodeUpdate(orphanEdit()));
    await registry.batcher.drain();
    expect(a.closed).toBeNull();
    // The room sends its state vector: the client's answer, a step 2, brings what was dropped.
    const asked = a.sent.filter((m) => m[0] === MESSAGE.sync && m[1] === SYNC.step1);
    expect(asked).toHaveLength(1);
    expect(b.closed).toBeNull();
    expect(holdsNothingWaiting(room.doc)).toBe(true);
    // Nothing of it went into the snapshot that joiners get.
    room.receive(b, encodeUpdate(edit(new Y.Doc(), 'after', 2)));
    await registry.batcher.drain();
    await room.compact();
    const stored = await storage.loadDocument('doc');
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot!);
    for (const update of stored.updates) Y.applyUpdate(reloaded, update);
    expect(holdsNothingWaiting(reloaded)).toBe(true);
    expect(reloaded.getMap('m').toJSON()).toEqual({ fine: 1, after: 2 });
  });

  it('never piles up updates whose dependencies never come, and drops them from a snapshot stored before', async () => {
    const { storage, registry } = setup();
    // A snapshot written by an older server, holding a struct that waits for one that never came.
    const base = new Y.Doc();
    edit(base, 'kept', 1);
    const poisoned = new Y.Doc();
    Y.applyUpdate(poisoned, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(poisoned, orphanEdit());
    expect(holdsNothingWaiting(poisoned)).toBe(false);
    await storage.compactDocument('doc', Y.encodeStateAsUpdate(poisoned), 0);

    const a = new RecordingConnection('attendee', 'a');
    const room = await joinAll(registry, a);
    expect(holdsNothingWaiting(room.doc)).toBe(true);
    expect(room.doc.getMap('m').toJSON()).toEqual({ kept: 1 });
    for (let i = 0; i < 20; i++) room.receive(a, encodeUpdate(orphanEdit()));
    await registry.batcher.drain();
    expect(holdsNothingWaiting(room.doc)).toBe(true);
    expect(a.closed).toBeNull(); // no sync step 2 yet: dropped, as a reconnecting client's would be
  });

  it('closes with 4400, before it touches the document, an update with numbers Yjs cannot write back', async () => {
    const { registry } = setup();
    const a = new RecordingConnection('attendee', 'a');
    const room = await joinAll(registry, a);
    // One GC struct of client Infinity: lib0 reads the overlong varint as Infinity, and writing it back never ends.
    const infinity = [...new Array<number>(147).fill(0x80), 0x01];
    const update = new Uint8Array([1, 1, ...infinity, 0, 0, 1, 0]);
    expect(() => room.receive(a, encodeUpdate(update))).toThrow(/out of range/);
    await registry.batcher.drain();
    expect(room.doc.store.clients.size).toBe(0);
  });
});
