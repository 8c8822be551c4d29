import type { Question } from '@roundtable/shared';
import type { StoredQuestion } from '../storage/index.js';

/**
 * A question as its audience gets it, field by field: the asker's id, or a field stored later,
 * never reaches anyone by default.
 */
export function publicQuestion({ id, name, text, askedAt, status, handledAt }: StoredQuestion): Question {
  return { id, name, text, askedAt, status, handledAt };
}
