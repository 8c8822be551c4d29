import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QUESTIONS_OPEN_MAX, QUESTIONS_OPEN_PER_ASKER_MAX, type Question, type TimerPhase } from '@roundtable/shared';
import { SqliteStorage, type SessionRecord } from '../storage/index.js';
import { AskLimiter, ASK_LIMITS } from './askLimiter.js';
import { QuestionService } from './QuestionService.js';

const session = { id: 'sess' } as SessionRecord; // the service reads only the id
const identity = { askerId: 'asker-0123456789abcdef', address: '192.0.2.1', connectionId: 'c1' };

let storage: SqliteStorage | undefined;
afterEach(async () => {
  await storage?.close();
});

/** Limits that never hold anyone back: for tests of the queue's own bounds. */
const UNLIMITED = { ...ASK_LIMITS, perAsker: { burst: 10_000, refillMs: 1 }, perAddress: { burst: 10_000, refillMs: 1 } };

function service(minuteTaker: string | null = null, options: { unlimited?: boolean } = {}) {
  storage = new SqliteStorage(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-questions-')), 'roundtable.sqlite'));
  let now = 1_000_000;
  const timer = { phase: 'discussion' as TimerPhase };
  const limiter = options.unlimited ? new AskLimiter(() => now, UNLIMITED) : undefined;
  const questions = new QuestionService(
    storage,
    { status: async () => ({ minuteTaker }) },
    { state: async () => ({ phase: timer.phase }) },
    { now: () => now, ...(limiter && { limiter }) },
  );
  const heard: [string, Question, string | null][] = [];
  questions.onChange((...change) => heard.push(change));
  return { questions, heard, timer, advance: (ms: number) => void (now += ms) };
}

describe('QuestionService', () => {
  it('stores a question, tells listeners with the asker apart, and shows the asker only its own', async () => {
    const { questions, heard } = service();
    const ack = await questions.ask(session, 'follower', identity, { name: 'Rhea', text: 'Why?' });
    expect(ack).toEqual({ ok: true, question: { id: expect.stringMatching(/^[\w-]{16}$/), name: 'Rhea', text: 'Why?', askedAt: 1_000_000, status: 'open', handledAt: null } });
    if (!ack.ok) return;
    expect(heard).toEqual([['sess', ack.question, identity.askerId]]);
    expect(await questions.list('sess', 'follower', identity.askerId)).toEqual([ack.question]);
    expect(await questions.list('sess', 'follower', 'another-asker-0123456')).toEqual([]);
    expect(await questions.list('sess', 'follower', undefined)).toEqual([]);
    expect(await questions.list('sess', 'attendee', undefined)).toEqual([ack.question]);
  });

  it('says in whole seconds when asking works again', async () => {
    const { questions, advance } = service();
    const ask = () => questions.ask(session, 'follower', identity, { name: 'Rhea', text: 'Again?' });
    await ask();
    await ask();
    advance(4_500);
    expect(await ask()).toEqual({ ok: false, error: 'rate-limited', message: 'You can ask again in 26 s.', retryAfterMs: 25_500 });
  });

  it('lets one asker have 10 questions waiting, and more once some are taken up', async () => {
    const { questions } = service(null, { unlimited: true });
    const ask = (who: Partial<typeof identity>) => questions.ask(session, 'follower', { ...identity, ...who }, { name: 'Rhea', text: 'Why?' });
    const waiting = [];
    for (let i = 0; i < QUESTIONS_OPEN_PER_ASKER_MAX; i++) waiting.push(await ask({}));
    expect(await ask({})).toEqual({
      ok: false,
      error: 'queue-full',
      message: 'You have 10 questions waiting; you can ask more once the moderator has taken some up.',
    });
    // Another address or connection is the same asker: the askerId names it.
    expect(await ask({ address: '198.51.100.1', connectionId: 'c2' })).toMatchObject({ ok: false, error: 'queue-full' });
    const first = waiting[0]!;
    if (!first.ok) throw new Error(first.message);
    await questions.mark(session, 'moderator', undefined, { id: first.question.id, status: 'answered' });
    expect(await ask({})).toMatchObject({ ok: true });
    // Without an askerId, each connection is an asker of its own.
    for (let i = 0; i < QUESTIONS_OPEN_PER_ASKER_MAX; i++) expect(await ask({ askerId: undefined, connectionId: 'tab' })).toMatchObject({ ok: true });
    expect(await ask({ askerId: undefined, connectionId: 'tab' })).toMatchObject({ ok: false, error: 'queue-full' });
    expect(await ask({ askerId: undefined, connectionId: 'other-tab' })).toMatchObject({ ok: true });
  });

  it('holds at most 50 open questions, however many askers there are, and frees a place for each taken up', async () => {
    const { questions } = service(null, { unlimited: true });
    const ask = (asker: number) =>
      questions.ask(session, 'follower', { ...identity, askerId: `rotating-asker-${String(asker).padStart(4, '0')}` }, { name: 'Rhea', text: 'Why?' });
    const asked = [];
    for (let i = 0; i < QUESTIONS_OPEN_MAX; i++) asked.push(await ask(i));
    expect(asked.every((ack) => ack.ok)).toBe(true);
    expect(await ask(QUESTIONS_OPEN_MAX)).toEqual({
      ok: false,
      error: 'queue-full',
      message: "The moderator's queue is full (50 questions waiting); try again later.",
    });
    const first = asked[0]!;
    if (!first.ok) throw new Error(first.message);
    await questions.mark(session, 'moderator', undefined, { id: first.question.id, status: 'dismissed' });
    expect(await ask(QUESTIONS_OPEN_MAX)).toMatchObject({ ok: true });
    expect(await ask(QUESTIONS_OPEN_MAX + 1)).toMatchObject({ ok: false, error: 'queue-full' });
    // Reopening is the moderator's choice: it may take the queue past the bound.
    expect(await questions.mark(session, 'moderator', undefined, { id: first.question.id, status: 'open' })).toMatchObject({ ok: true });
  });

  it('closes asking once the session has ended, taking nothing from the allowance, and still lets questions be marked', async () => {
    const { questions, timer } = service();
    const ask = () => questions.ask(session, 'follower', identity, { name: 'Rhea', text: 'Why?' });
    const before = await ask();
    if (!before.ok) throw new Error(before.message);
    timer.phase = 'ended';
    expect(await ask()).toEqual({ ok: false, error: 'forbidden', message: 'The session has ended; questions are closed.' });
    expect(await questions.mark(session, 'moderator', undefined, { id: before.question.id, status: 'inserted' })).toMatchObject({ ok: true });
    timer.phase = 'discussion'; // not a real move of the timer: it shows the refusal took no token
    expect(await ask()).toMatchObject({ ok: true });
  });

  it('lets the minute-taker mark only under the very name nominated', async () => {
    const { questions } = service('Chloé');
    const ack = await questions.ask(session, 'follower', identity, { name: 'Rhea', text: 'Why?' });
    if (!ack.ok) throw new Error(ack.message);
    const mark = { id: ack.question.id, status: 'answered' as const };
    expect(await questions.mark(session, 'attendee', 'Chloe', mark)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await questions.mark(session, 'attendee', undefined, mark)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await questions.mark(session, 'follower', 'Chloé', mark)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await questions.mark(session, 'attendee', 'Chloé', mark)).toMatchObject({ ok: true, question: { status: 'answered', handledAt: 1_000_000 } });
  });
});
