// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Profiler, act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import * as Y from 'yjs';
import type { Question } from '@roundtable/shared';
import type { ControlSocket } from '../control/controlSocket';
import { FakeSocket } from '../control/fakeSocket';
import { QuestionConnection } from './QuestionConnection';
import { QuestionQueue } from './QuestionQueue';
import { insertQuestion, questionInMinutes } from './insertQuestion';
import { MISSING_GRACE_MS } from './useMissingFromMinutes';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const asked: Question = { id: 'q1', name: 'Eve', text: 'Why?', askedAt: 1000, status: 'open', handledAt: null };
const inserted: Question = { ...asked, status: 'inserted', handledAt: 2000 };

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

function render(questions: Question[], { synced = true, server = async (): Promise<unknown> => undefined } = {}) {
  vi.useFakeTimers();
  const marks: unknown[] = [];
  const socket = new FakeSocket((_event, args) => {
    marks.push(args[0]);
    return server();
  });
  const connection = new QuestionConnection(socket as unknown as ControlSocket);
  socket.fire('questions:list', { sessionId: 's1', questions });
  const doc = new Y.Doc();
  let renders = 0;
  document.body.innerHTML = '<div id="host"></div>';
  root = createRoot(document.getElementById('host')!);
  const queue = createElement(QuestionQueue, { connection, doc, synced });
  act(() => root!.render(createElement(Profiler, { id: 'queue', onRender: () => renders++ }, queue)));
  return { socket, doc, marks, renders: () => renders };
}

const button = (label: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === label) ?? null;
const alert = () => document.querySelector('[role="alert"]')?.textContent ?? null;
const wait = (ms: number) => act(() => void vi.advanceTimersByTime(ms));

describe('QuestionQueue', () => {
  it('offers to write in a question marked inserted that is not in the minutes, and only writes it', async () => {
    const { doc, marks } = render([inserted]);
    await wait(MISSING_GRACE_MS - 100);
    expect(button('Not in the minutes — insert it')).toBeNull(); // the paragraph may be on its way
    await wait(100);
    await act(async () => button('Not in the minutes — insert it')!.click());
    expect(questionInMinutes(doc, inserted)).toBe(true);
    expect(marks).toEqual([]);
    expect(button('Not in the minutes — insert it')).toBeNull();
    expect(document.querySelector('.question-status')?.textContent).toBe('in the minutes');

    // Someone takes it out of the minutes again: offered again.
    act(() => doc.getXmlFragment('minutes').delete(0));
    expect(button('Not in the minutes — insert it')).not.toBeNull();
  });

  it('says nothing while the paragraph arrives in time, or before the document has synced', async () => {
    const arriving = render([inserted]);
    await wait(500);
    act(() => insertQuestion(arriving.doc, inserted));
    await wait(MISSING_GRACE_MS);
    expect(button('Not in the minutes — insert it')).toBeNull();
    act(() => root!.unmount());

    render([inserted], { synced: false });
    await wait(MISSING_GRACE_MS * 2);
    expect(button('Not in the minutes — insert it')).toBeNull();
  });

  it('renders again on a change of the minutes only when what it shows changes', async () => {
    const { doc, renders } = render([inserted, { ...asked, id: 'q2', text: 'How?' }]);
    await wait(MISSING_GRACE_MS);
    const before = renders();
    const other = new Y.XmlElement('paragraph');
    act(() => doc.getXmlFragment('minutes').insert(0, [other]));
    for (const letter of 'typing away') act(() => other.insert(other.length, [new Y.XmlText(letter)]));
    expect(renders()).toBe(before);
    act(() => insertQuestion(doc, inserted));
    expect(renders()).toBe(before + 1);
  });

  it('says when the server did not answer, and a retry that finds the question inserted writes it in', async () => {
    const answers: (() => unknown)[] = [
      () => {
        socket.fire('questions:changed', inserted); // the server did it; only the answer got lost
        throw new Error('operation has timed out');
      },
      () => ({ ok: false, error: 'invalid-transition', message: 'the question is inserted already' }),
    ];
    const { socket, doc, marks } = render([asked], { server: async () => answers.shift()!() });
    await act(async () => button('Insert into minutes')!.click());
    expect(alert()).toContain('The server did not answer');
    expect(questionInMinutes(doc, asked)).toBe(false);

    await act(async () => button('Try again')!.click());
    expect(marks).toEqual([{ id: 'q1', status: 'inserted' }, { id: 'q1', status: 'inserted' }]);
    expect(questionInMinutes(doc, asked)).toBe(true);
    expect(alert()).toBeNull();
  });
});
