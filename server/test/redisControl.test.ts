import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import type { CreatedSession, TimerState } from '@roundtable/shared';
import { CONTROL_CHANNEL_PREFIX } from '../src/control/index.js';
import { connectControl, type ControlClient } from './controlClient.js';
import { createSession, eventually, tempDir, withTimeout } from './helpers.js';
import { RedisServer } from './redisServer.js';
import { spawnServer, stopProcess, type ServerProcess } from './serverProcess.js';

/** Long enough for any broadcast in flight to arrive: waited only to show that none does. */
const SETTLE_MS = 1000;
/** The channel every process's adapter subscribes to (socket.io-redis-adapter's `<key>-request#<namespace>#`). */
const REQUEST_CHANNEL = `${CONTROL_CHANNEL_PREFIX}-request#/#`;

let redis: RedisServer | undefined;
let dataDir: string;
const processes: ServerProcess[] = [];
const clients: ControlClient[] = [];

beforeAll(async () => {
  // Append-only, so the sessions outlive the outage that one test causes.
  redis = await RedisServer.start({ appendOnly: true });
  dataDir = tempDir();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.disconnect();
  for (const p of processes.splice(0)) await stopProcess(p);
});
afterAll(async () => {
  await redis?.dispose();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function redisUrl(): string {
  if (!redis) throw new Error('redis-server did not start');
  return redis.url;
}

/** A built server process on the shared Redis (and, for assets, the same data directory). */
async function serverProcess(): Promise<ServerProcess> {
  const server = await spawnServer({ DATA_DIR: dataDir, REDIS_URL: redisUrl() });
  processes.push(server);
  return server;
}

function control(url: string, token: string): ControlClient {
  const client = connectControl(url, token);
  clients.push(client);
  return client;
}

async function timerOver(url: string, session: CreatedSession): Promise<TimerState> {
  const res = await fetch(`${url}/api/sessions/${session.id}/timer`, { headers: { authorization: `Bearer ${session.tokens.follower}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as TimerState;
}

/** How many server processes have their control plane subscribed on the Redis right now. */
async function subscribedProcesses(): Promise<number> {
  const client = createClient({ url: redisUrl(), socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    const counts = await client.pubSubNumSub(REQUEST_CHANNEL);
    return counts[REQUEST_CHANNEL] ?? 0;
  } catch {
    return 0; // Redis not back yet
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Two processes, a 20-minute session, its moderator on A and an attendee on B, both told the state. */
async function moderatorOnAAttendeeOnB(title: string) {
  const [a, b] = [await serverProcess(), await serverProcess()];
  const session = await createSession(a.url, { title, durationMinutes: 20 });
  const moderator = control(a.url, session.tokens.moderator);
  const attendee = control(b.url, session.tokens.attendee);
  await Promise.all([moderator, attendee].map((c) => c.waitForState(() => true)));
  return { a, b, session, moderator, attendee };
}

const isSwitched = (s: TimerState) => s.phase === 'discussion' && s.capReached;

function hasCrashTrace(server: ServerProcess): boolean {
  return /unhandled rejection|uncaught exception/i.test(server.output());
}

describe('the control plane across two processes on one Redis', () => {
  it('carries commands, refusals, the state on connect and one automatic switch at the cap to the clients of both', async () => {
    const [a, b] = [await serverProcess(), await serverProcess()];
    const session = await createSession(a.url, { title: 'Two processes', durationMinutes: 1 });
    expect(session.presentationCapMs).toBe(15_000);

    const moderator = control(a.url, session.tokens.moderator);
    const attendee = control(b.url, session.tokens.attendee);
    for (const c of [moderator, attendee]) {
      const { state } = await c.waitForState(() => true, { what: 'the state on connect' });
      expect(state).toMatchObject({ sessionId: session.id, phase: 'scheduled', presentationCapMs: 15_000 });
    }

    // Only the moderator runs the timer, whichever process a client is on.
    expect(await attendee.command({ action: 'start' })).toMatchObject({ ok: false, error: 'forbidden' });

    const started = await moderator.command({ action: 'start' });
    if (!started.ok) throw new Error(`start: ${started.error}`);
    const startSeenOnB = await attendee.waitForState((s) => s.phase === 'discussion', { what: 'start, on B' });
    expect(startSeenOnB.state).toMatchObject({ startedAt: started.state.startedAt, endsAt: started.state.endsAt, log: started.state.log });

    const presented = await moderator.command({ action: 'present' });
    if (!presented.ok) throw new Error(`present: ${presented.error}`);
    const presentedAt = presented.state.log.at(-1)!.at;
    const capAt = presentedAt + 15_000;
    const presentSeenOnB = await attendee.waitForState((s) => s.phase === 'presentation', { what: 'present, on B' });
    expect(presentSeenOnB.state.log).toEqual(presented.state.log);

    // A follower joining on B mid-presentation gets the state at once. Loading it, B arms the
    // automatic switch as A did: both processes will try to write it.
    const follower = control(b.url, session.tokens.follower);
    const { state: onConnect } = await follower.waitForState(() => true, { what: 'the state on connect, on B' });
    expect(onConnect).toMatchObject({ phase: 'presentation', startedAt: started.state.startedAt, log: presented.state.log });
    expect(await follower.command({ action: 'discuss' })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await timerOver(b.url, session)).toMatchObject({ phase: 'presentation', endsAt: started.state.endsAt, log: presented.state.log });

    // Nobody presses anything: one process writes the switch at the cap, every client hears of it.
    const everyone = [moderator, attendee, follower];
    const seen = await Promise.all(
      everyone.map((c) => c.waitForState(isSwitched, { timeoutMs: 20_000, what: 'the automatic switch' })),
    );
    for (const { state, receivedAt } of seen) {
      expect(state.log.at(-1)).toEqual({ phase: 'discussion', at: capAt }); // the cap, exact
      expect(state.log.filter((entry) => entry.at === capAt)).toHaveLength(1);
      expect(state.presentationUsedMs).toBe(15_000);
      expect(receivedAt).toBeGreaterThanOrEqual(capAt);
      expect(receivedAt - capAt).toBeLessThan(1000);
    }

    // Had both processes written or announced it, a second one would arrive now.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    for (const c of everyone) expect(c.states.filter((s) => isSwitched(s.state))).toHaveLength(1);

    // B answers over HTTP the very state its clients were sent (but for its clock).
    const overHttp = await timerOver(b.url, session);
    expect({ ...overHttp, serverNow: 0 }).toEqual({ ...seen[1]!.state, serverNow: 0 });
    for (const p of [a, b]) expect(hasCrashTrace(p)).toBe(false);
  }, 45_000);

  it('stopping one process leaves the clients of the other connected', async () => {
    const { a, b, moderator, attendee } = await moderatorOnAAttendeeOnB('Rolling restart');
    const disconnectsOnB: string[] = [];
    attendee.socket.on('disconnect', (reason) => disconnectsOnB.push(reason));

    a.child.kill('SIGTERM'); // a graceful stop, as in a rolling deploy
    expect(await withTimeout(a.exited, 10_000, 'A did not stop')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    expect(disconnectsOnB).toEqual([]);
    expect(attendee.socket.connected).toBe(true);
  }, 30_000);

  it('survives a Redis outage without crashing, and carries commands across again once Redis is back', async () => {
    const { a, b, moderator, attendee } = await moderatorOnAAttendeeOnB('Outage');
    await eventually(async () => (await subscribedProcesses()) === 2, 10_000, 'both processes subscribed');

    await redis!.kill();
    await eventually(() => [a, b].every((p) => /"component":"control"[^\n]*"msg":"lost Redis/.test(p.output())), 10_000, 'the outage logged by both');
    // A command cannot be stored now: it is refused, and nobody crashes.
    expect(await moderator.command({ action: 'start' })).toMatchObject({ ok: false, error: 'server-error' });

    await redis!.restart();
    await eventually(async () => (await subscribedProcesses()) === 2, 15_000, 'both processes subscribed again');
    const before = attendee.states.length;
    // The storage reconnects on its own schedule; until then a command is refused and changes nothing.
    await eventually(async () => (await moderator.command({ action: 'start' })).ok, 15_000, 'a command accepted again');
    await attendee.waitForState((s) => s.phase === 'discussion', { from: before, what: 'start, on B, after the outage' });

    for (const p of [a, b]) {
      expect(p.child.exitCode).toBeNull();
      expect(hasCrashTrace(p)).toBe(false);
      expect(p.output()).toMatch(/"component":"control"[^\n]*"msg":"Redis is back"/);
    }
    expect(moderator.socket.connected && attendee.socket.connected).toBe(true);
  }, 60_000);
});

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
/** Starts the server in a process of its own and stops it when its stdin ends, without process.exit(). */
const START_THEN_STOP = `
const { configFromEnv } = await import(${JSON.stringify(`${DIST}config.js`)});
const { RoundtableServer } = await import(${JSON.stringify(`${DIST}RoundtableServer.js`)});
const server = await RoundtableServer.start(configFromEnv());
console.log('listening on ' + server.url);
process.stdin.on('end', () => server.stop().then(() => console.log('stopped')));
process.stdin.resume();
`;

describe('stop()', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  async function startThenStop(env: Record<string, string>, beforeStop: (url: string) => Promise<void>) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', START_THEN_STOP], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let log = '';
    child.stdout!.on('data', (chunk) => (log += chunk));
    child.stderr!.on('data', (chunk) => (log += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await withTimeout(
      new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', () => {
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(log);
          if (match) resolve(match[1]!);
        });
        void exited.then((code) => reject(new Error(`exited (${code}) before listening:\n${log}`)));
      }),
      15_000,
      'did not start',
    );
    await beforeStop(url);
    child.stdin!.end();
    // Nothing left open: the process ends by itself, with no process.exit().
    const code = await withTimeout(exited, 10_000, 'still running after stop(), a handle is left open').catch((error: Error) => {
      throw new Error(`${error.message}:\n${log}`);
    });
    expect({ code, log }).toMatchObject({ code: 0, log: expect.stringContaining('stopped') });
    expect(log).not.toMatch(/unhandled rejection|uncaught exception/i);
  }

  async function withClient(url: string) {
    const session = await createSession(url, { title: 'Stop', durationMinutes: 20 });
    const moderator = control(url, session.tokens.moderator);
    await moderator.waitForState(() => true);
    expect((await moderator.command({ action: 'present' })).ok).toBe(true); // arms a deadline too
  }

  it('leaves no handle open, embedded', async () => {
    await startThenStop({ REDIS_URL: '' }, withClient);
  });

  it('leaves no handle open with Redis, also when Redis is gone at that moment', async () => {
    await startThenStop({ REDIS_URL: redisUrl() }, withClient);
    await startThenStop({ REDIS_URL: redisUrl() }, async (url) => {
      await withClient(url);
      await redis!.kill();
    });
    await redis!.restart();
  }, 45_000);
});
