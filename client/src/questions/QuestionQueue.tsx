import { useState } from 'react';
import type { Question, QuestionStatus } from '@roundtable/shared';
import type { QuestionConnection } from './QuestionConnection';
import { useQuestions } from './useQuestions';
import { QUEUE_STATUS, askedTime } from './questionStatus';

interface QuestionQueueProps {
  connection: QuestionConnection | null;
  /** Writes a question into the minutes; null while the document is not open. */
  insert: ((question: Question) => void) | null;
}

/**
 * The moderator's and the minute-taker's queue of questions from afar: open ones first, oldest
 * first; each can be answered, dismissed or put into the minutes with one click. Handled ones stay
 * below, folded, and can be reopened (inserted ones are in the minutes, and stay there).
 */
export function QuestionQueue({ connection, insert }: QuestionQueueProps) {
  const questions = useQuestions(connection);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = questions.filter((q) => q.status === 'open');
  const handled = questions.filter((q) => q.status !== 'open');

  const move = async (question: Question, status: QuestionStatus) => {
    if (!connection) return;
    setBusy(question.id);
    setProblem(null);
    // The server's yes comes first: of two people clicking "insert" at once, only one writes it.
    const answer = await connection.mark(question.id, status);
    setBusy(null);
    if (!answer.ok) return setProblem(answer.message);
    if (status === 'inserted') insert?.(answer.question);
  };

  const card = (q: Question) => (
    <li key={q.id} className="question" data-testid="queued-question" data-status={q.status}>
      <p className="question-meta">
        <strong>{q.name}</strong> · {askedTime(q.askedAt)}
        {q.status !== 'open' && <> · <span className={`question-status status-${q.status}`}>{QUEUE_STATUS[q.status]}</span></>}
      </p>
      <p className="prose">{q.text}</p>
      <div className="question-actions">
        {(q.status === 'open' || q.status === 'answered') && (
          <button type="button" className="tool" disabled={busy === q.id || !insert} onClick={() => void move(q, 'inserted')}>
            Insert into minutes
          </button>
        )}
        {q.status === 'open' && (
          <>
            <button type="button" className="tool" disabled={busy === q.id} onClick={() => void move(q, 'answered')}>
              Answered
            </button>
            <button type="button" className="tool" disabled={busy === q.id} onClick={() => void move(q, 'dismissed')}>
              Dismiss
            </button>
          </>
        )}
        {(q.status === 'answered' || q.status === 'dismissed') && (
          <button type="button" className="tool" disabled={busy === q.id} onClick={() => void move(q, 'open')}>
            Reopen
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
          {problem}
        </p>
      )}
      {open.length === 0 ? (
        <p className="hint">No open questions. Remote participants ask from their page.</p>
      ) : (
        <ol className="question-list">{open.map(card)}</ol>
      )}
      {handled.length > 0 && (
        <details className="handled-questions">
          <summary>Handled ({handled.length})</summary>
          <ol className="question-list">{handled.map(card)}</ol>
        </details>
      )}
    </section>
  );
}
