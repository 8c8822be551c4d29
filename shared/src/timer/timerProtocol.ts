import { z } from 'zod';
import type { TimerState } from './timerMachine.js';

/** socket.io path and events of the control plane (contract: "Timer and phases"). */
export const CONTROL_PATH = '/socket.io';
export const TIMER_STATE_EVENT = 'timer:state';
export const TIMER_COMMAND_EVENT = 'timer:command';
/** Answers the server's clock, so browsers can correct their own: `(ack) => ack(serverNowMs)`. */
export const CLOCK_EVENT = 'clock:now';

export const TIMER_ACTIONS = ['start', 'present', 'discuss', 'extend', 'end'] as const;
export type TimerAction = (typeof TIMER_ACTIONS)[number];

export const MAX_EXTEND_MINUTES = 60;

export const timerCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({ action: z.literal('present') }),
  z.strictObject({ action: z.literal('discuss') }),
  z.strictObject({ action: z.literal('end') }),
  z.strictObject({ action: z.literal('extend'), minutes: z.number().int().min(1).max(MAX_EXTEND_MINUTES) }),
]);
export type TimerCommand = z.infer<typeof timerCommandSchema>;

export const TIMER_ERRORS = ['forbidden', 'presentation-cap-reached', 'invalid-command', 'invalid-phase', 'server-error'] as const;
export type TimerError = (typeof TIMER_ERRORS)[number];

export type TimerCommandAck = { ok: true; state: TimerState } | { ok: false; error: TimerError; message?: string };
