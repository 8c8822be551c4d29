import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { TimerCommand, TimerCommandAck } from '@roundtable/shared';
import { INITIAL_TIMER_SNAPSHOT, type TimerConnection, type TimerSnapshot } from './TimerConnection';
import { isRunning } from './timerDisplay';

/** Four renders a second: a seconds display never looks a whole second late. */
const TICK_MS = 250;

export interface Timer extends TimerSnapshot {
  /** The browser's Date.now() at this render, to pair with `offsetMs`. */
  now: number;
  command(command: TimerCommand): Promise<TimerCommandAck>;
}

const NOT_CONNECTED: TimerCommandAck = { ok: false, error: 'server-error', message: 'not connected to the server' };
const nothingToSubscribe = () => () => {};
const initialSnapshot = () => INITIAL_TIMER_SNAPSHOT;

/**
 * The session's timer, live from the server, re-rendering while its clocks run. The connection
 * comes from useControl (one socket per page, shared with the minutes); null while it opens.
 */
export function useTimer(connection: TimerConnection | null): Timer {
  const snapshot = useSyncExternalStore(connection?.subscribe ?? nothingToSubscribe, connection?.getSnapshot ?? initialSnapshot);
  useTick(snapshot.state !== null && isRunning(snapshot.state.phase));

  const command = useCallback((c: TimerCommand) => (connection ? connection.command(c) : Promise.resolve(NOT_CONNECTED)), [connection]);
  return { ...snapshot, now: Date.now(), command };
}

/** Re-renders every TICK_MS while `active`; nothing moves otherwise, so nothing is redrawn. */
function useTick(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const interval = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(interval);
  }, [active]);
}
