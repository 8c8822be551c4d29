import { useControl } from '../control/useControl';
import { TimerReadout } from '../timer/TimerReadout';
import { useTimer } from '../timer/useTimer';

/** The timer, large, over the board. Holds the timer itself, so its ticks redraw only this. */
export function ProjectorTimer({ token }: { token: string }) {
  const control = useControl(token);
  const timer = useTimer(control?.timer ?? null);
  return (
    <div className="projector-timer" data-timer-status={timer.status.kind}>
      <TimerReadout timer={timer} size="projector" />
    </div>
  );
}
