import type { QuestionStatus } from './questionProtocol.js';

/**
 * Which status may follow which. Inserted is final: the question is in the minutes, and taking it
 * out is an edit of the minutes, not of the queue. Everything else can be undone (a misclick on
 * "Dismiss" must not lose a question).
 */
const NEXT: Record<QuestionStatus, readonly QuestionStatus[]> = {
  open: ['answered', 'dismissed', 'inserted'],
  answered: ['open', 'inserted'],
  dismissed: ['open'],
  inserted: [],
};

export function canMoveQuestion(from: QuestionStatus, to: QuestionStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses a question may be in for a move to `to`: what a compare-and-set write checks. */
export function questionStatusesBefore(to: QuestionStatus): QuestionStatus[] {
  return (Object.keys(NEXT) as QuestionStatus[]).filter((from) => NEXT[from].includes(to));
}
