import { useEffect, useState } from 'react';
import type { ControlAuth } from '@roundtable/shared';
import { MinutesConnection } from '../minutes/MinutesConnection';
import { QuestionConnection } from '../questions/QuestionConnection';
import { TimerConnection } from '../timer/TimerConnection';
import { openControlSocket } from './controlSocket';

/** What travels on the page's one control socket. */
export interface Control {
  timer: TimerConnection;
  minutes: MinutesConnection;
  questions: QuestionConnection;
}

/** Opens the control socket and its users; `closeControl` ends them all. */
export function connectControl(auth: ControlAuth): Control {
  const socket = openControlSocket(auth);
  return { timer: new TimerConnection(socket), minutes: new MinutesConnection(socket), questions: new QuestionConnection(socket) };
}

export function closeControl(control: Control): void {
  control.questions.close();
  control.minutes.close();
  control.timer.close(); // disconnects the socket
}

/**
 * The session's control plane for as long as the component lives: one socket for the timer, the
 * minutes and the questions, not one each. Null on the first render, before the effect opened it.
 * `name` is the person's display name (none on the projector); `askerId` the browser's asker id.
 */
export function useControl(token: string, name?: string, askerId?: string): Control | null {
  const [control, setControl] = useState<Control | null>(null);
  useEffect(() => {
    const opened = connectControl({ token, ...(name !== undefined && { name }), ...(askerId !== undefined && { askerId }) });
    setControl(opened);
    return () => {
      closeControl(opened);
      setControl(null);
    };
  }, [token, name, askerId]);
  return control;
}
