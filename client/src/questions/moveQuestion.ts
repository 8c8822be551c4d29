import type * as Y from 'yjs';
import type { Question, QuestionStatus } from '@roundtable/shared';
import { isLostAnswer, type QuestionConnection } from './QuestionConnection';
import { insertQuestion } from './insertQuestion';

/** What came of a move in the queue. */
export type MoveOutcome =
  | { kind: 'done' }
  | { kind: 'refused'; message: string }
  /** The server did not answer in time: it may have made the move or not. Worth a retry. */
  | { kind: 'unanswered' };

export interface Move {
  question: Question;
  status: QuestionStatus;
  /** A second try after an unanswered one. */
  retry?: boolean;
}

/**
 * Moves a question through the queue; "insert" also writes it into the minutes. The server's yes
 * comes first: of two people clicking "insert" at once, only one writes it. A retry may meet its
 * own first try, which the server made after all (only the answer was lost): the move is refused
 * as a move to the status the question has, and that is as good as done. An inserted question is
 * then written in (insertQuestion writes nothing when the minutes have it).
 */
export async function moveQuestion(connection: QuestionConnection, doc: Y.Doc | null, { question, status, retry = false }: Move): Promise<MoveOutcome> {
  const answer = await connection.mark(question.id, status);
  if (answer.ok) {
    if (status === 'inserted' && doc) insertQuestion(doc, answer.question);
    return { kind: 'done' };
  }
  if (isLostAnswer(answer)) return { kind: 'unanswered' };
  const known = connection.getSnapshot().find((q) => q.id === question.id);
  if (retry && answer.error === 'invalid-transition' && known?.status === status) {
    if (status === 'inserted' && doc) insertQuestion(doc, known);
    return { kind: 'done' };
  }
  return { kind: 'refused', message: answer.message };
}
