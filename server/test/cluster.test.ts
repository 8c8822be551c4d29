import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@roundtable/shared';
import { awarenessStateOf, awarenessUntil, closeOf, connectClient, createSession, eventually, opened, rawSocket, synced, tempDir, until, type Client } from './helpers.js';
import { RedisServer } from './redisServer.js';
import { spawnServer, stopProcess, type ServerProcess } from './serverProcess.js';
import { EDITORS, allEntries, editor } from './editors.js';
import { LoadBalancer } from './loadBalancer.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.dispose();
});

const clients: Client[] = [];
const processes: ServerProcess[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of processes.splice(0)) await stopProcess(p);
});

async function twoProcesses(): Promise<[ServerProcess, ServerProcess]> {
  const env = { REDIS_URL: redis.url };
  const [a, b] = await Promise.all([spawnServer({ ...env, DATA_DIR: tempDir() }), spawnServer({ ...env, DATA_DIR: tempDir() })]);
  processes.push(a, b);
  return [a, b];
}

function client(url: string, sessionId: string, token: string): Client {
  const c = connectClient(url, sessionId, token);
  clients.push(c);
  return c;
}

describe('several processes on one Redis', () => {
  it('serve the same document: clients of two processes converge, and a later client of either sees it all', async () => {
    const [a, b] = await twoProcesses();
    const session = await createSession(a.url, { title: 'Two processes', durationMinutes: 30 });
    const onA = client(a.url, session.id, session.tokens.attendee);
    const onB = client(b.url, session.id, session.tokens.moderator);
    const followerOnB = client(b.url, session.id, session.tokens.follower);
    await Promise.all([synced(onA), synced(onB), synced(followerOnB)]);

    for (let i = 0; i < 50; i++) {
      onA.doc.getArray<string>('a').push([`a${i}`]);
      onB.doc.getArray<string>('b').push([`b${i}`]);
    }
    const complete = (doc: Y.Doc) => doc.getArray('a').length === 50 && doc.getArray('b').length === 50;
    await Promise.all([onA, onB, followerOnB].map((c) => until(c.doc, () => complete(c.doc), 10_000, 'every edit of both processes')));
    // never echoed back to the sender's process as someone else's edit: nothing is there twice
    expect(onA.doc.getArray('a').toJSON()).toEqual(onB.doc.getArray('a').toJSON());

    const late = client(a.url, session.id, session.tokens.follower);
    await synced(late);
    expect(complete(late.doc)).toBe(true);
    const lateOnB = client(b.url, session.id, session.tokens.follower);
    await synced(lateOnB);
    expect(Y.encodeStateVector(lateOnB.doc)).toEqual(Y.encodeStateVector(onA.doc));
  });

  it('carries presence across processes, and clears it when its connection leaves', async () => {
    const [a, b] = await twoProcesses();
    const session = await createSession(a.url, { title: 'Presence', durationMinutes: 30 });
    const onA = client(a.url, session.id, session.tokens.attendee);
    const onB = client(b.url, session.id, session.tokens.attendee);
    await Promise.all([synced(onA), synced(onB)]);
    onA.provider.awareness.setLocalStateField('user', { name: 'Ada on A' });
    const names = () => [...onB.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name);
    await eventually(() => names().includes('Ada on A'), 10_000, 'presence from the other process');
    // awareness changes do not touch the doc: wait on the awareness itself
    const cleared = awarenessUntil(onB, () => !names().includes('Ada on A'), 10_000, 'presence cleared');
    onA.destroy();
    await cleared;
  });
});

describe('followers across processes', () => {
  it('reach the editors of every process, stamped as followers, and never another follower', async () => {
    const [a, b] = await twoProcesses();
    const session = await createSession(a.url, { title: 'Followed', durationMinutes: 30 });
    const followerOnA = client(a.url, session.id, session.tokens.follower);
    const attendeeOnB = client(b.url, session.id, session.tokens.attendee);
    const followerOnB = client(b.url, session.id, session.tokens.follower);
    await Promise.all([followerOnA, attendeeOnB, followerOnB].map((c) => synced(c)));
    followerOnA.provider.awareness.setLocalState({ role: 'moderator', user: { name: 'Fay on A' } });
    await awarenessUntil(attendeeOnB, () => awarenessStateOf(attendeeOnB, followerOnA)?.role === 'follower', 10_000, 'the follower on A');
    // Relayed after the batch that B passed on to its editors: a copy for B's follower would be there first.
    attendeeOnB.provider.awareness.setLocalState({ role: 'attendee', user: { name: 'Ada on B' } });
    await awarenessUntil(followerOnB, () => awarenessStateOf(followerOnB, attendeeOnB) !== undefined, 10_000, 'the attendee');
    expect(awarenessStateOf(followerOnB, followerOnA)).toBeUndefined();

    const gone = awarenessUntil(attendeeOnB, () => awarenessStateOf(attendeeOnB, followerOnA) === undefined, 10_000, 'the follower to leave');
    followerOnA.destroy();
    await gone;
  });
});

