import type { Question, Role } from '@roundtable/shared';
import type { StoredQuestion } from '../storage/index.js';
import { publicQuestion } from './publicQuestion.js';

/**
 * The questions a minutes export shows its reader. The moderator and attendees see the whole
 * queue, as they do live. A follower's link is public (handed out, posted), so it shows only the
 * questions inserted into the minutes, which the minutes show anyway: what a remote participant
 * asked and nobody took up stays between them and the room.
 */
export function exportedQuestions(stored: StoredQuestion[], reader: Role): Question[] {
  const shown = reader === 'follower' ? stored.filter((question) => question.status === 'inserted') : stored;
  return shown.map(publicQuestion);
}
