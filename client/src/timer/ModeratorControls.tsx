import { useCallback, useEffect, useRef, useState } from 'react';
import type { Timer } from './useTimer';
import { TIMER_CONTROLS, isAllowed, type TimerControl } from './timerControls';
import { controlForKey, isTypingTarget } from './timerShortcuts';
import { refusalMessage } from './commandErrors';

/** Long enough to read, short enough not to linger over the next action. */
const MESSAGE_MS = 4000;

/**
 * The moderator's buttons and their shortcuts. The shortcuts listen on the whole window, so they
 * work on the board too, but never while typing (minutes, a text on the board, a form field).
 */
export function ModeratorControls({ timer }: { timer: Pick<Timer, 'state' | 'status' | 'command'> }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { state, command } = timer;
  const connected = timer.status.kind === 'connected';

  useEffect(() => {
    if (!message) return;
    const timeout = setTimeout(() => setMessage(null), MESSAGE_MS);
    return () => clearTimeout(timeout);
  }, [message]);

  const inFlight = useRef(false);
  const run = useCallback(
    async (control: TimerControl) => {
      // One at a time: a double click on Extend must not add ten minutes.
      if (inFlight.current) return;
      if (control.action === 'end' && !window.confirm('End the session for everyone? The timer cannot be started again.')) return;
      inFlight.current = true;
      setBusy(true);
      try {
        const answer = await command(control.command);
        setMessage(answer.ok ? null : refusalMessage(answer));
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [command],
  );

  const latestState = useRef(state);
  latestState.current = state;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const control = controlForKey(event, TIMER_CONTROLS);
      if (!control) return;
      // Ours: neither the board nor the browser should act on it as well.
      event.preventDefault();
      event.stopPropagation();
      if (isAllowed(control.action, latestState.current)) void run(control);
      else setMessage(notNowMessage(control, latestState.current?.capReached ?? false));
    };
    // Capture: tldraw handles keys on its own elements and may stop them before they bubble here.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [run]);

  return (
    <div className="timer-controls" role="toolbar" aria-label="Timer controls">
      {TIMER_CONTROLS.map((control) => (
        <button
          key={control.action}
          type="button"
          className={`timer-button timer-${control.action}`}
          disabled={busy || !connected || !isAllowed(control.action, state)}
          title={`${control.label} (${control.shortcut})`}
          aria-keyshortcuts={control.shortcut}
          onClick={() => void run(control)}
        >
          {control.label}
        </button>
      ))}
      {message && (
        <span className="timer-message" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}

function notNowMessage(control: TimerControl, capReached: boolean): string {
  if (control.action === 'present' && capReached) return 'Presentation time is used up';
  return `${control.label} is not possible now`;
}
