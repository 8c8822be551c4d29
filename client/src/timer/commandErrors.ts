import type { TimerCommandAck } from '@roundtable/shared';

type Refusal = Extract<TimerCommandAck, { ok: false }>;

const MESSAGES: Record<Refusal['error'], string> = {
  forbidden: 'Only the moderator can change the timer',
  'presentation-cap-reached': 'Presentation time is used up',
  'invalid-command': 'The server did not understand that command',
  'invalid-phase': 'Not possible in this phase',
  'server-error': 'The timer could not be changed; try again',
};

/** What to tell the moderator when the server refused a command. */
export function refusalMessage(refusal: Refusal): string {
  // The server's own words are more precise where the code alone is vague.
  if (refusal.error === 'invalid-phase' && refusal.message) return `Not possible: ${refusal.message}`;
  return MESSAGES[refusal.error] ?? refusal.message ?? 'The timer could not be changed';
}
