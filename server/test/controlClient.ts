import { io, type Socket } from 'socket.io-client';
import {
  CONTROL_PATH,
  TIMER_COMMAND_EVENT,
  TIMER_STATE_EVENT,
  type TimerCommandAck,
  type TimerState,
} from '@roundtable/shared';
import { withTimeout } from './helpers.js';

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
}

export function connectControl(baseUrl: string, token: unknown): ControlClient {
  const socket = io(baseUrl, { path: CONTROL_PATH, auth: { token }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500 });
  const states: ControlClient['states'] = [];
  const waiters = new Set<() => void>();
  socket.on(TIMER_STATE_EVENT, (state: TimerState) => {
    states.push({ state, receivedAt: Date.now() });
    for (const wake of waiters) wake();
  });
  return {
    socket,
    states,
    latest: () => states.at(-1)?.state,
    waitForState(check, { timeoutMs = 10_000, what = 'timer state', from = 0 } = {}) {
      return withTimeout(
        new Promise((resolve) => {
          const look = () => {
            const found = states.slice(from).find((s) => check(s.state));
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
    command(payload) {
      return withTimeout(socket.emitWithAck(TIMER_COMMAND_EVENT, payload) as Promise<TimerCommandAck>, 5000, 'no acknowledgement');
    },
  };
}

/** The error a connection attempt fails with (socket.io's connect_error). */
export function connectError(client: ControlClient): Promise<Error> {
  return withTimeout(new Promise((resolve) => client.socket.once('connect_error', resolve)), 5000, 'no connect_error');
}
