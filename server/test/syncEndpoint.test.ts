import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { CLOSE_CODES } from '@roundtable/shared';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import {
  awarenessStateOf,
  awarenessUntil,
  closeOf,
  connectClient,
  createSession,
  eventually,
  opened,
  rawSocket,
  startServer,
  synced,
  until,
  type Client,
} from './helpers.js';

let server: RoundtableServer;
let base: string;
const clients: Client[] = [];

function client(sessionId: string, token: string): Client {
  const c = connectClient(base, sessionId, token);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startServer({ maxMessageBytes: 64 * 1024 });
  base = server.url;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(() => server.stop());

describe('y-websocket sync', () => {
  it('makes unmodified y-websocket clients converge', async () => {
    const session = await createSession(base);
    const editors = [client(session.id, session.tokens.moderator), client(session.id, session.tokens.attendee), client(session.id, session.tokens.attendee)];
    await Promise.all(editors.map((c) => synced(c)));
    editors.forEach((c, i) => {
      c.doc.getText('minutes-text').insert(0, `line ${i}\n`);
      c.doc.getMap('board').set(`shape-${i}`, { x: i });
    });
    const expected = (c: Client) => c.doc.getMap('board').size === 3 && c.doc.getText('minutes-text').length === 21;
    await Promise.all(editors.map((c) => until(c.doc, () => expected(c))));
    const texts = editors.map((c) => c.doc.getText('minutes-text').toString());
    expect(new Set(texts).size).toBe(1);
    const late = client(session.id, session.tokens.follower);
    await synced(late);
    expect(late.doc.getText('minutes-text').toString()).toBe(texts[0]);
    expect(late.doc.getMap('board').toJSON()).toEqual(editors[0]!.doc.getMap('board').toJSON());
  });

  it('never applies, stores or forwards a follower edit', async () => {
    const session = await createSession(base);
    const editor = client(session.id, session.tokens.attendee);
    const follower = client(session.id, session.tokens.follower);
    await Promise.all([synced(editor), synced(follower)]);
    follower.doc.getMap('board').set('vandal', 'x');
    // The editor's own edit, sent after the follower's, arrives; the follower's never does.
    editor.doc.getMap('board').set('marker', 1);
    await until(follower.doc, () => follower.doc.getMap('board').has('marker'));
    const second = client(session.id, session.tokens.attendee);
    await synced(second);
    await until(second.doc, () => second.doc.getMap('board').has('marker'));
    editor.doc.getMap('board').set('marker', 2);
    await until(second.doc, () => second.doc.getMap('board').get('marker') === 2);
    expect(editor.doc.getMap('board').has('vandal')).toBe(false);
    expect(second.doc.getMap('board').has('vandal')).toBe(false);
    // Nor after a reload from storage.
    for (const c of clients.splice(0)) c.destroy();
    await eventually(() => server.registry.loadedCount === 0, 5000, 'room unload');
    const fresh = client(session.id, session.tokens.moderator);
    await synced(fresh);
    expect(fresh.doc.getMap('board').toJSON()).toEqual({ marker: 2 });
  });

  it('does not echo an update to its sender', async () => {
    const session = await createSession(base);
    const a = client(session.id, session.tokens.attendee);
    const b = client(session.id, session.tokens.attendee);
    await Promise.all([synced(a), synced(b)]);
    const received: number[] = [];
    const ws = (a.provider as unknown as { ws: WebSocket }).ws;
    ws.addEventListener('message', (event: MessageEvent) => received.push((event.data as ArrayBuffer).byteLength));
    a.doc.getMap('m').set('from-a', 'x'.repeat(500));
    await until(b.doc, () => b.doc.getMap('m').has('from-a'));
    b.doc.getMap('m').set('from-b', 1);
    await until(a.doc, () => a.doc.getMap('m').has('from-b'));
    // a got b's small update only, never its own 500-byte one.
    expect(received.every((n) => n < 500)).toBe(true);
  });

  it('relays awareness and clears it when a client disconnects', async () => {
    const session = await createSession(base);
    const a = client(session.id, session.tokens.attendee);
    const b = client(session.id, session.tokens.follower);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const aId = a.doc.clientID;
    await eventually(() => (b.provider.awareness.getStates().get(aId) as any)?.user?.name === 'Ada', 5000, 'awareness');
    // Kill a's socket without a goodbye: the server must clear its state for b.
    (a.provider as unknown as { ws: { close(): void } }).ws.close();
    a.provider.shouldConnect = false;
    await eventually(() => !b.provider.awareness.getStates().has(aId), 5000, 'awareness removal');
  });
});

describe('followers\' awareness', () => {
  it('carries the role of the token, reaches editors but not followers, and leaves with the follower', async () => {
    const session = await createSession(base);
    const attendee = client(session.id, session.tokens.attendee);
    const forger = client(session.id, session.tokens.follower);
    const follower = client(session.id, session.tokens.follower);
    await Promise.all([attendee, forger, follower].map((c) => synced(c)));
    forger.provider.awareness.setLocalState({ role: 'moderator', user: { name: 'Mallory' } });
    follower.provider.awareness.setLocalState({ role: 'follower', user: { name: 'Fay' } });
    await awarenessUntil(attendee, () => awarenessStateOf(attendee, forger)?.role === 'follower' && awarenessStateOf(attendee, follower) !== undefined);
    expect(awarenessStateOf(attendee, forger)).toEqual({ role: 'follower', user: { name: 'Mallory' } });

    // An attendee's state reaches followers within 100 ms. It left after the followers' batch, on the
    // same socket a batch for the follower would have taken: once it is there, that batch would be too.
    attendee.provider.awareness.setLocalState({ role: 'attendee', user: { name: 'Ada' } });
    await awarenessUntil(follower, () => awarenessStateOf(follower, attendee) !== undefined);
    expect(awarenessStateOf(follower, forger)).toBeUndefined();

    // A follower joining late is shown the editors, not the other followers.
    const late = client(session.id, session.tokens.follower);
    await synced(late); // the states come with the join, before the document
    expect(awarenessStateOf(late, attendee)).toEqual({ role: 'attendee', user: { name: 'Ada' } });
    expect(awarenessStateOf(late, forger)).toBeUndefined();
    expect(awarenessStateOf(late, follower)).toBeUndefined();

    const gone = awarenessUntil(attendee, () => awarenessStateOf(attendee, forger) === undefined, 10_000, 'the follower to leave');
    forger.destroy();
    await gone;
    expect(awarenessStateOf(attendee, follower)).toBeDefined();
  });
});

describe('close codes', () => {
  it('closes 4401 for a bad or missing token and 4404 for an unknown session', async () => {
    const session = await createSession(base);
    const other = await createSession(base);
    for (const token of [undefined, '', 'forged', other.tokens.moderator]) {
      const close = await closeOf(rawSocket(base, session.id, token));
      expect(close.code).toBe(CLOSE_CODES.badToken);
      expect(close.reason).toMatch(/token/);
    }
    for (const token of [session.tokens.moderator, undefined]) {
      const close = await closeOf(rawSocket(base, 'no-such-session', token));
      expect(close.code).toBe(CLOSE_CODES.unknownSession);
      expect(close.reason).toMatch(/unknown session/);
    }
  });

  it('refuses the 31st seat of a 30-seat session with 4429, not counting followers', async () => {
    const session = await createSession(base, { title: 'Full house', durationMinutes: 30 });
    const seated = Array.from({ length: 30 }, (_, i) =>
      client(session.id, i === 0 ? session.tokens.moderator : session.tokens.attendee),
    );
    const followers = Array.from({ length: 5 }, () => client(session.id, session.tokens.follower));
    await Promise.all([...seated, ...followers].map((c) => synced(c)));
    const extra = rawSocket(base, session.id, session.tokens.attendee);
    const close = await closeOf(extra);
    expect(close.code).toBe(CLOSE_CODES.roomFull);
    expect(close.reason).toMatch(/full/);
    // A moderator gets no extra seat either, but another follower still gets in.
    expect((await closeOf(rawSocket(base, session.id, session.tokens.moderator))).code).toBe(CLOSE_CODES.roomFull);
    const lateFollower = client(session.id, session.tokens.follower);
    await synced(lateFollower);
    // A seat freed is a seat taken.
    seated.pop()!.destroy();
    await eventually(async () => {
      const probe = rawSocket(base, session.id, session.tokens.attendee);
      const outcome = await Promise.race([closeOf(probe).then(() => 'closed'), opened(probe).then(() => new Promise((r) => setTimeout(() => r('open'), 200)))]);
      probe.close();
      return outcome === 'open';
    }, 5000, 'a free seat');
  });

  it('honours a smaller capacity', async () => {
    const session = await createSession(base, { title: 'Small', durationMinutes: 30, capacity: 2 });
    const a = client(session.id, session.tokens.moderator);
    const b = client(session.id, session.tokens.attendee);
    await Promise.all([synced(a), synced(b)]);
    expect((await closeOf(rawSocket(base, session.id, session.tokens.attendee))).code).toBe(CLOSE_CODES.roomFull);
  });

  it('closes 4413 for a message over the limit, however large', async () => {
    const session = await createSession(base);
    for (const size of [64 * 1024 + 1, 4 * 1024 * 1024]) {
      const socket = rawSocket(base, session.id, session.tokens.attendee);
      await opened(socket);
      socket.send(new Uint8Array(size));
      const close = await closeOf(socket);
      expect(close.code).toBe(CLOSE_CODES.messageTooLarge);
      expect(close.reason).toMatch(/too large/);
    }
  });

  it('closes 4400 for a malformed message, leaving others connected and the document intact', async () => {
    const session = await createSession(base);
    const good = client(session.id, session.tokens.attendee);
    await synced(good);
    good.doc.getMap('m').set('kept', true);
    for (const garbage of [new Uint8Array([9, 9, 9]), new Uint8Array([0]), encodeSyncUpdate(new Uint8Array([1, 2, 3, 200, 200, 7]))]) {
      const socket = rawSocket(base, session.id, session.tokens.attendee);
      await opened(socket);
      socket.send(garbage);
      const close = await closeOf(socket);
      expect(close.code).toBe(CLOSE_CODES.malformedMessage);
      expect(close.reason).toMatch(/malformed/);
    }
    const check = client(session.id, session.tokens.follower);
    await synced(check);
    await until(check.doc, () => check.doc.getMap('m').get('kept') === true);
    expect(good.provider.wsconnected).toBe(true);
  });
});

describe('lifecycle', () => {
  it('loads a document on first connect and unloads it when the last client leaves', async () => {
    const session = await createSession(base);
    await eventually(() => server.registry.loadedCount === 0, 5000, 'earlier rooms to unload');
    const before = 0;
    const a = client(session.id, session.tokens.attendee);
    await synced(a);
    expect(server.registry.loadedCount).toBe(before + 1);
    a.doc.getText('t').insert(0, 'kept across unloads');
    a.destroy();
    await eventually(() => server.registry.loadedCount === before, 5000, 'unload');
    const b = client(session.id, session.tokens.attendee);
    await synced(b);
    expect(b.doc.getText('t').toString()).toBe('kept across unloads');
  });

  it('drops a connection that stops answering pings', async () => {
    const quick = await startServer({ pingIntervalMs: 100 });
    try {
      const session = await createSession(quick.url);
      const watcher = connectClient(quick.url, session.id, session.tokens.follower);
      clients.push(watcher);
      const socket = rawSocket(quick.url, session.id, session.tokens.attendee);
      await opened(socket);
      socket.send(encodeAwarenessOf(4242, { user: { name: 'Ghost' } }));
      await eventually(() => watcher.provider.awareness.getStates().has(4242), 5000, 'ghost awareness');
      // Stop reading: no pong goes back, as with a laptop that lost its wifi.
      (socket as unknown as { _socket: { pause(): void } })._socket.pause();
      await eventually(() => !watcher.provider.awareness.getStates().has(4242), 5000, 'ghost removal');
      socket.terminate();
    } finally {
      for (const c of clients.splice(0)) c.destroy();
      await quick.stop();
    }
  });
});

function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function encodeAwarenessOf(clientId: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, 1);
  encoding.writeVarString(inner, JSON.stringify(state));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

describe('the minutes template', () => {
  it('is in a new session once, however many people arrive first together', async () => {
    const session = await createSession(base, { title: 'Template once', durationMinutes: 30, problem: 'P' });
    const first = Array.from({ length: 3 }, () => client(session.id, session.tokens.attendee));
    await Promise.all(first.map((c) => synced(c)));
    for (const c of first) c.destroy();
    await eventually(() => server.registry.loadedCount === 0, 5000, 'unload');
    const later = client(session.id, session.tokens.follower);
    await synced(later);
    const fragment = later.doc.getXmlFragment('minutes');
    const headings = fragment.toArray().filter((node) => node instanceof Y.XmlElement && node.nodeName === 'heading');
    expect(headings.map((h) => (h as Y.XmlElement).toString()).filter((h) => h.includes('Template once'))).toHaveLength(1);
    expect(headings).toHaveLength(8); // the title and the seven sections
  });
});

describe('frames that are not y-websocket messages', () => {
  it('closes 4400, with a reason, for a text frame, one that is not UTF-8, and a frame that breaks the websocket protocol', async () => {
    const session = await createSession(base);
    const sends: ((socket: ReturnType<typeof rawSocket>) => void)[] = [
      (socket) => socket.send('hello'),
      (socket) => socket.send(new Uint8Array([3]), { binary: false }), // a well-formed awareness query, as text
      (socket) => socket.send(new Uint8Array([0xc3, 0x28]), { binary: false }), // ws itself would close 1007, without a reason
      (socket) => (socket as unknown as { _socket: { write(b: Uint8Array): void } })._socket.write(new Uint8Array([0x82, 0x01, 0x00])), // unmasked: 1002
    ];
    for (const send of sends) {
      const socket = rawSocket(base, session.id, session.tokens.attendee);
      await opened(socket);
      send(socket);
      const close = await closeOf(socket);
      expect(close.code).toBe(CLOSE_CODES.malformedMessage);
      expect(close.reason).toMatch(/^malformed message: ./);
    }
  });

  it('handles nothing a connection sends after the frame it was closed for', async () => {
    const session = await createSession(base);
    const socket = rawSocket(base, session.id, session.tokens.attendee);
    await opened(socket);
    const late = new Y.Doc();
    late.getMap('m').set('after-close', true);
    socket.send(new Uint8Array([9, 9, 9]));
    socket.send(encodeSyncUpdate(Y.encodeStateAsUpdate(late)));
    expect((await closeOf(socket)).code).toBe(CLOSE_CODES.malformedMessage);
    const check = client(session.id, session.tokens.follower);
    await synced(check);
    await server.registry.batcher.drain();
    expect(check.doc.getMap('m').has('after-close')).toBe(false);
  });
});
