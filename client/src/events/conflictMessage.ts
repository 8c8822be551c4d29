import { ApiError } from '../api';
import { CONFLICT_KINDS, type ScheduleConflictInfo } from './eventTypes';
import { formatDuration, formatSpan, formatTime } from './timeFormat';

export interface ConflictContext {
  /** The room asked for. */
  roomName: string;
  /** The session named by a `room-taken` conflict, when the organizer page knows it. */
  takenBy?: { title: string; startsAt: string; endsAt: string; moderatorName?: string } | undefined;
  event: { startsAt: string; endsAt: string; timezone: string };
  durationMinutes: number;
}

/** The `conflict` of a 409 answer, or null when the error is something else. */
export function conflictOf(error: unknown): ScheduleConflictInfo | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const conflict = error.body['conflict'];
  if (typeof conflict !== 'object' || conflict === null) return null;
  const { kind, sessionId } = conflict as Record<string, unknown>;
  if (!CONFLICT_KINDS.includes(kind as ScheduleConflictInfo['kind'])) return null;
  return {
    kind: kind as ScheduleConflictInfo['kind'],
    ...(typeof sessionId === 'string' && { sessionId }),
  };
}

/** Why the proposal cannot go there, in the organizer's terms: which room, which session, which hours. */
export function conflictMessage(conflict: ScheduleConflictInfo, context: ConflictContext): string {
  const zone = context.event.timezone;
  switch (conflict.kind) {
    case 'room-taken': {
      const taken = context.takenBy;
      if (!taken) return `${context.roomName} is taken then by another session.`;
      const by = taken.moderatorName ? `, moderated by ${taken.moderatorName}` : '';
      return `${context.roomName} is taken then by “${taken.title}” (${formatTime(taken.startsAt, zone)}–${formatTime(taken.endsAt, zone)}${by}).`;
    }
    case 'outside-event':
      return (
        `That is outside the event: a ${formatDuration(context.durationMinutes)} session starting then would not fit within ` +
        `${formatSpan(context.event.startsAt, context.event.endsAt, zone)} (${zone}).`
      );
    case 'unknown-room':
      return 'The event has no such room: reload the page to see its rooms.';
    case 'already-scheduled':
      return 'This proposal is scheduled already.';
    case 'declined':
      return 'This proposal was declined: accept it before scheduling it.';
  }
}
