import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type WebSocket from 'ws';
import { io as connectControl } from 'socket.io-client';
import { CLOSE_CODES, CONTROL_PATH, QUESTION_ASK_EVENT, type AskAck, type CreatedSession } from '@roundtable/shared';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import type { Storage } from '../src/storage/index.js';
import { MESSAGE_RATE_LIMITS } from '../src/sync/MessageRateLimit.js';
import { encodeAwareness, encodeUpdate } from '../src/sync/messages.js';
import { encodeAwarenessEntries } from '../src/sync/awarenessEntries.js';
import { closeOf, connectClient, createSession, eventually, rawSocket, startServer, synced, until, withTimeout, type Client } from './helpers.js';

// Every limit of issue 9 that a client meets on the wire: each refuses the one who passes it, with a
// clear code or status, and leaves everyone else in the room as they were.

let server: RoundtableServer;
let base: string;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

/** A y-websocket client of `url` (the shared server unless said), closed after the test. */
function client(sessionId: string, token: string, url = base): Client {
  const c = connectClient(url, sessionId, token);
  clients.push(c);
  return c;
}

/** A raw websocket to the document endpoint of `url` (the shared server unless said), closed after the test. */
function raw(sessionId: string, token: string, url = base): WebSocket {
  const socket = rawSocket(url, sessionId, token);
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  server = await startServer({ maxMessageBytes: 64 * 1024 });
  base = server.url;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
});
afterAll(() => server.stop());

/** Two people editing the session, synced. */
async function editors(sessionId: string, tokens: { moderator: string; attendee: string }, url = base): Promise<[Client, Client]> {
  const pair: [Client, Client] = [client(sessionId, tokens.moderator, url), client(sessionId, tokens.attendee, url)];
  await Promise.all(pair.map((c) => synced(c)));
  return pair;
}

/** An edit by `from` reaches `to`: the room still works for both. */
async function stillSyncing(from: Client, to: Client, key: string): Promise<void> {
  from.doc.getMap('m').set(key, true);
  await until(to.doc, () => to.doc.getMap('m').get(key) === true, 10_000, `${key} to arrive`);
  expect(from.provider.wsconnected && to.provider.wsconnected).toBe(true);
}

/** Resolves once the server has sent something: it sends sync step 1 when the connection joins its room. */
function joined(socket: WebSocket): Promise<void> {
  return withTimeout(new Promise((resolve) => socket.once('message', () => resolve())), 10_000, 'the socket never joined');
}

/** A new session with two people editing it, and a raw socket of an attendee that has joined it too. */
async function roomWithRawSocket(): Promise<{ session: CreatedSession; a: Client; b: Client; socket: WebSocket }> {
  const session = await createSession(base);
  const [a, b] = await editors(session.id, session.tokens);
  const socket = raw(session.id, session.tokens.attendee);
  await joined(socket);
  return { session, a, b, socket };
}

describe('message size', () => {
  it('closes a connection that sends a frame over the limit with 4413, and only that one', async () => {
    const { a, b, socket: big } = await roomWithRawSocket();
    big.send(new Uint8Array(64 * 1024 + 1));
    const close = await closeOf(big);
    expect(close).toEqual({ code: CLOSE_CODES.messageTooLarge, reason: 'message too large' });
    await stillSyncing(a, b, 'after-big');
  });
});

