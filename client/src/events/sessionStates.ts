import { nowAndNext } from '@roundtable/shared';

export type SessionState = 'now' | 'next';

interface TimedSession {
  id: string;
  roomId: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

/** Which sessions run at `nowMs` ("now") and which comes next in each room ("next"); others are absent. */
export function sessionStates(sessions: readonly TimedSession[], nowMs: number): Map<string, SessionState> {
  const { running, next } = nowAndNext(
    sessions.map((s) => ({ ...s, sessionId: s.id, proposalId: s.id, moderatorName: '' })),
    nowMs,
  );
  const states = new Map<string, SessionState>();
  for (const session of running) states.set(session.sessionId, 'now');
  for (const session of Object.values(next)) states.set(session.sessionId, 'next');
  return states;
}