describe('capacity across processes', () => {
  it('counts the seats of every process: the third attendee of a 2-seat session is refused wherever it connects', async () => {
    const [a, b] = await twoProcesses();
    const session = await createSession(a.url, { title: 'Two seats', durationMinutes: 30, capacity: 2 });
    const first = client(a.url, session.id, session.tokens.moderator);
    const second = client(b.url, session.id, session.tokens.attendee);
    await Promise.all([synced(first), synced(second)]);

    for (const url of [a.url, b.url]) {
      const close = await closeOf(rawSocket(url, session.id, session.tokens.attendee));
      expect(close.code).toBe(CLOSE_CODES.roomFull);
      expect(close.reason).toMatch(/room full/);
    }
    // followers take no seat
    const follower = client(b.url, session.id, session.tokens.follower);
    await synced(follower);

    // a seat freed on one process can be taken on the other
    second.destroy();
    await eventually(async () => {
      const socket = rawSocket(a.url, session.id, session.tokens.attendee);
      const outcome = await Promise.race([closeOf(socket, 2000).then(() => 'closed'), opened(socket).then(() => new Promise((resolve) => setTimeout(() => resolve('open'), 300)))]);
      socket.close();
      return outcome === 'open';
    }, 10_000, 'the freed seat');
  });
});

describe('faults', () => {
  it('loses nothing any client had seen when one of two processes is killed, and its clients move to the other', async () => {
    const [a, b] = await twoProcesses();
    const balancer = await LoadBalancer.start([a.url, b.url]);
    try {
      const session = await createSession(balancer.url, { title: 'Failover', durationMinutes: 30 });
      // dealt in turn: two editors on each process
      const editors = EDITORS.map((name) => editor(balancer.url, session.id, session.tokens.attendee, name, clients));
      await Promise.all(editors.map((e) => synced(e.client)));
      editors.forEach((e) => e.start());
      await eventually(() => editors.every((e) => e.seenFromOthers.size >= 100), 20_000, 'edits to flow across processes');
      a.child.kill('SIGKILL');
      await a.exited;
      // The killed process's editors reconnect through the balancer to B and go on editing.
      const seenAtKill = Math.min(...editors.map((e) => e.seenFromOthers.size));
      await eventually(() => editors.every((e) => e.seenFromOthers.size >= seenAtKill + 100), 20_000, 'edits to flow again on B');
      editors.forEach((e) => e.stop());
      const seen = new Set(editors.flatMap((e) => [...e.seenFromOthers]));

      const fresh = client(b.url, session.id, session.tokens.follower);
      await synced(fresh);
      const stored = allEntries(fresh.doc);
      expect([...seen].filter((entry) => !stored.has(entry))).toEqual([]);
    } finally {
      await balancer.close();
    }
  });
});

describe('a Redis restart', () => {
  it('is survived: while Redis is away /healthz says so and edits are refused, then everyone reconnects and nothing is lost', async () => {
    const durable = await RedisServer.start({ appendOnly: true });
    try {
      const server = await spawnServer({ REDIS_URL: durable.url, DATA_DIR: tempDir() });
      processes.push(server);
      const session = await createSession(server.url, { title: 'Redis restart', durationMinutes: 30 });
      const editors = EDITORS.slice(0, 2).map((name) => editor(server.url, session.id, session.tokens.attendee, name, clients));
      await Promise.all(editors.map((e) => synced(e.client)));
      const closes: number[] = [];
      for (const e of editors) e.client.provider.on("connection-close", (event: { code: number } | null) => event && closes.push(event.code));
      editors.forEach((e) => e.start());
      await eventually(() => editors.every((e) => e.seenFromOthers.size >= 100), 20_000, 'edits to flow');

      await durable.kill();
      await eventually(async () => (await fetch(`${server.url}/healthz`)).status === 503, 10_000, '/healthz to report the outage');
      // Edits cannot be stored: the room says so by closing (1011) rather than forwarding them unstored.
      await eventually(() => closes.includes(1011), 10_000, 'the refusal');

      await durable.restart();
      await eventually(async () => (await fetch(`${server.url}/healthz`)).status === 200, 15_000, '/healthz to recover');
      const seenAtRestart = Math.min(...editors.map((e) => e.seenFromOthers.size));
      await eventually(() => editors.every((e) => e.seenFromOthers.size >= seenAtRestart + 100), 20_000, 'edits to flow again');
      editors.forEach((e) => e.stop());
      const seen = new Set(editors.flatMap((e) => [...e.seenFromOthers]));
      const written = new Set(editors.flatMap((e) => [...allEntries(e.client.doc)]));

      const fresh = client(server.url, session.id, session.tokens.follower);
      await synced(fresh);
      const stored = allEntries(fresh.doc);
      expect([...seen].filter((entry) => !stored.has(entry))).toEqual([]);
      await eventually(() => [...written].every((entry) => allEntries(fresh.doc).has(entry)), 10_000, 'every edit, including those made during the outage');
    } finally {
      await durable.dispose();
    }
  }, 60_000);
});
