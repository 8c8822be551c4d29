import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimerSnapshot } from './TimerConnection';
import { Chime } from './chime';
import { chimeMoment, type ChimeWatch } from './chimeMoments';
import { timerDisplay } from './timerDisplay';

/**
 * The optional chime: off by default (a room may not want it), turned on by a click, which is
 * also what lets the browser play sound. Watches every render, so the session's end is caught by
 * the tick that crosses it.
 */
export function useChime(timer: Pick<TimerSnapshot, 'state' | 'offsetMs'> & { now: number }): { enabled: boolean; toggle(): void } {
  const [enabled, setEnabled] = useState(false);
  const chime = useRef<Chime | null>(null);
  const previous = useRef<ChimeWatch | null>(null);

  const { state } = timer;
  const display = state ? timerDisplay(state, timer.offsetMs, timer.now) : null;
  const sessionOver = display !== null && display.running && display.sessionRemainingMs <= 0;

  useEffect(() => {
    if (!state) return;
    const watch: ChimeWatch = { sessionId: state.sessionId, phase: state.phase, capReached: state.capReached, sessionOver };
    // Watched while off too: turning it on must not ring for something long past.
    if (chimeMoment(previous.current, watch) && enabled) chime.current?.play();
    previous.current = watch;
  }, [state, sessionOver, enabled]);

  useEffect(() => () => chime.current?.close(), []);

  const toggle = useCallback(() => {
    if (!enabled) {
      chime.current ??= new Chime();
      chime.current.unlock(); // within the click: the browser's condition for sound
    }
    setEnabled(!enabled);
  }, [enabled]);
  return { enabled, toggle };
}
