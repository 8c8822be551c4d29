import { describe, expect, it, vi } from 'vitest';
import type { TimerState } from '@roundtable/shared';
import { TimerConnection, type ControlSocket } from './TimerConnection';
import { FakeSocket } from '../control/fakeSocket';

const state = (overrides: Partial<TimerState> = {}): TimerState => ({
  sessionId: 's1', phase: 'scheduled', serverNow: 1000, startedAt: null, endsAt: null, durationMs: 60_000,
  presentationCapMs: 15_000, presentationUsedMs: 0, capReached: false, log: [], ...overrides,
});

function connect(server: (event: string, args: unknown[]) => Promise<unknown> = async () => Date.now() + 5000) {
  const socket = new FakeSocket(server, { connected: false });
  const connection = new TimerConnection(socket as unknown as ControlSocket);
  return { socket, connection };
}

describe('TimerConnection', () => {
  it('keeps the latest state and tells its subscribers', () => {
    const { socket, connection } = connect();
    const listener = vi.fn();
    connection.subscribe(listener);
    socket.fire('timer:state', state());
    socket.fire('timer:state', state({ phase: 'presentation', serverNow: 2000 }));
    expect(connection.getSnapshot().state?.phase).toBe('presentation');
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('keeps the newer state when a command answer and a broadcast cross', () => {
    const { socket, connection } = connect();
    socket.fire('timer:state', state({ phase: 'discussion', serverNow: 3000 }));
    socket.fire('timer:state', state({ phase: 'presentation', serverNow: 2000 }));
    expect(connection.getSnapshot().state?.phase).toBe('discussion');
  });

  it('measures the clock offset on every connect', async () => {
    let serverAhead = 5000;
    const { socket, connection } = connect(async (event) => (event === 'clock:now' ? Date.now() + serverAhead : undefined));
    socket.connected = true;
    socket.fire('connect');
    expect(connection.getSnapshot().status).toEqual({ kind: 'connected' });
    await vi.waitFor(() => expect(connection.getSnapshot().offsetMs).toBeCloseTo(5000, -2));
    serverAhead = -2000;
    socket.fire('disconnect', 'transport close');
    expect(connection.getSnapshot().status.kind).toBe('reconnecting');
    socket.fire('connect');
    await vi.waitFor(() => expect(connection.getSnapshot().offsetMs).toBeCloseTo(-2000, -2));
  });

  it('reports a refused link with the server’s reason', () => {
    const { socket, connection } = connect();
    socket.active = false;
    socket.fire('connect_error', new Error('invalid token'));
    expect(connection.getSnapshot().status).toEqual({ kind: 'refused', reason: 'invalid token' });
  });

  it('sends commands and takes the state from a positive answer', async () => {
    const answered = state({ phase: 'presentation', serverNow: 5000 });
    const sent: unknown[] = [];
    const { socket, connection } = connect(async (event, args) => {
      sent.push([event, ...args]);
      return { ok: true, state: answered };
    });
    socket.connected = true;
    expect(await connection.command({ action: 'present' })).toEqual({ ok: true, state: answered });
    expect(sent).toEqual([['timer:command', { action: 'present' }]]);
    expect(connection.getSnapshot().state).toEqual(answered);
  });

  it('passes a refusal on, and turns a lost answer or a missing connection into server-error', async () => {
    let answer: () => Promise<unknown> = async () => ({ ok: false, error: 'presentation-cap-reached' });
    const { socket, connection } = connect(() => answer());
    expect(await connection.command({ action: 'present' })).toMatchObject({ ok: false, error: 'server-error' });
    socket.connected = true;
    expect(await connection.command({ action: 'present' })).toEqual({ ok: false, error: 'presentation-cap-reached' });
    answer = () => Promise.reject(new Error('operation has timed out'));
    expect(await connection.command({ action: 'discuss' })).toMatchObject({ ok: false, error: 'server-error' });
  });

  it('comes back after the server closed the connection (a restart), unless closed meanwhile', () => {
    vi.useFakeTimers();
    try {
      const { socket, connection } = connect();
      socket.active = false;
      socket.fire('disconnect', 'io server disconnect');
      expect(connection.getSnapshot().status.kind).toBe('reconnecting');
      vi.advanceTimersByTime(3000);
      expect(socket.reconnects).toBe(1);

      const other = connect();
      other.socket.active = false;
      other.socket.fire('disconnect', 'io server disconnect');
      other.connection.close();
      vi.advanceTimersByTime(3000);
      expect(other.socket.reconnects).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('disconnects on close', () => {
    const { socket, connection } = connect();
    connection.close();
    expect(socket.disconnected).toBe(true);
  });
});