describe('per-connection message rates', () => {
  it('closes a connection flooding document updates with 1013; the others converge and the server stays responsive', async () => {
    const { session, a, b, socket: flooder } = await roomWithRawSocket();
    const closed = closeOf(flooder);
    for (const frame of validUpdates(2_000)) flooder.send(frame);
    const close = await closed;
    expect(close.code).toBe(CLOSE_CODES.tooManyMessages);
    expect(close.reason).toBe('too many messages: more than 500 at once or 200 a second');

    await stillSyncing(a, b, 'after-flood');
    await stillSyncing(b, a, 'back');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const late = client(session.id, session.tokens.follower);
    await synced(late);
    await until(late.doc, () => late.doc.getMap('m').get('back') === true);
    // Everyone holds the same document, the flooder's first updates (within its burst) included.
    await until(a.doc, () => a.doc.getMap('flood').size > 0);
    for (const c of [b, late]) await until(c.doc, () => Y.encodeStateAsUpdate(c.doc).length === Y.encodeStateAsUpdate(a.doc).length);
    expect(b.doc.getMap('flood').toJSON()).toEqual(a.doc.getMap('flood').toJSON());
    expect(late.doc.getMap('flood').toJSON()).toEqual(a.doc.getMap('flood').toJSON());
  });

  it('lets a stock y-websocket client closed for flooding reconnect on its own, and loses none of its edits', async () => {
    const session = await createSession(base);
    const [burster, other] = await editors(session.id, session.tokens);
    const closes: number[] = [];
    burster.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? 0));
    // 1,500 transactions in one go: one message each, three times the burst (a script pasting row by row).
    for (let i = 0; i < 1_500; i++) burster.doc.getMap('burst').set(String(i), i);
    await until(other.doc, () => other.doc.getMap('burst').size === 1_500, 15_000, 'all 1,500 edits, the refused ones resent on reconnecting');
    expect(closes[0]).toBe(CLOSE_CODES.tooManyMessages);
    await eventually(() => burster.provider.synced, 10_000, 'the burster to be synced again');
    await stillSyncing(burster, other, 'after-reconnect');
  });

  it('skips a flood of awareness without closing, and the latest state still arrives', async () => {
    const { a, b, socket: flooder } = await roomWithRawSocket();
    let heard = 0;
    a.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if (added.includes(777) || updated.includes(777)) heard++;
    });
    for (let n = 0; n < 1_000; n++) flooder.send(awarenessFrame(777, n + 1, { user: { name: 'Fast' }, n }));
    await eventually(() => (a.provider.awareness.getStates().get(777) as { n?: number } | undefined)?.n === 999, 10_000, 'the latest state');
    expect(heard).toBeLessThan(300); // the burst and what the rate let through, not 1,000
    // Still connected, and its document updates still count.
    expect(flooder.readyState).toBe(flooder.OPEN);
    flooder.send(validUpdates(1)[0]!);
    await until(b.doc, () => b.doc.getMap('flood').size === 1, 10_000, "the flooder's update");
    await stillSyncing(a, b, 'after-awareness-flood');
  });
});

describe('bytes per connection', () => {
  let tight: RoundtableServer;
  beforeAll(async () => {
    tight = await startServer({
      messageRateLimits: { ...MESSAGE_RATE_LIMITS, documentBytes: { burst: 256 * 1024, perSecond: 64 * 1024 }, awarenessBytes: { burst: 64 * 1024, perSecond: 16 * 1024 } },
    });
  });
  afterAll(() => tight.stop());

  it('closes a connection sending more data than its budget with 1013, within the message rate; the others converge', async () => {
    const session = await createSession(tight.url);
    const [a, b] = await editors(session.id, session.tokens, tight.url);
    const flooder = raw(session.id, session.tokens.attendee, tight.url);
    await joined(flooder);
    const closed = closeOf(flooder);
    for (const frame of validUpdates(10, 50_000)) flooder.send(frame);
    expect(await closed).toEqual({ code: CLOSE_CODES.tooManyMessages, reason: 'too much data: more than 256 KiB at once or 64 KiB a second' });
    await stillSyncing(a, b, 'after-data-flood');
    // What came within the budget arrived whole, and alike for both.
    await until(b.doc, () => b.doc.getMap('flood').size > 0);
    await until(a.doc, () => a.doc.getMap('flood').size === b.doc.getMap('flood').size);
    expect(a.doc.getMap('flood').toJSON()).toEqual(b.doc.getMap('flood').toJSON());
  });

  it('skips awareness over its bytes without closing, and the latest state still arrives', async () => {
    const session = await createSession(tight.url);
    const watcher = client(session.id, session.tokens.moderator, tight.url);
    await synced(watcher);
    const talker = raw(session.id, session.tokens.attendee, tight.url);
    await joined(talker);
    let heard = 0;
    watcher.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if (added.includes(888) || updated.includes(888)) heard++;
    });
    // 50 states of ~10 KB at once: 500 KB, where the budget is 64 KiB and then 16 KiB a second.
    for (let n = 0; n < 50; n++) talker.send(awarenessFrame(888, n + 1, { selection: 'x'.repeat(10_000), n }));
    await eventually(() => (watcher.provider.awareness.getStates().get(888) as { n?: number } | undefined)?.n === 49, 10_000, 'the latest state');
    expect(heard).toBeLessThan(15);
    expect(talker.readyState).toBe(talker.OPEN);
  });
});

