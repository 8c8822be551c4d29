import { useState, type FormEvent } from 'react';
import { QUESTION_MAX_LENGTH } from '@roundtable/shared';
import type { QuestionConnection } from './QuestionConnection';
import { useQuestions } from './useQuestions';
import { ASKER_STATUS, askedTime } from './questionStatus';

/**
 * A remote participant's way into the room: a short question or comment for the moderator and the
 * minute-taker, sent with the person's name, and what became of the ones they asked.
 */
export function AskQuestion({ connection, name }: { connection: QuestionConnection | null; name: string }) {
  const mine = useQuestions(connection);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!connection || sending) return;
    if (text.trim() === '') {
      setProblem('Write your question first.');
      return;
    }
    setSending(true);
    setProblem(null);
    setSent(false);
    const answer = await connection.ask(name, text);
    setSending(false);
    if (answer.ok) {
      setText('');
      setSent(true);
    } else {
      setProblem(answer.message);
    }
  };

  return (
    <section className="questions panel" aria-label="Ask the room" id="ask">
      <h2>Ask the room</h2>
      <p className="hint">The moderator and the minute-taker see your question with your name, {name}.</p>
      <form className="ask-form" onSubmit={(e) => void submit(e)}>
        <textarea
          aria-label="Your question or comment"
          value={text}
          maxLength={QUESTION_MAX_LENGTH}
          rows={3}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
          }}
        />
        <div className="ask-row">
          <span className="hint" aria-live="polite">
            {text.length}/{QUESTION_MAX_LENGTH}
          </span>
          <button type="submit" className="small" disabled={sending || !connection}>
            {sending ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
      {problem && (
        <p className="error" role="alert" data-testid="ask-error">
          {problem}
        </p>
      )}
      {sent && (
        <p className="saved" role="status">
          Sent. The room will see it.
        </p>
      )}
      {mine.length > 0 && (
        <>
          <h3>Your questions</h3>
          <ol className="question-list">
            {mine.map((q) => (
              <li key={q.id} className="question" data-testid="my-question" data-status={q.status}>
                <p className="prose">{q.text}</p>
                <p className="question-meta">
                  {askedTime(q.askedAt)} · <span className={`question-status status-${q.status}`}>{ASKER_STATUS[q.status]}</span>
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
