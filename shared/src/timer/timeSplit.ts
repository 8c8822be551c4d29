import type { TimerState } from './timerMachine.js';

/** How a session's time divided between presentation and discussion, for the minutes. */
export interface TimeSplit {
  presentationMs: number;
  /** The session's length as run: its planned duration plus every extension. */
  sessionMs: number;
  /** presentationMs / sessionMs. */
  share: number;
  /** The cap as a share of the planned duration (the 25 % rule). */
  capShare: number;
}

export function timeSplit(state: TimerState, plannedDurationMs: number): TimeSplit {
  return {
    presentationMs: state.presentationUsedMs,
    sessionMs: state.durationMs,
    share: state.durationMs > 0 ? state.presentationUsedMs / state.durationMs : 0,
    capShare: plannedDurationMs > 0 ? state.presentationCapMs / plannedDurationMs : 0,
  };
}

/** "Presentation: 9 of 50 minutes (18%, cap 25%)", as every minutes format writes it. */
export function formatTimeSplit(split: TimeSplit): string {
  const minutes = (ms: number) => Math.round(ms / 60_000);
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  return `Presentation: ${minutes(split.presentationMs)} of ${minutes(split.sessionMs)} minutes (${percent(split.share)}, cap ${percent(split.capShare)})`;
}
