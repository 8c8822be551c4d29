import { describe, expect, it, vi } from 'vitest';
import type { Question } from '@roundtable/shared';
import type { ControlSocket } from '../control/controlSocket';
import { FakeSocket } from '../control/fakeSocket';
import { QuestionConnection } from './QuestionConnection';

const question = (id: string, overrides: Partial<Question> = {}): Question => ({
  id, name: 'Eve', text: `question ${id}`, askedAt: 1000, status: 'open', handledAt: null, ...overrides,
});

function connect(server?: (event: string, args: unknown[]) => Promise<unknown>) {
  const socket = new FakeSocket(server);
  return { socket, questions: new QuestionConnection(socket as unknown as ControlSocket) };
}

describe('QuestionConnection', () => {
  it('takes the list on connect and every change after it, oldest first', () => {
    const { socket, questions } = connect();
    let heard = 0;
    questions.subscribe(() => heard++);
    socket.fire('questions:list', { sessionId: 's1', questions: [question('b', { askedAt: 2000 })] });
    socket.fire('questions:changed', question('a', { askedAt: 1000 }));
    socket.fire('questions:changed', question('b', { askedAt: 2000, status: 'answered', handledAt: 3000 }));
    expect(questions.getSnapshot().map((q) => [q.id, q.status])).toEqual([['a', 'open'], ['b', 'answered']]);
    expect(heard).toBe(3);
  });

  it('keeps a change that arrived before the list it came after', () => {
    const { socket, questions } = connect();
    socket.fire('questions:changed', question('a', { status: 'answered', handledAt: 5000 }));
    socket.fire('questions:changed', question('c', { askedAt: 3000 }));
    socket.fire('questions:list', { sessionId: 's1', questions: [question('a'), question('b', { askedAt: 2000 })] });
    expect(questions.getSnapshot().map((q) => [q.id, q.status])).toEqual([['a', 'answered'], ['b', 'open'], ['c', 'open']]);
  });

  it('never lets an older copy undo a newer one', () => {
    const { socket, questions } = connect();
    socket.fire('questions:changed', question('a', { status: 'inserted', handledAt: 5000 }));
    socket.fire('questions:changed', question('a', { status: 'answered', handledAt: 4000 }));
    expect(questions.getSnapshot()[0]!.status).toBe('inserted');
  });

  it('asks and marks, showing the answer at once, and refuses while disconnected', async () => {
    const sent: [string, unknown[]][] = [];
    const { socket, questions } = connect(async (event, args) => {
      sent.push([event, args]);
      if (event === 'questions:ask') return { ok: true, question: question('q1') };
      return { ok: true, question: question('q1', { status: 'dismissed', handledAt: 2000 }) };
    });
    expect(await questions.ask('Eve', 'Why?')).toMatchObject({ ok: true });
    expect(questions.getSnapshot().map((q) => q.id)).toEqual(['q1']);
    await questions.mark('q1', 'dismissed');
    expect(questions.getSnapshot()[0]!.status).toBe('dismissed');
    expect(sent).toEqual([['questions:ask', [{ name: 'Eve', text: 'Why?' }]], ['questions:mark', [{ id: 'q1', status: 'dismissed' }]]]);

    socket.connected = false;
    // A question asked while the socket reconnects goes out once it is back...
    const waiting = questions.ask('Eve', 'While reconnecting?');
    socket.connected = true;
    socket.fire('connect');
    expect(await waiting).toMatchObject({ ok: true });
    // ...and is refused when it does not come back in time.
    vi.useFakeTimers();
    try {
      socket.connected = false;
      const refused = questions.ask('Eve', 'Again?');
      await vi.advanceTimersByTimeAsync(5000);
      expect(await refused).toMatchObject({ ok: false, error: 'server-error', message: 'not connected to the server' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a lost answer as a server error', async () => {
    const { questions } = connect(() => Promise.reject(new Error('operation has timed out')));
    expect(await questions.mark('q1', 'answered')).toEqual({ ok: false, error: 'server-error', message: 'the server did not answer' });
  });
});
