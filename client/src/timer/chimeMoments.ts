import type { TimerPhase } from '@roundtable/shared';

/** The two moments worth a sound: the room may not be looking at a screen. */
export type ChimeMoment = 'cap-reached' | 'session-over';

/** What the chime watches, read from each state and each tick. */
export interface ChimeWatch {
  sessionId: string;
  phase: TimerPhase;
  capReached: boolean;
  /** The session clock runs and has passed its end. */
  sessionOver: boolean;
}

/**
 * Which moment happened between two observations, if any. The first observation never chimes:
 * someone joining a session already over has missed the moment, not witnessed it.
 */
export function chimeMoment(before: ChimeWatch | null, after: ChimeWatch): ChimeMoment | null {
  if (!before || before.sessionId !== after.sessionId) return null;
  // The server's own switch: the moderator's Discuss never sets capReached on the way.
  if (before.phase === 'presentation' && after.phase === 'discussion' && after.capReached && !before.capReached) return 'cap-reached';
  if (!before.sessionOver && after.sessionOver) return 'session-over';
  return null;
}
