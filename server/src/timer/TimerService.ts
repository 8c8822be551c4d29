import {
  applyCommand,
  capDeadline,
  initialTimer,
  settle,
  timerState,
  type Role,
  type TimerCommand,
  type TimerCommandAck,
  type TimerRecord,
  type TimerState,
} from '@roundtable/shared';
import type { SessionRecord, Storage } from '../storage/index.js';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'timer' });

export type TimerChangeListener = (sessionId: string, state: TimerState) => void;

/** Compare-and-set rounds before a command gives up: only a storm of concurrent writers gets there. */
const MAX_WRITE_ATTEMPTS = 8;

/**
 * Runs every session's timer on the server: commands from the moderator, and the switch from
 * presentation to discussion the moment the cap is reached, which nobody has to press. The state
 * machine is pure (shared); this adds the clock, storage and a timeout per running presentation.
 * Writes are compare-and-set, so two commands (or two processes) never overwrite each other.
 */
export class TimerService {
  private readonly deadlines = new Map<string, { at: number; timeout: NodeJS.Timeout }>();
  private readonly listeners = new Set<TimerChangeListener>();
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  onChange(listener: TimerChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The session's timer as of now; also arms the automatic switch after a restart. */
  async state(session: SessionRecord): Promise<TimerState> {
    const { record } = await this.load(session);
    this.arm(record);
    return timerState(record, this.now());
  }

  async command(session: SessionRecord, role: Role, command: TimerCommand): Promise<TimerCommandAck> {
    if (role !== 'moderator') return { ok: false, error: 'forbidden', message: 'only the moderator runs the timer' };
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const { record, version } = await this.load(session);
      const now = this.now();
      const result = applyCommand(record, command, now);
      if (!result.ok) return { ok: false, error: result.error, message: result.message };
      if (!result.changed) return { ok: true, state: timerState(record, now) };
      if (await this.write(result.record, version)) return { ok: true, state: timerState(result.record, this.now()) };
    }
    return { ok: false, error: 'server-error', message: 'the timer is being changed by too many at once; try again' };
  }

  stop(): void {
    this.stopped = true;
    for (const { timeout } of this.deadlines.values()) clearTimeout(timeout);
    this.deadlines.clear();
  }

  private async load(session: SessionRecord): Promise<{ record: TimerRecord; version: number }> {
    const stored = await this.storage.loadTimer(session.id);
    return stored ?? { record: initialTimer(session.id, session.durationMinutes * 60_000, session.presentationCapMs), version: 0 };
  }

  /** Stores a new state and tells everyone; false when another writer came first. */
  private async write(record: TimerRecord, expectedVersion: number): Promise<boolean> {
    const version = await this.storage.saveTimer(record, expectedVersion);
    if (version === null) return false;
    this.arm(record);
    const state = timerState(record, this.now());
    for (const listener of this.listeners) listener(record.sessionId, state);
    return true;
  }

  /** Schedules the automatic switch of a running presentation, or drops one no longer due. */
  private arm(record: TimerRecord): void {
    const deadline = capDeadline(record);
    const current = this.deadlines.get(record.sessionId);
    if (current && current.at === deadline) return;
    if (current) clearTimeout(current.timeout);
    this.deadlines.delete(record.sessionId);
    if (deadline === null || this.stopped) return;
    const timeout = setTimeout(() => void this.reachCap(record.sessionId, deadline), Math.max(0, deadline - this.now()));
    this.deadlines.set(record.sessionId, { at: deadline, timeout });
  }

  private async reachCap(sessionId: string, deadline: number): Promise<void> {
    if (this.deadlines.get(sessionId)?.at === deadline) this.deadlines.delete(sessionId);
    try {
      for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
        const stored = await this.storage.loadTimer(sessionId);
        if (!stored) return;
        const now = this.now();
        if (now < deadline) {
          // a timer may fire a millisecond early: wait for the instant itself
          this.arm(stored.record);
          return;
        }
        const settled = settle(stored.record, now);
        if (settled === stored.record) return this.arm(settled); // already switched, or the moderator moved on
        if (await this.write(settled, stored.version)) return;
      }
    } catch (error) {
      // The switch is also computed on every read, so nobody sees a presentation past its cap.
      log.error({ err: error, session: sessionId }, 'could not store the automatic switch at the cap');
    }
  }
}
