import { io, type Socket } from 'socket.io-client';
import {
  CLOCK_EVENT,
  CONTROL_PATH,
  MINUTES_NOMINATE_EVENT,
  MINUTES_STATE_EVENT,
  QUESTION_ASK_EVENT,
  QUESTION_CHANGED_EVENT,
  QUESTION_LIST_EVENT,
  QUESTION_MARK_EVENT,
  TIMER_COMMAND_EVENT,
  TIMER_STATE_EVENT,
  type AskAck,
  type AskCommand,
  type ControlAuth,
  type MarkAck,
  type MarkCommand,
  type MinutesStatus,
  type Question,
  type QuestionList,
  type NominateAck,
  type NominateCommand,
  type TimerCommand,
  type TimerCommandAck,
  type TimerState,
} from '@roundtable/shared';

interface ServerEvents {
  [TIMER_STATE_EVENT]: (state: TimerState) => void;
  [MINUTES_STATE_EVENT]: (status: MinutesStatus) => void;
  [QUESTION_LIST_EVENT]: (list: QuestionList) => void;
  [QUESTION_CHANGED_EVENT]: (question: Question) => void;
}
interface ClientEvents {
  [TIMER_COMMAND_EVENT]: (command: TimerCommand, ack: (answer: TimerCommandAck) => void) => void;
  [CLOCK_EVENT]: (ack: (serverNow: number) => void) => void;
  [MINUTES_NOMINATE_EVENT]: (command: NominateCommand, ack: (answer: NominateAck) => void) => void;
  [QUESTION_ASK_EVENT]: (command: AskCommand, ack: (answer: AskAck) => void) => void;
  [QUESTION_MARK_EVENT]: (command: MarkCommand, ack: (answer: MarkAck) => void) => void;
}

/** The one socket.io connection of a page to the control plane: the timer and the minutes share it. */
export type ControlSocket = Socket<ServerEvents, ClientEvents>;

/**
 * Connects to the control plane on this origin. WebSocket only: long-polling needs sticky sessions
 * behind a load balancer, and the board's sync already needs WebSocket anyway. `auth` carries the
 * token, and the name and asker id the questions need.
 */
export function openControlSocket(auth: ControlAuth): ControlSocket {
  return io({ path: CONTROL_PATH, auth: { ...auth }, transports: ['websocket'] });
}
