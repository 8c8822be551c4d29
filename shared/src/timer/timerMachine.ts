/**
 * The moderator's timer as a pure state machine: the server runs it with its clock and stores the
 * record, clients only display what it yields. Every function takes `now` (epoch ms), so tests and
 * a server restarted after downtime compute the same instants.
 */
import type { TimerCommand } from './timerProtocol.js';

export const TIMER_PHASES = ['scheduled', 'presentation', 'discussion', 'ended'] as const;
export type TimerPhase = (typeof TIMER_PHASES)[number];

export interface TimerLogEntry {
  phase: TimerPhase;
  at: number;
}

/** What is stored. Presentation time is kept as a total plus the start of the running stint. */
export interface TimerRecord {
  sessionId: string;
  phase: TimerPhase;
  startedAt: number | null;
  endsAt: number | null;
  durationMs: number;
  presentationCapMs: number;
  /** Presentation time of the stints that are over. */
  presentationDoneMs: number;
  /** When the running presentation stint began; null outside a presentation. */
  presentingSince: number | null;
  capReached: boolean;
  log: TimerLogEntry[];
}

/** The contract's `TimerState`. */
export interface TimerState {
  sessionId: string;
  phase: TimerPhase;
  serverNow: number;
  startedAt: number | null;
  endsAt: number | null;
  durationMs: number;
  presentationCapMs: number;
  presentationUsedMs: number;
  capReached: boolean;
  log: TimerLogEntry[];
}

export type CommandResult =
  | { ok: true; record: TimerRecord; changed: boolean }
  | { ok: false; error: 'presentation-cap-reached' | 'invalid-phase'; message: string };

export function initialTimer(sessionId: string, durationMs: number, presentationCapMs: number): TimerRecord {
  return {
    sessionId,
    phase: 'scheduled',
    startedAt: null,
    endsAt: null,
    durationMs,
    presentationCapMs,
    presentationDoneMs: 0,
    presentingSince: null,
    capReached: presentationCapMs <= 0,
    log: [],
  };
}

/** When the running presentation reaches the cap; null when nothing is presenting. */
export function capDeadline(record: TimerRecord): number | null {
  if (record.phase !== 'presentation' || record.presentingSince === null) return null;
  return record.presentingSince + (record.presentationCapMs - record.presentationDoneMs);
}

/**
 * Applies what happened by itself up to `now`: a presentation that reached the cap became
 * discussion at that very instant, whenever this is computed (a server that was down included).
 */
export function settle(record: TimerRecord, now: number): TimerRecord {
  const deadline = capDeadline(record);
  if (deadline === null || now < deadline) return record;
  return {
    ...record,
    phase: 'discussion',
    presentationDoneMs: record.presentationCapMs,
    presentingSince: null,
    capReached: true,
    log: [...record.log, { phase: 'discussion', at: deadline }],
  };
}

export function presentationUsedMs(record: TimerRecord, now: number): number {
  const running = record.presentingSince === null ? 0 : Math.max(0, now - record.presentingSince);
  return Math.min(record.presentationCapMs, record.presentationDoneMs + running);
}

export function timerState(record: TimerRecord, now: number): TimerState {
  const settled = settle(record, now);
  return {
    sessionId: settled.sessionId,
    phase: settled.phase,
    serverNow: now,
    startedAt: settled.startedAt,
    endsAt: settled.endsAt,
    durationMs: settled.durationMs,
    presentationCapMs: settled.presentationCapMs,
    presentationUsedMs: presentationUsedMs(settled, now),
    capReached: settled.capReached,
    log: settled.log,
  };
}

/** Runs one moderator command at `now`. A command that changes nothing (present while presenting) is fine. */
export function applyCommand(current: TimerRecord, command: TimerCommand, now: number): CommandResult {
  const record = settle(current, now);
  if (record.phase === 'ended') return refuse('invalid-phase', 'the session has ended');
  const unchanged: CommandResult = { ok: true, record, changed: record !== current };

  switch (command.action) {
    case 'start':
      if (record.phase !== 'scheduled') return refuse('invalid-phase', 'the session has already started');
      return changed(enter(startClock(record, now), 'discussion', now));
    case 'present':
      if (record.capReached) return refuse('presentation-cap-reached', 'the presentation time is used up');
      if (record.phase === 'presentation') return unchanged;
      return changed(enter(startClock(record, now), 'presentation', now));
    case 'discuss':
      if (record.phase === 'scheduled') return refuse('invalid-phase', 'the session has not started');
      if (record.phase === 'discussion') return unchanged;
      return changed(enter(record, 'discussion', now));
    case 'extend': {
      const extra = command.minutes * 60_000;
      return changed({ ...record, durationMs: record.durationMs + extra, endsAt: record.endsAt === null ? null : record.endsAt + extra });
    }
    case 'end':
      return changed(enter(record, 'ended', now));
  }
}

function changed(record: TimerRecord): CommandResult {
  return { ok: true, record, changed: true };
}

function refuse(error: 'presentation-cap-reached' | 'invalid-phase', message: string): CommandResult {
  return { ok: false, error, message };
}

function startClock(record: TimerRecord, now: number): TimerRecord {
  return record.startedAt === null ? { ...record, startedAt: now, endsAt: now + record.durationMs } : record;
}

/** Leaves the current phase (closing a presentation stint) and enters `phase`, logged at `now`. */
function enter(record: TimerRecord, phase: TimerPhase, now: number): TimerRecord {
  const leavingPresentation = record.presentingSince !== null;
  const done = leavingPresentation ? presentationUsedMs(record, now) : record.presentationDoneMs;
  return {
    ...record,
    phase,
    presentationDoneMs: done,
    presentingSince: phase === 'presentation' ? now : null,
    capReached: record.capReached || done >= record.presentationCapMs,
    log: [...record.log, { phase, at: now }],
  };
}
