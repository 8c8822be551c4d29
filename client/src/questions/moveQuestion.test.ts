import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Question } from '@roundtable/shared';
import type { ControlSocket } from '../control/controlSocket';
import { FakeSocket } from '../control/fakeSocket';
import { QuestionConnection } from './QuestionConnection';
import { questionInMinutes } from './insertQuestion';
import { moveQuestion } from './moveQuestion';

const asked: Question = { id: 'q1', name: 'Eve', text: 'Why?', askedAt: 1000, status: 'open', handledAt: null };
const inserted: Question = { ...asked, status: 'inserted', handledAt: 2000 };
const refused = { ok: false, error: 'invalid-transition', message: 'the question is inserted already' };

/** A queue against a scripted server; `answers` are its answers to marks, in turn (a function throws: a lost answer). */
function queue(...answers: ((socket: FakeSocket) => unknown)[]) {
  const socket: FakeSocket = new FakeSocket(async () => answers.shift()!(socket));
  const connection = new QuestionConnection(socket as unknown as ControlSocket);
  socket.fire('questions:list', { sessionId: 's1', questions: [asked] });
  const doc = new Y.Doc();
  const paragraphs = () => doc.getXmlFragment('minutes').length;
  return { socket, connection, doc, paragraphs };
}

/** The server makes the move and tells everyone, but its answer to us is lost. */
const doneButLost = (socket: FakeSocket) => {
  socket.fire('questions:changed', inserted);
  throw new Error('operation has timed out');
};

describe('moveQuestion', () => {
  it('writes an inserted question into the minutes once the server says yes, and nothing for other moves', async () => {
    const { connection, doc, paragraphs } = queue(
      () => ({ ok: true, question: { ...asked, status: 'answered', handledAt: 1500 } }),
      () => ({ ok: true, question: inserted }),
    );
    expect(await moveQuestion(connection, doc, { question: asked, status: 'answered' })).toEqual({ kind: 'done' });
    expect(paragraphs()).toBe(0);
    expect(await moveQuestion(connection, doc, { question: asked, status: 'inserted' })).toEqual({ kind: 'done' });
    expect(questionInMinutes(doc, asked)).toBe(true);
  });

  it('reports a lost answer, and a retry that finds the question inserted writes it in, once', async () => {
    const { connection, doc, paragraphs } = queue(doneButLost, () => refused, () => refused);
    expect(await moveQuestion(connection, doc, { question: asked, status: 'inserted' })).toEqual({ kind: 'unanswered' });
    expect(connection.getSnapshot()[0]!.status).toBe('inserted');
    expect(paragraphs()).toBe(0); // what the review found: "in the minutes" everywhere, and not in them

    expect(await moveQuestion(connection, doc, { question: asked, status: 'inserted', retry: true })).toEqual({ kind: 'done' });
    expect(questionInMinutes(doc, asked)).toBe(true);
    expect(await moveQuestion(connection, doc, { question: asked, status: 'inserted', retry: true })).toEqual({ kind: 'done' });
    expect(paragraphs()).toBe(1);
  });

  it('leaves an insert the server said no to, first try or retry, to whoever it said yes to', async () => {
    const { connection, doc, paragraphs } = queue(
      (socket) => {
        socket.fire('questions:changed', inserted); // someone else was first
        return refused;
      },
    );
    expect(await moveQuestion(connection, doc, { question: asked, status: 'inserted' })).toEqual({ kind: 'refused', message: refused.message });
    expect(paragraphs()).toBe(0);

    const lostThenDismissed = queue(
      () => {
        throw new Error('operation has timed out'); // lost before the server made the move
      },
      (socket) => {
        socket.fire('questions:changed', { ...asked, status: 'dismissed', handledAt: 3000 });
        return { ...refused, message: 'the question is dismissed' };
      },
    );
    const retry = { question: asked, status: 'inserted', retry: true } as const;
    expect(await moveQuestion(lostThenDismissed.connection, lostThenDismissed.doc, { ...retry, retry: false })).toEqual({ kind: 'unanswered' });
    expect(await moveQuestion(lostThenDismissed.connection, lostThenDismissed.doc, retry)).toEqual({ kind: 'refused', message: 'the question is dismissed' });
    expect(lostThenDismissed.paragraphs()).toBe(0);
  });
});
