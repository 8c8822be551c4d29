import type { EventInfo, ScheduledSession } from './eventSchemas.js';

/** Why a proposal cannot go where the organizer dropped it; the `conflict` of the contract's 409. */
export type ScheduleConflict =
  | { kind: 'unknown-room' }
  | { kind: 'outside-event' }
  | { kind: 'room-taken'; sessionId: string };

export interface Placement {
  roomId: string;
  /** Epoch milliseconds. */
  startsAt: number;
  durationMinutes: number;
  /** The proposal being placed: its own earlier slot does not block moving it. */
  proposalId: string;
}

function spanOf(session: ScheduledSession): { start: number; end: number } {
  return { start: Date.parse(session.startsAt), end: Date.parse(session.endsAt) };
}

/**
 * The first rule a placement breaks, checked in the order an organizer fixes them: the room, then the
 * event's hours (a session running past the event's end is outside it), then the room's other sessions.
 * Intervals are half-open, so a session may start the minute the previous one ends.
 */
export function findConflict(
  event: EventInfo,
  sessions: readonly ScheduledSession[],
  placement: Placement,
): ScheduleConflict | null {
  if (!event.rooms.some((room) => room.id === placement.roomId)) return { kind: 'unknown-room' };

  const start = placement.startsAt;
  const end = start + placement.durationMinutes * 60_000;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return { kind: 'outside-event' };
  if (start < Date.parse(event.startsAt) || end > Date.parse(event.endsAt)) return { kind: 'outside-event' };

  // The earliest clash, so the organizer is sent to the same session every time.
  const clash = sessions
    .filter((session) => session.roomId === placement.roomId && session.proposalId !== placement.proposalId)
    .filter((session) => {
      const span = spanOf(session);
      return span.start < end && start < span.end;
    })
    .sort((a, b) => spanOf(a).start - spanOf(b).start)[0];
  return clash ? { kind: 'room-taken', sessionId: clash.sessionId } : null;
}

export interface NowAndNext {
  /** Sessions running at `nowMs` (start <= now < end), by start time then room. */
  running: ScheduledSession[];
  /** Per room id, the next session to start after `nowMs`; rooms with nothing left are absent. */
  next: Record<string, ScheduledSession>;
}

/** What the public schedule highlights: what is on now, and what comes next in each room. */
export function nowAndNext(sessions: readonly ScheduledSession[], nowMs: number): NowAndNext {
  const byStart = [...sessions].sort(
    (a, b) => spanOf(a).start - spanOf(b).start || a.roomId.localeCompare(b.roomId),
  );
  const running: ScheduledSession[] = [];
  const next: Record<string, ScheduledSession> = {};
  for (const session of byStart) {
    const span = spanOf(session);
    if (span.start <= nowMs && nowMs < span.end) running.push(session);
    else if (span.start > nowMs && !next[session.roomId]) next[session.roomId] = session;
  }
  return { running, next };
}
