import { describe, expect, it, vi } from 'vitest';
import type { MinutesStatus, TimerState } from '@roundtable/shared';
import type { ControlSocket } from '../control/controlSocket';
import { TimerConnection } from '../timer/TimerConnection';
import { MinutesConnection } from './MinutesConnection';
import { FakeSocket } from '../control/fakeSocket';

const status = (overrides: Partial<MinutesStatus> = {}): MinutesStatus => ({ sessionId: 's1', minuteTaker: null, sent: [], ...overrides });

function connect(server?: (event: string, args: unknown[]) => Promise<unknown>) {
  const socket = new FakeSocket(server);
  return { socket, minutes: new MinutesConnection(socket as unknown as ControlSocket) };
}

describe('MinutesConnection', () => {
  it('is unknown until the server speaks, then keeps every new status and tells its subscribers', () => {
    const { socket, minutes } = connect();
    const listener = vi.fn();
    minutes.subscribe(listener);
    expect(minutes.getSnapshot()).toBeNull();
    socket.fire('minutes:state', status({ minuteTaker: 'Ada' }));
    socket.fire('minutes:state', status({ minuteTaker: 'Ada', sent: [{ messageId: '<m@x>', accepted: ['l@x'], at: 5 }] }));
    expect(minutes.getSnapshot()).toEqual(status({ minuteTaker: 'Ada', sent: [{ messageId: '<m@x>', accepted: ['l@x'], at: 5 }] }));
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('nominates with the name (or null) and takes the status from a positive answer', async () => {
    const sent: unknown[] = [];
    const { minutes } = connect(async (event, args) => {
      sent.push([event, ...args]);
      return { ok: true, status: status({ minuteTaker: 'Grace' }) };
    });
    expect(await minutes.nominate('Grace')).toEqual({ ok: true, status: status({ minuteTaker: 'Grace' }) });
    await minutes.nominate(null);
    expect(sent).toEqual([
      ['minutes:nominate', { name: 'Grace' }],
      ['minutes:nominate', { name: null }],
    ]);
    expect(minutes.getSnapshot()?.minuteTaker).toBe('Grace');
  });

  it('passes a refusal on unchanged, and turns a lost answer or a missing connection into server-error', async () => {
    let answer: () => Promise<unknown> = async () => ({ ok: false, error: 'not-present', message: 'Bob has not joined this session' });
    const { socket, minutes } = connect(() => answer());
    socket.fire('minutes:state', status({ minuteTaker: 'Ada' }));
    expect(await minutes.nominate('Bob')).toEqual({ ok: false, error: 'not-present', message: 'Bob has not joined this session' });
    expect(minutes.getSnapshot()?.minuteTaker).toBe('Ada');
    answer = () => Promise.reject(new Error('operation has timed out'));
    expect(await minutes.nominate('Bob')).toMatchObject({ ok: false, error: 'server-error' });
    socket.connected = false;
    answer = () => Promise.reject(new Error('must not be asked'));
    expect(await minutes.nominate('Bob')).toEqual({ ok: false, error: 'server-error', message: 'not connected to the server' });
  });

  it('stops listening when closed', () => {
    const { socket, minutes } = connect();
    const listener = vi.fn();
    minutes.subscribe(listener);
    minutes.close();
    socket.fire('minutes:state', status({ minuteTaker: 'Ada' }));
    expect(minutes.getSnapshot()).toBeNull();
    expect(listener).not.toHaveBeenCalled();
  });

  it('shares one socket with the timer', () => {
    const socket = new FakeSocket();
    const timer = new TimerConnection(socket as unknown as ControlSocket);
    const minutes = new MinutesConnection(socket as unknown as ControlSocket);
    const timerState = { sessionId: 's1', phase: 'scheduled', serverNow: 1, startedAt: null, endsAt: null, durationMs: 1, presentationCapMs: 1, presentationUsedMs: 0, capReached: false, log: [] } satisfies TimerState;
    socket.fire('timer:state', timerState);
    socket.fire('minutes:state', status({ minuteTaker: 'Ada' }));
    expect(timer.getSnapshot().state).toEqual(timerState);
    expect(minutes.getSnapshot()?.minuteTaker).toBe('Ada');
    minutes.close();
    timer.close();
    expect(socket.connected).toBe(false);
  });
});
