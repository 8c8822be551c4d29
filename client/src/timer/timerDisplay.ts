import type { TimerPhase, TimerState } from '@roundtable/shared';

/** How urgent a figure looks: amber while time runs short, red once it has run out. */
export type TimerLevel = 'normal' | 'amber' | 'red';

/** The last stretch of the presentation allowance, shown amber. */
export const PRESENTATION_WARNING_MS = 60_000;
/** The last stretch of the session, shown amber. */
export const SESSION_WARNING_MS = 5 * 60_000;

export const PHASE_LABELS: Record<TimerPhase, string> = {
  scheduled: 'Not started',
  presentation: 'Presentation',
  discussion: 'Discussion',
  ended: 'Ended',
};

export interface TimerDisplay {
  phase: TimerPhase;
  phaseLabel: string;
  /** Until the session's end; negative once it is over. In `scheduled`, the planned duration. */
  sessionRemainingMs: number;
  sessionLevel: TimerLevel;
  /** What is left of the presentation allowance, never below zero. */
  presentationRemainingMs: number;
  presentationLevel: TimerLevel;
  /** Whether the figures change with time, so the view has to tick. */
  running: boolean;
}

/**
 * What to show for `state`, `browserNow` (Date.now()) and the server clock's offset from the
 * browser's (serverNow ≈ browserNow + clockOffsetMs). The server sends a state only when something
 * changes; between two states the running clocks are advanced here.
 */
export function timerDisplay(state: TimerState, clockOffsetMs: number, browserNow: number): TimerDisplay {
  const serverNow = browserNow + clockOffsetMs;
  const running = isRunning(state.phase);
  const sessionRemainingMs = sessionRemaining(state, serverNow);
  // A state that arrives "from the future" (offset not measured yet) must not count backwards.
  const sinceState = Math.max(0, serverNow - state.serverNow);
  const used = state.presentationUsedMs + (state.phase === 'presentation' ? sinceState : 0);
  const presentationRemainingMs = state.capReached ? 0 : clamp(state.presentationCapMs - used, 0, state.presentationCapMs);
  // Before the start nothing is running out, however short the session is.
  const started = state.phase !== 'scheduled';
  return {
    phase: state.phase,
    phaseLabel: PHASE_LABELS[state.phase],
    sessionRemainingMs,
    sessionLevel: started ? level(sessionRemainingMs, SESSION_WARNING_MS) : 'normal',
    presentationRemainingMs,
    presentationLevel: started ? level(presentationRemainingMs, PRESENTATION_WARNING_MS) : 'normal',
    running,
  };
}

export function isRunning(phase: TimerPhase): boolean {
  return phase === 'presentation' || phase === 'discussion';
}

function sessionRemaining(state: TimerState, serverNow: number): number {
  if (state.endsAt === null) return state.durationMs; // not started, or ended before it started
  if (state.phase === 'ended') {
    // Frozen at the moment the moderator ended it.
    const endedAt = lastEntry(state, 'ended') ?? state.serverNow;
    return state.endsAt - endedAt;
  }
  return state.endsAt - serverNow;
}

function lastEntry(state: TimerState, phase: TimerPhase): number | null {
  for (let i = state.log.length - 1; i >= 0; i--) {
    const entry = state.log[i]!;
    if (entry.phase === phase) return entry.at;
  }
  return null;
}

function level(remainingMs: number, warningMs: number): TimerLevel {
  if (remainingMs <= 0) return 'red';
  if (remainingMs <= warningMs) return 'amber';
  return 'normal';
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
