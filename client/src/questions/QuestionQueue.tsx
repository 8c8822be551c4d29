import { useState } from 'react';
import type * as Y from 'yjs';
import type { Question, QuestionStatus } from '@roundtable/shared';
import type { QuestionConnection } from './QuestionConnection';
import { insertQuestion } from './insertQuestion';
import { moveQuestion, type Move } from './moveQuestion';
import { useMissingFromMinutes } from './useMissingFromMinutes';
import { useQuestions } from './useQuestions';
import { QUEUE_STATUS, askedTime } from './questionStatus';

interface QuestionQueueProps {
  connection: QuestionConnection | null;
  /** The session's document, which holds the minutes; null while it is not open. */
  doc: Y.Doc | null;
  /** Whether `doc` has what the server has: only then can a question be missing from the minutes. */
  synced: boolean;
}

/** A refused move, or one the server did not answer (then with the move to try again). */
interface Problem {
  message: string;
  retry?: Move;
}

const UNANSWERED = 'The server did not answer, so this may not have been done.';

/**
 * The moderator's and the minute-taker's queue of questions from afar: open ones first, oldest
 * first; each can be answered, dismissed or put into the minutes with one click. Handled ones stay
 * below, folded, and can be reopened (inserted ones are in the minutes, and stay there). One marked
 * inserted that is not in the minutes (whoever inserted it lost the answer or closed the tab first)
 * stays unfolded, with a button that writes it in.
 */
export function QuestionQueue({ connection, doc, synced }: QuestionQueueProps) {
  const questions = useQuestions(connection);
  const missing = useMissingFromMinutes(synced ? doc : null, questions);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const open = questions.filter((q) => q.status === 'open');
  const stranded = questions.filter((q) => missing.has(q.id));
  const handled = questions.filter((q) => q.status !== 'open' && !missing.has(q.id));

  const move = async (request: Move) => {
    if (!connection) return;
    setBusy(request.question.id);
    setProblem(null);
    const outcome = await moveQuestion(connection, doc, request);
    setBusy(null);
    if (outcome.kind === 'refused') setProblem({ message: outcome.message });
    if (outcome.kind === 'unanswered') setProblem({ message: UNANSWERED, retry: { ...request, retry: true } });
  };
  const moveButton = (question: Question, status: QuestionStatus, label: string) => (
    <button
      type="button"
      className="tool"
      disabled={busy === question.id || (status === 'inserted' && !doc)}
      onClick={() => void move({ question, status })}
    >
      {label}
    </button>
  );

  const card = (q: Question) => (
    <li key={q.id} className="question" data-testid="queued-question" data-status={q.status}>
      <p className="question-meta">
        <strong>{q.name}</strong> · {askedTime(q.askedAt)}
        {q.status !== 'open' && !missing.has(q.id) && (
          <> · <span className={`question-status status-${q.status}`}>{QUEUE_STATUS[q.status]}</span></>
        )}
      </p>
      <p className="prose">{q.text}</p>
      <div className="question-actions">
        {(q.status === 'open' || q.status === 'answered') && moveButton(q, 'inserted', 'Insert into minutes')}
        {q.status === 'open' && (
          <>
            {moveButton(q, 'answered', 'Answered')}
            {moveButton(q, 'dismissed', 'Dismiss')}
          </>
        )}
        {(q.status === 'answered' || q.status === 'dismissed') && moveButton(q, 'open', 'Reopen')}
        {missing.has(q.id) && doc && (
          // Only the writing: the server has it as inserted already.
          <button type="button" className="tool" onClick={() => insertQuestion(doc, q)}>
            Not in the minutes — insert it
          </button>
        )}
      </div>
    </li>
  );

  return (
    <section className="questions panel" aria-label="Questions from afar">
      <h2>
        Questions from afar <span data-testid="open-questions">({open.length})</span>
      </h2>
      {problem && (
        <p className="error" role="alert">
          {problem.message}{' '}
          {problem.retry && (
            <button type="button" className="tool" disabled={busy !== null} onClick={() => void move(problem.retry!)}>
              Try again
            </button>
          )}
        </p>
      )}
      {open.length === 0 ? (
        <p className="hint">No open questions. Remote participants ask from their page.</p>
      ) : (
        <ol className="question-list">{open.map(card)}</ol>
      )}
      {stranded.length > 0 && <ol className="question-list">{stranded.map(card)}</ol>}
      {handled.length > 0 && (
        <details className="handled-questions">
          <summary>Handled ({handled.length})</summary>
          <ol className="question-list">{handled.map(card)}</ol>
        </details>
      )}
    </section>
  );
}
