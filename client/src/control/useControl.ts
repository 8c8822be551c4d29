import { useEffect, useState } from 'react';
import { MinutesConnection } from '../minutes/MinutesConnection';
import { TimerConnection } from '../timer/TimerConnection';
import { openControlSocket } from './controlSocket';

/** What travels on the page's one control socket. */
export interface Control {
  timer: TimerConnection;
  minutes: MinutesConnection;
}

/** Opens the control socket and its two users; `closeControl` ends all three. */
export function connectControl(token: string): Control {
  const socket = openControlSocket(token);
  return { timer: new TimerConnection(socket), minutes: new MinutesConnection(socket) };
}

export function closeControl(control: Control): void {
  control.minutes.close();
  control.timer.close(); // disconnects the socket
}

/**
 * The session's control plane for as long as the component lives: one socket for the timer and
 * the minutes, not one each. Null on the first render, before the effect opened it.
 */
export function useControl(token: string): Control | null {
  const [control, setControl] = useState<Control | null>(null);
  useEffect(() => {
    const opened = connectControl(token);
    setControl(opened);
    return () => {
      closeControl(opened);
      setControl(null);
    };
  }, [token]);
  return control;
}
