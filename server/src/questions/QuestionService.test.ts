import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Question } from '@roundtable/shared';
import { SqliteStorage, type SessionRecord } from '../storage/index.js';
import { QuestionService } from './QuestionService.js';

const session = { id: 'sess' } as SessionRecord; // the service reads only the id
const identity = { askerId: 'asker-0123456789abcdef', address: '192.0.2.1', connectionId: 'c1' };

let storage: SqliteStorage | undefined;
afterEach(async () => {
  await storage?.close();
});

function service(minuteTaker: string | null = null) {
  storage = new SqliteStorage(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-questions-')), 'roundtable.sqlite'));
  let now = 1_000_000;
  const questions = new QuestionService(storage, { status: async () => ({ minuteTaker }) }, { now: () => now });
  const heard: [string, Question, string | null][] = [];
  questions.onChange((...change) => heard.push(change));
  return { questions, heard, advance: (ms: number) => void (now += ms) };
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

  it('keeps text well-formed, so SQLite and Redis read back the same', async () => {
    const { questions } = service();
    const ack = await questions.ask(session, 'follower', identity, { name: 'R\uD800', text: 'a\uDC00b \uD83D\uDE42' });
    expect(ack).toMatchObject({ ok: true, question: { name: 'R\uFFFD', text: 'a\uFFFDb \uD83D\uDE42' } });
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
