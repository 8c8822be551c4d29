import { io, type Socket } from 'socket.io-client';
import {
  CLOCK_EVENT,
  CONTROL_PATH,
  MINUTES_NOMINATE_EVENT,
  MINUTES_STATE_EVENT,
  TIMER_COMMAND_EVENT,
  TIMER_STATE_EVENT,
  type MinutesStatus,
  type NominateAck,
  type NominateCommand,
  type TimerCommand,
  type TimerCommandAck,
  type TimerState,
} from '@roundtable/shared';

interface ServerEvents {
  [TIMER_STATE_EVENT]: (state: TimerState) => void;
  [MINUTES_STATE_EVENT]: (status: MinutesStatus) => void;
}
interface ClientEvents {
  [TIMER_COMMAND_EVENT]: (command: TimerCommand, ack: (answer: TimerCommandAck) => void) => void;
  [CLOCK_EVENT]: (ack: (serverNow: number) => void) => void;
  [MINUTES_NOMINATE_EVENT]: (command: NominateCommand, ack: (answer: NominateAck) => void) => void;
}

/** The one socket.io connection of a page to the control plane: the timer and the minutes share it. */
export type ControlSocket = Socket<ServerEvents, ClientEvents>;

/**
 * Connects to the control plane on this origin. WebSocket only: long-polling needs sticky sessions
 * behind a load balancer, and the board's sync already needs WebSocket anyway.
 */
export function openControlSocket(token: string): ControlSocket {
  return io({ path: CONTROL_PATH, auth: { token }, transports: ['websocket'] });
}
