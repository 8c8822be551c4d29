import { io, type Socket } from 'socket.io-client';
import {
  CONTROL_PATH,
  TIMER_COMMAND_EVENT,
  TIMER_STATE_EVENT,
  type ControlAuth,
  type TimerCommandAck,
  type TimerState,
} from '@roundtable/shared';
import { withTimeout } from './helpers.js';

/** Everything a socket was sent under one event, in order, and a way to wait for what is to come. */
export interface EventLog<Entry> {
  entries: Entry[];
  /** Resolves with the first entry from index `from` on (already or still to come) that passes `check`. */
  waitFor(check: (entry: Entry) => boolean, options?: { timeoutMs?: number; what?: string; from?: number }): Promise<Entry>;
}

export function recordEvents<Payload, Entry = Payload>(
  socket: Socket,
  event: string,
  toEntry: (payload: Payload) => Entry = (payload) => payload as unknown as Entry,
): EventLog<Entry> {
  const entries: Entry[] = [];
  const waiters = new Set<() => void>();
  socket.on(event, (payload: Payload) => {
    entries.push(toEntry(payload));
    for (const wake of waiters) wake();
  });
  return {
    entries,
    waitFor(check, { timeoutMs = 10_000, what = event, from = 0 } = {}) {
      return withTimeout(
        new Promise((resolve) => {
          const look = () => {
            const found = entries.slice(from).find(check);
            if (!found) return;
            waiters.delete(look);
            resolve(found);
          };
          waiters.add(look);
          look();
        }),
        timeoutMs,
        `no ${what} within ${timeoutMs} ms`,
      );
    },
  };
}

/** A real socket.io client of the control plane, recording every timer state it is sent. */
export interface ControlClient {
  socket: Socket;
  states: { state: TimerState; receivedAt: number }[];
  latest(): TimerState | undefined;
  /** Resolves with the first state received from index `from` on (already or still to come) that passes `check`. */
  waitForState(
    check: (state: TimerState) => boolean,
    options?: { timeoutMs?: number; what?: string; from?: number },
  ): Promise<{ state: TimerState; receivedAt: number }>;
  command(payload: unknown): Promise<TimerCommandAck>;
  /** Emits `event` with `payload` and resolves with the acknowledgement. */
  request<Ack>(event: string, payload: unknown): Promise<Ack>;
}

/** `auth`: what the handshake carries besides the token (the name, the askerId). */
export function connectControl(baseUrl: string, token: unknown, auth: Omit<ControlAuth, 'token'> = {}): ControlClient {
  const socket = io(baseUrl, { path: CONTROL_PATH, auth: { ...auth, token }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500 });
  const timerStates = recordEvents(socket, TIMER_STATE_EVENT, (state: TimerState) => ({ state, receivedAt: Date.now() }));
  const request = <Ack>(event: string, payload: unknown) =>
    withTimeout(socket.emitWithAck(event, payload) as Promise<Ack>, 5000, `no acknowledgement of ${event}`);
  return {
    socket,
    states: timerStates.entries,
    latest: () => timerStates.entries.at(-1)?.state,
    waitForState: (check, { what = 'timer state', ...options } = {}) => timerStates.waitFor((entry) => check(entry.state), { what, ...options }),
    command: (payload) => request<TimerCommandAck>(TIMER_COMMAND_EVENT, payload),
    request,
  };
}

/** The error a connection attempt fails with (socket.io's connect_error). */
export function connectError(client: ControlClient): Promise<Error> {
  return withTimeout(new Promise((resolve) => client.socket.once('connect_error', resolve)), 5000, 'no connect_error');
}
