import type { TimerSnapshot } from './TimerConnection';
import { formatClock } from './formatClock';
import { timerDisplay } from './timerDisplay';

interface TimerReadoutProps {
  timer: Pick<TimerSnapshot, 'state' | 'offsetMs'> & { now: number };
  /** `projector`: read from the back of a room. */
  size?: 'compact' | 'projector';
}

/**
 * Phase, session time left and presentation time left, as everyone sees them. The data attributes
 * (`data-phase`, `data-level`, `data-remaining-ms`) say what the styling says, for tests and tools.
 */
export function TimerReadout({ timer, size = 'compact' }: TimerReadoutProps) {
  if (!timer.state) {
    return (
      <div className={`timer-readout timer-readout-${size}`} data-testid="timer">
        <span className="timer-phase" data-testid="timer-phase" data-phase="unknown">
          Timer…
        </span>
      </div>
    );
  }
  const display = timerDisplay(timer.state, timer.offsetMs, timer.now);
  const over = display.sessionRemainingMs < 0;
  return (
    <div className={`timer-readout timer-readout-${size}`} data-testid="timer" role="group" aria-label="Session timer">
      {/* Announced when it changes (rarely), unlike the figures that change four times a second. */}
      <span className={`timer-phase phase-${display.phase}`} data-testid="timer-phase" data-phase={display.phase} aria-live="polite">
        {display.phaseLabel}
      </span>
      <span
        className={`timer-figure level-${display.sessionLevel}`}
        data-testid="timer-session"
        data-level={display.sessionLevel}
        data-over={over}
        data-remaining-ms={Math.round(display.sessionRemainingMs)}
      >
        <span className="timer-caption">{display.phase === 'scheduled' ? 'Planned' : 'Session'}</span>
        <span className="timer-value">{formatClock(display.sessionRemainingMs)}</span>
        {over && <span className="timer-over">over</span>}
      </span>
      <span
        className={`timer-figure level-${display.presentationLevel}`}
        data-testid="timer-presentation"
        data-level={display.presentationLevel}
        data-remaining-ms={Math.round(display.presentationRemainingMs)}
      >
        <span className="timer-caption">Presentation left</span>
        <span className="timer-value">{formatClock(display.presentationRemainingMs)}</span>
      </span>
    </div>
  );
}