describe('messages before the connection is accepted', () => {
  it('closes with 1013 a connection that sends too much while its token is checked', async () => {
    const session = await createSession(base);
    const [a, b] = await editors(session.id, session.tokens);
    // Hold the next token check of this session until the server has answered the flood.
    const storage = server.storage as { getSession: Storage['getSession'] };
    const getSession = storage.getSession;
    let release = () => {};
    const checked = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    storage.getSession = async function (this: Storage, id: string) {
      if (holding && id === session.id) {
        holding = false;
        await checked;
      }
      return getSession.call(this, id);
    };
    try {
      const early = raw(session.id, session.tokens.attendee);
      const closed = closeOf(early);
      early.on('open', () => {
        for (let i = 0; i < 1_000; i++) early.send(new Uint8Array([0, 0, 1, 0])); // sync step 1, over and over
      });
      const close = await closed;
      expect(holding).toBe(false); // it was refused while its token was being checked
      expect(close.code).toBe(CLOSE_CODES.tooManyMessages);
      expect(close.reason).toBe('too many messages before the connection was accepted: at most 256 or 1 MiB');
    } finally {
      release();
      storage.getSession = getSession;
    }
    await stillSyncing(a, b, 'after-early-flood');
    // A client that sends a few messages before it is let in (as every client does) is served as ever.
    const honest = client(session.id, session.tokens.attendee);
    await synced(honest);
    await until(honest.doc, () => honest.doc.getMap('m').get('after-early-flood') === true);
  });
});

describe('new connections per address', () => {
  let limited: RoundtableServer;
  beforeAll(async () => {
    // A refill slow enough that a stalled machine does not refill the bucket between the burst and the refusals.
    limited = await startServer({ connectionRateLimit: { burst: 3, refillMs: 2000 } });
  });
  afterAll(() => limited.stop());

  it('answers 429 with Retry-After past the burst, on both endpoints, and lets the address in again after the window', async () => {
    const session = await createSession(limited.url);
    const syncPath = `/yjs/${session.id}?token=${session.tokens.attendee}`;
    const controlPath = `${CONTROL_PATH}/?EIO=4&transport=websocket`;
    for (let i = 0; i < 3; i++) expect((await upgrade(limited.url, i % 2 ? controlPath : syncPath)).status).toBe(101);
    for (const path of [syncPath, controlPath]) {
      const refused = await upgrade(limited.url, path);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.body).toBe('too many connections from your address; retry in 2 s\n');
    }
    // Without TRUST_PROXY a client naming another address in X-Forwarded-For is still itself.
    expect((await upgrade(limited.url, syncPath, { 'X-Forwarded-For': '192.0.2.99' })).status).toBe(429);

    // Both clients take the refusal as a failed connection and retry on their own, with their backoff.
    const control = connectControl(limited.url, {
      path: CONTROL_PATH,
      transports: ['websocket'],
      auth: { token: session.tokens.attendee },
      reconnectionDelay: 100,
      reconnectionDelayMax: 200,
    });
    try {
      const refusedFirst = await withTimeout(new Promise<boolean>((resolve) => {
        control.once('connect_error', () => resolve(true));
        control.once('connect', () => resolve(false));
      }), 10_000, 'no control connection attempt');
      expect(refusedFirst).toBe(true);
      await withTimeout(new Promise<void>((resolve) => control.once('connect', () => resolve())), 10_000, 'the control socket never got in');
      await synced(client(session.id, session.tokens.attendee, limited.url));
    } finally {
      control.close();
    }
  });
});

