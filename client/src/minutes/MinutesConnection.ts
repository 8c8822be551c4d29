import { MINUTES_NOMINATE_EVENT, MINUTES_STATE_EVENT, type MinutesStatus, type NominateAck } from '@roundtable/shared';
import type { ControlSocket } from '../control/controlSocket';

/** A nomination unanswered this long is reported as failed; the next state will tell what happened. */
const NOMINATE_TIMEOUT_MS = 5000;

/**
 * The minutes' side of the control socket: who takes the minutes and when they were posted, as the
 * server pushes them, and the moderator's nomination. Shaped for React's useSyncExternalStore. The
 * socket belongs to the TimerConnection beside it, which keeps it alive and closes it.
 */
export class MinutesConnection {
  /** Null until the server's first `minutes:state`. */
  private status: MinutesStatus | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly socket: ControlSocket) {
    socket.on(MINUTES_STATE_EVENT, this.receive);
  }

  readonly getSnapshot = (): MinutesStatus | null => this.status;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Nominates `name` (null: nobody); the answer never rejects, a lost one is a `server-error`. */
  readonly nominate = async (name: string | null): Promise<NominateAck> => {
    // socket.io would buffer it and send it on reconnect, maybe minutes later: refuse instead.
    if (!this.socket.connected) return { ok: false, error: 'server-error', message: 'not connected to the server' };
    try {
      const answer = await this.socket.timeout(NOMINATE_TIMEOUT_MS).emitWithAck(MINUTES_NOMINATE_EVENT, { name });
      // The broadcast carries the same status; taking it from the answer shows it without waiting.
      if (answer.ok) this.receive(answer.status);
      return answer;
    } catch {
      return { ok: false, error: 'server-error', message: 'the server did not answer' };
    }
  };

  close(): void {
    this.socket.off(MINUTES_STATE_EVENT, this.receive);
    this.listeners.clear();
  }

  private readonly receive = (status: MinutesStatus): void => {
    this.status = status;
    this.listeners.forEach((listener) => listener());
  };
}
