import { describe, expect, it } from 'vitest';
import { findConflict, nowAndNext, type Placement } from './scheduleRules.js';
import { SAMPLE_EVENT, SAMPLE_SESSIONS, sampleSession } from './testSchedule.js';

const at = (iso: string) => Date.parse(iso);

function place(overrides: Partial<Placement> = {}): Placement {
  return { roomId: 'r1', startsAt: at('2026-10-24T10:00:00Z'), durationMinutes: 60, proposalId: 'p9', ...overrides };
}

describe('findConflict', () => {
  it('allows a free slot', () => {
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, place())).toBeNull();
  });

  it('reports an unknown room before anything else', () => {
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, place({ roomId: 'nope', startsAt: 0 }))).toEqual({
      kind: 'unknown-room',
    });
  });

  it('reports a slot outside the event, including one running past its end', () => {
    const before = place({ startsAt: at('2026-10-24T06:59:00Z') });
    expect(findConflict(SAMPLE_EVENT, [], before)).toEqual({ kind: 'outside-event' });
    const pastEnd = place({ startsAt: at('2026-10-25T16:30:00Z'), durationMinutes: 31 });
    expect(findConflict(SAMPLE_EVENT, [], pastEnd)).toEqual({ kind: 'outside-event' });
    const endingAtEnd = place({ startsAt: at('2026-10-25T16:30:00Z'), durationMinutes: 30 });
    expect(findConflict(SAMPLE_EVENT, [], endingAtEnd)).toBeNull();
    const atStart = place({ startsAt: at(SAMPLE_EVENT.startsAt) });
    expect(findConflict(SAMPLE_EVENT, [], atStart)).toBeNull();
    expect(findConflict(SAMPLE_EVENT, [], place({ startsAt: Number.NaN }))).toEqual({ kind: 'outside-event' });
    // Outside the event wins over a clash: moving it in time is the first fix either way.
    const clashingAndLate = place({ startsAt: at('2026-10-24T08:30:00Z'), durationMinutes: 480 * 10 });
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, clashingAndLate)).toEqual({ kind: 'outside-event' });
  });

  it('reports the room taken, with half-open intervals', () => {
    const overlapping = place({ startsAt: at('2026-10-24T08:59:00Z') });
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, overlapping)).toEqual({ kind: 'room-taken', sessionId: 's1' });
    const inside = place({ startsAt: at('2026-10-24T08:15:00Z'), durationMinutes: 10 });
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, inside)).toEqual({ kind: 'room-taken', sessionId: 's1' });
    const around = place({ startsAt: at('2026-10-24T07:30:00Z'), durationMinutes: 120 });
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, around)).toEqual({ kind: 'room-taken', sessionId: 's1' });
    const justAfter = place({ startsAt: at('2026-10-24T09:00:00Z') });
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, justAfter)).toBeNull();
    const justBefore = place({ startsAt: at('2026-10-24T07:00:00Z') });
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, justBefore)).toBeNull();
    const otherRoom = place({ roomId: 'r2', startsAt: at('2026-10-24T08:00:00Z') });
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, otherRoom)).toBeNull();
  });

  it('names the earliest of several clashing sessions', () => {
    const sessions = [
      sampleSession({ sessionId: 'late', proposalId: 'pl', startsAt: '2026-10-24T10:00:00.000Z', endsAt: '2026-10-24T11:00:00.000Z' }),
      sampleSession({ sessionId: 'early', proposalId: 'pe', startsAt: '2026-10-24T09:00:00.000Z', endsAt: '2026-10-24T10:00:00.000Z' }),
    ];
    const wide = place({ startsAt: at('2026-10-24T09:30:00Z'), durationMinutes: 60 });
    expect(findConflict(SAMPLE_EVENT, sessions, wide)).toEqual({ kind: 'room-taken', sessionId: 'early' });
  });

  it('lets a proposal move over its own earlier slot', () => {
    const moved = place({ proposalId: 'p1', startsAt: at('2026-10-24T08:30:00Z') });
    expect(findConflict(SAMPLE_EVENT, SAMPLE_SESSIONS, moved)).toBeNull();
  });
});

describe('nowAndNext', () => {
  const sessions = [
    sampleSession({ sessionId: 'a1', roomId: 'r1', startsAt: '2026-10-24T08:00:00.000Z', endsAt: '2026-10-24T09:00:00.000Z' }),
    sampleSession({ sessionId: 'a3', roomId: 'r1', startsAt: '2026-10-24T11:00:00.000Z', endsAt: '2026-10-24T12:00:00.000Z' }),
    sampleSession({ sessionId: 'a2', roomId: 'r1', startsAt: '2026-10-24T09:00:00.000Z', endsAt: '2026-10-24T10:00:00.000Z' }),
    sampleSession({ sessionId: 'b1', roomId: 'r2', startsAt: '2026-10-24T08:30:00.000Z', endsAt: '2026-10-24T09:30:00.000Z' }),
  ];
  const ids = (list: { sessionId: string }[]) => list.map((s) => s.sessionId);

  it('lists what runs now and what comes next per room', () => {
    const result = nowAndNext(sessions, at('2026-10-24T08:45:00Z'));
    expect(ids(result.running)).toEqual(['a1', 'b1']);
    expect(Object.keys(result.next)).toEqual(['r1']);
    expect(result.next['r1']?.sessionId).toBe('a2');
  });

  it('treats a start as running and an end as over', () => {
    const result = nowAndNext(sessions, at('2026-10-24T09:00:00Z'));
    expect(ids(result.running)).toEqual(['b1', 'a2']);
    expect(result.next['r1']?.sessionId).toBe('a3');
  });

  it('is empty after the last session', () => {
    expect(nowAndNext(sessions, at('2026-10-24T12:00:00Z'))).toEqual({ running: [], next: {} });
  });

  it('before the day, shows each room\'s first session as next', () => {
    const result = nowAndNext(sessions, at('2026-10-24T07:00:00Z'));
    expect(result.running).toEqual([]);
    expect(result.next['r1']?.sessionId).toBe('a1');
    expect(result.next['r2']?.sessionId).toBe('b1');
  });
});
