import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_EVENT, type CreatedSession, type TimerState } from '@roundtable/shared';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import { connectControl, connectError, type ControlClient } from './controlClient.js';
import { createSession, startServer, tempDir } from './helpers.js';
import { spawnServer, stopProcess, type ServerProcess } from './serverProcess.js';

const clients: ControlClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.socket.disconnect();
});

function control(url: string, token: unknown): ControlClient {
  const client = connectControl(url, token);
  clients.push(client);
  return client;
}

describe('timer control plane', () => {
  let server: RoundtableServer;
  let session: CreatedSession;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sends the state on connect to every role, and runs commands from the moderator only', async () => {
    session = await createSession(server.url, { title: 'Timer', durationMinutes: 20 });
    const moderator = control(server.url, session.tokens.moderator);
    const attendee = control(server.url, session.tokens.attendee);
    const follower = control(server.url, session.tokens.follower);
    for (const c of [moderator, attendee, follower]) {
      const { state } = await c.waitForState(() => true);
      expect(state).toMatchObject({ sessionId: session.id, phase: 'scheduled', durationMs: 20 * 60_000, presentationCapMs: 5 * 60_000 });
    }

    for (const c of [attendee, follower]) {
      expect(await c.command({ action: 'start' })).toMatchObject({ ok: false, error: 'forbidden' });
    }
    const started = await moderator.command({ action: 'start' });
    expect(started).toMatchObject({ ok: true, state: { phase: 'discussion' } });
    // everyone hears of it, without asking
    for (const c of [moderator, attendee, follower]) await c.waitForState((s) => s.phase === 'discussion');

    const presented = await moderator.command({ action: 'present' });
    expect(presented).toMatchObject({ ok: true, state: { phase: 'presentation' } });
    await follower.waitForState((s) => s.phase === 'presentation');
    expect(await moderator.command({ action: 'extend', minutes: 10 })).toMatchObject({
      ok: true,
      state: { durationMs: 30 * 60_000, presentationCapMs: 5 * 60_000 },
    });
    expect(await moderator.command({ action: 'start' })).toMatchObject({ ok: false, error: 'invalid-phase' });
    expect(await moderator.command({ action: 'end' })).toMatchObject({ ok: true, state: { phase: 'ended' } });
    expect(await moderator.command({ action: 'present' })).toMatchObject({ ok: false, error: 'invalid-phase' });
  });

  it('answers invalid-command, naming what is wrong, for every malformed payload', async () => {
    const fresh = await createSession(server.url, { title: 'Bad input', durationMinutes: 20 });
    const moderator = control(server.url, fresh.tokens.moderator);
    await moderator.waitForState(() => true);
    for (const payload of [null, 'start', 42, [], {}, { action: 'pause' }, { action: 'extend' }, { action: 'extend', minutes: 0 }, { action: 'extend', minutes: 61 }, { action: 'start', extra: 1 }]) {
      const ack = await moderator.command(payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: 'invalid-command' });
      expect((ack as { message?: string }).message).toBeTruthy();
    }
    // an event without an acknowledgement callback is ignored, not a crash
    moderator.socket.emit('timer:command', { action: 'start' });
    await moderator.waitForState((s) => s.phase === 'discussion');
    expect((await moderator.command({ action: 'discuss' })).ok).toBe(true); // still connected and served
  });

  it('refuses a connection without a valid token, saying why', async () => {
    for (const token of [undefined, '', 'not-a-token', 12]) {
      const c = control(server.url, token);
      expect((await connectError(c)).message).toMatch(/token/);
    }
  });

  it('answers the server clock and GET /api/sessions/:id/timer for any token', async () => {
    const fresh = await createSession(server.url, { title: 'Clock', durationMinutes: 8 });
    const attendee = control(server.url, fresh.tokens.attendee);
    await attendee.waitForState(() => true);
    const before = Date.now();
    const serverNow = (await attendee.socket.emitWithAck(CLOCK_EVENT)) as number;
    expect(serverNow).toBeGreaterThanOrEqual(before - 5);
    expect(serverNow).toBeLessThanOrEqual(Date.now() + 5);

    const res = await fetch(`${server.url}/api/sessions/${fresh.id}/timer`, { headers: { authorization: `Bearer ${fresh.tokens.follower}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sessionId: fresh.id, phase: 'scheduled', presentationCapMs: 120_000, log: [] });
    expect((await fetch(`${server.url}/api/sessions/${fresh.id}/timer`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/sessions/nope/timer?token=${fresh.tokens.follower}`)).status).toBe(404);
  });
});

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the presentation cap, enforced by the server', () => {
  const processes: ServerProcess[] = [];
  afterEach(async () => {
    for (const p of processes.splice(0)) await stopProcess(p);
  });

  it('switches a 1-minute session to discussion at 15 s by itself, also across a SIGKILL and restart', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };
    const first = await spawnServer(env);
    processes.push(first);
    const session = await createSession(first.url, { title: 'One minute', durationMinutes: 1 });
    expect(session.presentationCapMs).toBe(15_000);
    const moderator = control(first.url, session.tokens.moderator);
    const attendee = control(first.url, session.tokens.attendee);
    await attendee.waitForState(() => true);

    const presented = await moderator.command({ action: 'present' });
    if (!presented.ok) throw new Error(presented.error);
    const presentedAt = presented.state.log.at(-1)!.at;
    const capAt = presentedAt + 15_000;

    // A few seconds into the presentation the server dies without warning.
    await attendee.waitForState((s) => s.phase === 'presentation');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeRestart = attendee.states.length;
    const second = await spawnServer(env);
    processes.push(second);

    // The clients reconnect by themselves and are told the presentation is still running, with its time used.
    const resumed = await attendee.waitForState((s) => s.phase === 'presentation', { what: 'state after restart', from: beforeRestart });
    expect(resumed.state.presentationUsedMs).toBeGreaterThanOrEqual(3000);
    expect(resumed.state.presentationUsedMs).toBeLessThan(15_000);

    // Nobody presses anything: at the cap the server switches, and tells everyone within a second.
    const isSwitched = (s: TimerState) => s.phase === 'discussion' && s.capReached;
    const [seenByAttendee, seenByModerator] = await Promise.all([
      attendee.waitForState(isSwitched, { timeoutMs: 20_000, what: 'the automatic switch' }),
      moderator.waitForState(isSwitched, { timeoutMs: 20_000, what: 'the automatic switch' }),
    ]);
    for (const seen of [seenByAttendee, seenByModerator]) {
      expect(seen.state.log.at(-1)).toEqual({ phase: 'discussion', at: capAt }); // the cap, exact
      expect(seen.state.presentationUsedMs).toBe(15_000);
      expect(seen.receivedAt - capAt).toBeLessThan(1000);
    }

    expect(await moderator.command({ action: 'present' })).toMatchObject({ ok: false, error: 'presentation-cap-reached' });
    const extended = await moderator.command({ action: 'extend', minutes: 5 });
    expect(extended).toMatchObject({ ok: true, state: { durationMs: 6 * 60_000, presentationCapMs: 15_000, phase: 'discussion' } });
  }, 45_000);
});
