import {
  CLOCK_EVENT,
  TIMER_COMMAND_EVENT,
  TIMER_STATE_EVENT,
  type TimerCommand,
  type TimerCommandAck,
  type TimerState,
} from '@roundtable/shared';
import type { ControlSocket } from '../control/controlSocket';
import { measureClockOffset } from './clockOffset';

export type { ControlSocket };

/** A clock question unanswered this long counts as lost. */
const CLOCK_TIMEOUT_MS = 2000;
/** A command unanswered this long is reported as failed; the next state will tell what happened. */
const COMMAND_TIMEOUT_MS = 5000;
/**
 * After the server let us go (it restarts, or could not load the timer or minutes), come back after about
 * this long, spread so a room full of browsers does not return all at once.
 */
const RETURN_AFTER_MS = 1000;
const RETURN_SPREAD_MS = 2000;

export type TimerConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; reason?: string }
  | { kind: 'refused'; reason: string };

export interface TimerSnapshot {
  /** The latest state the server sent; null until the first. */
  state: TimerState | null;
  /** Add to Date.now() for the server's time; 0 until measured. */
  offsetMs: number;
  status: TimerConnectionStatus;
}

export const INITIAL_TIMER_SNAPSHOT: TimerSnapshot = { state: null, offsetMs: 0, status: { kind: 'connecting' } };

/**
 * The browser's end of the control plane for one session: the timer state the server pushes, the
 * server clock's offset (measured again on every reconnect: the path, and so the delay, may have
 * changed), and the moderator's commands. Shaped for React's useSyncExternalStore.
 *
 * It also keeps the shared socket alive (comes back after a server restart) and closes it: the
 * minutes ride the same socket (MinutesConnection) and go with it.
 */
export class TimerConnection {
  private snapshot = INITIAL_TIMER_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  /** Counts connections, so a clock measurement of an earlier one is dropped. */
  private connection = 0;
  private returnTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly socket: ControlSocket) {
    socket.on('connect', () => {
      this.update({ status: { kind: 'connected' } });
      void this.measureClock(++this.connection);
    });
    socket.on('connect_error', (error: Error) => {
      // A refusal by the server's auth middleware is final: socket.io does not retry it.
      if (!socket.active) this.update({ status: { kind: 'refused', reason: error.message || 'the server refused this link' } });
      else if (this.snapshot.status.kind !== 'connecting') this.update({ status: { kind: 'reconnecting', reason: error.message } });
    });
    socket.on('disconnect', (reason: string) => {
      if (socket.active) return this.update({ status: { kind: 'reconnecting' } });
      // socket.io leaves a socket the server closed closed; a server restarting closes them all.
      if (reason === 'io server disconnect') {
        this.update({ status: { kind: 'reconnecting', reason: 'the server closed the connection' } });
        this.returnTimer = setTimeout(() => socket.connect(), RETURN_AFTER_MS + Math.random() * RETURN_SPREAD_MS);
      }
    });
    socket.on(TIMER_STATE_EVENT, (state) => this.receive(state));
  }

  readonly getSnapshot = (): TimerSnapshot => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sends a moderator command; the answer never rejects, a lost command is a `server-error`. */
  readonly command = async (command: TimerCommand): Promise<TimerCommandAck> => {
    // socket.io would buffer it and send it on reconnect, maybe minutes later: refuse instead.
    if (!this.socket.connected) return { ok: false, error: 'server-error', message: 'not connected to the server' };
    try {
      const answer = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(TIMER_COMMAND_EVENT, command);
      if (answer.ok) this.receive(answer.state);
      return answer;
    } catch {
      return { ok: false, error: 'server-error', message: 'the server did not answer' };
    }
  };

  close(): void {
    if (this.returnTimer) clearTimeout(this.returnTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
  }

  /**
   * The answer to a command and the broadcast of the same change can arrive in either order: keep
   * whichever the server computed last.
   */
  private receive(state: TimerState): void {
    const current = this.snapshot.state;
    if (current && current.sessionId === state.sessionId && state.serverNow < current.serverNow) return;
    this.update({ state });
  }

  private async measureClock(connection: number): Promise<void> {
    const offset = await measureClockOffset(() => this.socket.timeout(CLOCK_TIMEOUT_MS).emitWithAck(CLOCK_EVENT));
    if (offset && connection === this.connection) this.update({ offsetMs: offset.offsetMs });
  }

  private update(change: Partial<TimerSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.listeners.forEach((listener) => listener());
  }
}
