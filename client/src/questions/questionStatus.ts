import type { QuestionStatus } from '@roundtable/shared';

/** How a question's status reads to the person who asked it. */
export const ASKER_STATUS: Record<QuestionStatus, string> = {
  open: 'waiting for the room',
  answered: 'answered',
  dismissed: 'not taken up',
  inserted: 'answered, in the minutes',
};

/** How it reads in the moderator's queue. */
export const QUEUE_STATUS: Record<QuestionStatus, string> = {
  open: 'open',
  answered: 'answered',
  dismissed: 'dismissed',
  inserted: 'in the minutes',
};

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** When a question was asked, as a wall-clock time of the reader. */
export function askedTime(askedAt: number): string {
  return clock.format(new Date(askedAt));
}
