import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { conflictMessage, conflictOf } from './conflictMessage';

const event = { startsAt: '2026-10-24T07:00:00.000Z', endsAt: '2026-10-25T17:00:00.000Z', timezone: 'Europe/Berlin' };

describe('conflictOf', () => {
  it('reads the conflict of a 409 and nothing else', () => {
    expect(conflictOf(new ApiError(409, 'taken', { conflict: { kind: 'room-taken', sessionId: 's1' } }))).toEqual({
      kind: 'room-taken',
      sessionId: 's1',
    });
    expect(conflictOf(new ApiError(409, 'x', { conflict: { kind: 'declined' } }))).toEqual({ kind: 'declined' });
    expect(conflictOf(new ApiError(409, 'x', { conflict: { kind: 'made-up' } }))).toBeNull();
    expect(conflictOf(new ApiError(409, 'x'))).toBeNull();
    expect(conflictOf(new ApiError(400, 'x', { conflict: { kind: 'declined' } }))).toBeNull();
  });
});

describe('conflictMessage', () => {
  it('names the room and the session in the way, in the event time zone', () => {
    const message = conflictMessage(
      { kind: 'room-taken', sessionId: 's1' },
      {
        roomName: 'Room A',
        takenBy: { title: 'vTPM migration', startsAt: '2026-10-24T08:00:00.000Z', endsAt: '2026-10-24T08:50:00.000Z', moderatorName: 'Ada' },
        event,
        durationMinutes: 50,
      },
    );
    expect(message).toBe('Room A is taken then by “vTPM migration” (10:00–10:50, moderated by Ada).');
    expect(conflictMessage({ kind: 'room-taken' }, { roomName: 'Room A', event, durationMinutes: 50 })).toBe(
      'Room A is taken then by another session.',
    );
  });

  it('says a slot is outside the event, with the event hours and the length that did not fit', () => {
    expect(conflictMessage({ kind: 'outside-event' }, { roomName: 'Room A', event, durationMinutes: 80 })).toBe(
      'That is outside the event: a 1 h 20 min session starting then would not fit within Sat 24 Oct 2026, 09:00 – Sun 25 Oct 2026, 18:00 (Europe/Berlin).',
    );
  });

  it('explains the other refusals', () => {
    const context = { roomName: 'Room A', event, durationMinutes: 50 };
    expect(conflictMessage({ kind: 'unknown-room' }, context)).toMatch(/no such room/);
    expect(conflictMessage({ kind: 'already-scheduled', sessionId: 's' }, context)).toMatch(/scheduled already/);
    expect(conflictMessage({ kind: 'declined' }, context)).toMatch(/accept it/);
  });
});
