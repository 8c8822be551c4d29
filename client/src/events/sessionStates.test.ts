import { describe, expect, it } from 'vitest';
import { sessionStates } from './sessionStates';

const at = (iso: string) => Date.parse(iso);
const sessions = [
  { id: 'a1', roomId: 'a', title: 'A1', startsAt: '2026-10-24T09:00:00Z', endsAt: '2026-10-24T10:00:00Z' },
  { id: 'a2', roomId: 'a', title: 'A2', startsAt: '2026-10-24T10:00:00Z', endsAt: '2026-10-24T11:00:00Z' },
  { id: 'a3', roomId: 'a', title: 'A3', startsAt: '2026-10-24T11:00:00Z', endsAt: '2026-10-24T12:00:00Z' },
  { id: 'b1', roomId: 'b', title: 'B1', startsAt: '2026-10-24T13:00:00Z', endsAt: '2026-10-24T14:00:00Z' },
];

describe('sessionStates', () => {
  it('marks what runs now and the next session of each room', () => {
    expect(Object.fromEntries(sessionStates(sessions, at('2026-10-24T09:30:00Z')))).toEqual({ a1: 'now', a2: 'next', b1: 'next' });
  });

  it('hands over at the minute one ends and the next starts', () => {
    expect(Object.fromEntries(sessionStates(sessions, at('2026-10-24T10:00:00Z')))).toEqual({ a2: 'now', a3: 'next', b1: 'next' });
  });

  it('marks nothing after the last session', () => {
    expect(sessionStates(sessions, at('2026-10-24T15:00:00Z')).size).toBe(0);
  });
});