describe('behind a trusted reverse proxy (TRUST_PROXY)', () => {
  let proxied: RoundtableServer;
  beforeAll(async () => {
    // The tests connect from 127.0.0.1, standing in for nginx on the same host.
    proxied = await startServer({ trustProxy: 'loopback', connectionRateLimit: { burst: 5, refillMs: 60_000 } });
  });
  afterAll(() => proxied.stop());

  it('counts new connections by the address the proxy forwards, on both endpoints', async () => {
    const session = await createSession(proxied.url);
    const syncPath = `/yjs/${session.id}?token=${session.tokens.attendee}`;
    const controlPath = `${CONTROL_PATH}/?EIO=4&transport=websocket`;
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    for (let i = 0; i < 5; i++) expect((await upgrade(proxied.url, i % 2 ? controlPath : syncPath, from('192.0.2.1'))).status).toBe(101);
    for (const path of [syncPath, controlPath]) expect((await upgrade(proxied.url, path, from('192.0.2.1'))).status).toBe(429);
    // The proxy appends the address it saw to whatever the client sent: that one counts.
    expect((await upgrade(proxied.url, syncPath, from('198.51.100.7, 192.0.2.1'))).status).toBe(429);
    for (const path of [syncPath, controlPath]) expect((await upgrade(proxied.url, path, from('192.0.2.2'))).status).toBe(101);
  });

  it('limits questions per forwarded address: one busy network holds back no other', async () => {
    const session = await createSession(proxied.url);
    const controls: ReturnType<typeof connectControl>[] = [];
    const follower = (address: string) => {
      const socket = connectControl(proxied.url, {
        path: CONTROL_PATH,
        transports: ['websocket'],
        auth: { token: session.tokens.follower, askerId: randomBytes(16).toString('base64url') },
        extraHeaders: { 'X-Forwarded-For': address },
      });
      controls.push(socket);
      return (text: string) => withTimeout(socket.emitWithAck(QUESTION_ASK_EVENT, { name: 'Remote Rhea', text }) as Promise<AskAck>, 5000, 'no answer to the question');
    };
    try {
      // Three people on one venue network ask two each: the address's six; a fourth person there waits.
      const venue = ['192.0.2.10', '192.0.2.10', '192.0.2.10'].map(follower);
      for (const ask of venue) for (const n of [1, 2]) expect(await ask(`Question ${n}?`)).toMatchObject({ ok: true });
      expect(await follower('192.0.2.10')('One more?')).toMatchObject({ ok: false, error: 'rate-limited' });
      expect(await follower('192.0.2.11')('From home?')).toMatchObject({ ok: true });
    } finally {
      for (const socket of controls) socket.close();
    }
  });
});

/** Sends a websocket upgrade request and answers how the server replied: 101, or a refusal with its headers and body. */
function upgrade(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const req = http.request(`${baseUrl}${path}`, {
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    }),
    10_000,
    `no answer to the upgrade of ${path}`,
  );
}

/** `count` document updates as a real document sends them, from one new client, each setting a key of the map `flood` (to a string of `padding` characters, if given). */
function validUpdates(count: number, padding = 0): Uint8Array[] {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => frames.push(encodeUpdate(update)));
  for (let i = 0; i < count; i++) doc.getMap('flood').set(`key-${i % 10}`, padding ? String(i).padEnd(padding, '.') : i);
  doc.destroy();
  return frames;
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  return encodeAwareness(encodeAwarenessEntries([{ clientId, clock, state: new TextEncoder().encode(JSON.stringify(state)) }]));
}
