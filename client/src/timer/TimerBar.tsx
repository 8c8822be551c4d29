import type { Role } from '@roundtable/shared';
import type { TimerConnection } from './TimerConnection';
import { useTimer, type Timer } from './useTimer';
import { ModeratorControls } from './ModeratorControls';
import { TimerReadout } from './TimerReadout';
import { useChime } from './useChime';

const STATUS_HINTS: Partial<Record<Timer['status']['kind'], string>> = {
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  refused: 'unavailable',
};

/**
 * The timer in the workspace header: everyone sees it, the moderator also runs it. It holds the
 * timer itself, so its four ticks a second redraw this bar and not the board or the minutes.
 */
export function TimerBar({ connection, role }: { connection: TimerConnection | null; role: Role }) {
  const timer = useTimer(connection);
  const chime = useChime(timer);
  const hint = STATUS_HINTS[timer.status.kind];
  const reason = timer.status.kind === 'refused' || timer.status.kind === 'reconnecting' ? timer.status.reason : undefined;
  return (
    <div className="timer-bar" role="group" aria-label="Timer">
      <TimerReadout timer={timer} />
      {hint && (
        <span className="timer-status" data-testid="timer-status" data-timer-status={timer.status.kind} title={reason}>
          Timer {hint}
        </span>
      )}
      <button
        type="button"
        className={chime.enabled ? 'tool active timer-chime' : 'tool timer-chime'}
        aria-pressed={chime.enabled}
        title="Play a short sound when the presentation time is used up and when the session reaches its end"
        onClick={chime.toggle}
      >
        Chime {chime.enabled ? 'on' : 'off'}
      </button>
      {role === 'moderator' && <ModeratorControls timer={timer} />}
    </div>
  );
}
