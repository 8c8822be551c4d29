import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  MINUTES_NOMINATE_EVENT,
  QUESTION_ASK_EVENT,
  QUESTION_CHANGED_EVENT,
  QUESTION_LIST_EVENT,
  QUESTION_MARK_EVENT,
  type AskAck,
  type ControlAuth,
  type CreatedSession,
  type MarkAck,
  type MinutesRecord,
  type NominateAck,
  type Question,
  type QuestionList,
  type Role,
} from '@roundtable/shared';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import { connectControl, recordEvents, type ControlClient, type EventLog } from './controlClient.js';
import { createSession, eventually, joinDocument, startServer, tempDir, type Client } from './helpers.js';
import { RedisServer } from './redisServer.js';
import { spawnServer, stopProcess, type ServerProcess } from './serverProcess.js';

const controls: ControlClient[] = [];
const documents: Client[] = [];
afterEach(() => {
  for (const c of controls.splice(0)) c.socket.disconnect();
  for (const d of documents.splice(0)) d.destroy();
});

interface QuestionsClient {
  control: ControlClient;
  /** Every `questions:list` (one per connection). */
  lists: EventLog<QuestionList>;
  changes: EventLog<Question>;
  ask(payload: unknown): Promise<AskAck>;
  mark(payload: unknown): Promise<MarkAck>;
  /** The list the server sent on connect. */
  list(): Promise<Question[]>;
}

/** A control connection recording what it is told of questions. */
function connect(url: string, token: string, auth: Omit<ControlAuth, 'token'> = {}): QuestionsClient {
  const control = connectControl(url, token, auth);
  controls.push(control);
  const lists = recordEvents<QuestionList>(control.socket, QUESTION_LIST_EVENT);
  return {
    control,
    lists,
    changes: recordEvents<Question>(control.socket, QUESTION_CHANGED_EVENT),
    ask: (payload) => control.request<AskAck>(QUESTION_ASK_EVENT, payload),
    mark: (payload) => control.request<MarkAck>(QUESTION_MARK_EVENT, payload),
    list: async () => (await lists.waitFor(() => true, { what: 'the question list' })).questions,
  };
}

/** What a browser keeps as its askerId: random, URL-safe. */
const newAskerId = () => randomBytes(16).toString('base64url');

function changeOf(client: QuestionsClient, id: string, status?: Question['status']): Promise<Question> {
  return client.changes.waitFor((q) => q.id === id && (status === undefined || q.status === status), { what: `${id} ${status ?? 'asked'}` });
}

async function asked(client: QuestionsClient, text: string, name = 'Remote Rhea'): Promise<Question> {
  const ack = await client.ask({ name, text });
  if (!ack.ok) throw new Error(`asking failed: ${ack.error} (${ack.message})`);
  return ack.question;
}

/** The order lists come in: by time asked, then by id (questions a test asks within one millisecond). */
function oldestFirst(questions: Question[]): Question[] {
  return [...questions].sort((x, y) => x.askedAt - y.askedAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The `json` export, read with the token of `reader`. */
async function exportJson(url: string, session: CreatedSession, reader: Role = 'moderator'): Promise<MinutesRecord> {
  const res = await fetch(`${url}/api/sessions/${session.id}/minutes.json`, { headers: { authorization: `Bearer ${session.tokens[reader]}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as MinutesRecord;
}

describe('questions from afar', () => {
  let server: RoundtableServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('takes a follower\'s question to the moderator and attendees, and to no other follower', async () => {
    const session = await createSession(server.url);
    const moderator = connect(server.url, session.tokens.moderator);
    const attendee = connect(server.url, session.tokens.attendee);
    const asker = connect(server.url, session.tokens.follower, { askerId: newAskerId() });
    const otherFollower = connect(server.url, session.tokens.follower, { askerId: newAskerId() });
    for (const c of [moderator, attendee, asker, otherFollower]) expect(await c.list()).toEqual([]);

    const before = Date.now();
    const ack = await asker.ask({ name: ' Remote Rhea ', text: '  Why not reuse the v2 grant format?  ' });
    expect(ack).toEqual({ ok: true, question: { id: expect.any(String), name: 'Remote Rhea', text: 'Why not reuse the v2 grant format?', askedAt: expect.any(Number), status: 'open', handledAt: null } });
    if (!ack.ok) return;
    expect(ack.question.askedAt).toBeGreaterThanOrEqual(before);
    for (const c of [moderator, attendee, asker]) expect(await changeOf(c, ack.question.id)).toEqual(ack.question);

    // The other follower hears only of its own question: had it been sent Rhea's, that came first.
    const own = await asked(otherFollower, 'And the ABI?');
    await changeOf(otherFollower, own.id);
    expect(otherFollower.changes.entries).toEqual([own]);
    expect(await changeOf(moderator, own.id)).toEqual(own);
  });

  it('refuses questions from a seat, empty or too long ones, and a third one in a row', async () => {
    const session = await createSession(server.url);
    for (const token of [session.tokens.moderator, session.tokens.attendee]) {
      const ack = await connect(server.url, token).ask({ name: 'Ada', text: 'In the room?' });
      expect(ack).toMatchObject({ ok: false, error: 'forbidden', message: expect.stringMatching(/remote participants/) });
    }
    const follower = connect(server.url, session.tokens.follower, { askerId: newAskerId() });
    const refusals: [unknown, RegExp][] = [
      [{ name: 'Rhea', text: '   ' }, /^text: the question is empty$/],
      [{ name: 'Rhea', text: '\u0007\r\n\u0000\u009B' }, /^text: the question is empty$/],
      [{ name: '\t\n\u0000\u0085', text: 'Why?' }, /^name: a name is needed$/],
      [{ name: 'Rhea', text: 'x'.repeat(501) }, /^text: at most 500 characters$/],
      [{ name: '', text: 'Why?' }, /^name: a name is needed$/],
      [{ name: 'Rhea', text: 'Why?', askerId: 'sneaky' }, /askerId/],
      [null, /./],
    ];
    for (const [payload, message] of refusals) {
      expect(await follower.ask(payload), JSON.stringify(payload)).toEqual({ ok: false, error: 'invalid-command', message: expect.stringMatching(message) });
    }
    // Refused commands took nothing from the allowance: two go through, the third waits.
    await asked(follower, 'x'.repeat(500));
    await asked(follower, 'Second?');
    const third = await follower.ask({ name: 'Rhea', text: 'Third?' });
    expect(third).toMatchObject({ ok: false, error: 'rate-limited', message: expect.stringMatching(/^You can ask again in \d+ s\.$/) });
    if (third.ok) return;
    expect(third.retryAfterMs).toBeGreaterThan(25_000);
    expect(third.retryAfterMs).toBeLessThanOrEqual(30_000);
    // A follower without an askerId is limited per connection: a new one may ask.
    await asked(connect(server.url, session.tokens.follower), 'From another tab?');
  });

  it('lets the moderator answer, dismiss and reopen, telling the asker; refuses what makes no sense', async () => {
    const session = await createSession(server.url);
    const moderator = connect(server.url, session.tokens.moderator);
    const asker = connect(server.url, session.tokens.follower, { askerId: newAskerId() });
    const question = await asked(asker, 'Is v3 backwards compatible?');

    const answered = await moderator.mark({ id: question.id, status: 'answered' });
    expect(answered).toEqual({ ok: true, question: { ...question, status: 'answered', handledAt: expect.any(Number) } });
    expect(await changeOf(asker, question.id, 'answered')).toEqual((answered as { question: Question }).question);
    expect(await moderator.mark({ id: question.id, status: 'answered' })).toMatchObject({ ok: false, error: 'invalid-transition', message: 'The question is answered already.' });
    expect(await moderator.mark({ id: question.id, status: 'open' })).toMatchObject({ ok: true, question: { status: 'open' } });
    expect(await moderator.mark({ id: question.id, status: 'dismissed' })).toMatchObject({ ok: true, question: { status: 'dismissed' } });
    expect(await moderator.mark({ id: question.id, status: 'inserted' })).toMatchObject({ ok: false, error: 'invalid-transition', message: expect.stringMatching(/reopen it first/) });
    expect(await moderator.mark({ id: question.id, status: 'open' })).toMatchObject({ ok: true, question: { status: 'open' } });
    await changeOf(asker, question.id, 'dismissed');
    await changeOf(asker, question.id, 'open');

    expect(await moderator.mark({ id: 'no-such-question', status: 'answered' })).toMatchObject({ ok: false, error: 'not-found' });
    expect(await moderator.mark({ id: question.id, status: 'done' })).toMatchObject({ ok: false, error: 'invalid-command', message: expect.stringMatching(/^status: /) });
    expect(await asker.mark({ id: question.id, status: 'answered' })).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('lets the minute-taker mark questions, recognised by the name it joined with, and no other attendee', async () => {
    const session = await createSession(server.url);
    await joinDocument(server.url, session.id, session.tokens.attendee, 'Chloé Taker', 'attendee', documents);
    await eventually(async () => (await exportJson(server.url, session)).attendees.some((p) => p.name === 'Chloé Taker'));
    const moderator = connect(server.url, session.tokens.moderator);
    const chloe = connect(server.url, session.tokens.attendee, { name: '  Chloé Taker ' });
    const bob = connect(server.url, session.tokens.attendee, { name: 'Bob' });
    const nameless = connect(server.url, session.tokens.attendee, { name: 'x'.repeat(201) }); // ignored, not refused
    const question = await asked(connect(server.url, session.tokens.follower), 'Who writes the spec?');
    await Promise.all([chloe, bob, nameless].map((c) => c.list()));

    const mark = { id: question.id, status: 'answered' };
    expect(await chloe.mark(mark)).toMatchObject({ ok: false, error: 'forbidden', message: expect.stringMatching(/minute-taker/) });
    expect(await moderator.control.request<NominateAck>(MINUTES_NOMINATE_EVENT, { name: 'Chloé Taker' })).toMatchObject({ ok: true });
    expect(await chloe.mark(mark)).toMatchObject({ ok: true, question: { status: 'answered' } });
    expect(await bob.mark({ id: question.id, status: 'open' })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await nameless.mark({ id: question.id, status: 'open' })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await changeOf(moderator, question.id, 'answered')).toMatchObject({ status: 'answered' });
  });

  it('inserts a question into the minutes once, whoever clicks at the same moment', async () => {
    const session = await createSession(server.url);
    const [first, second] = [connect(server.url, session.tokens.moderator), connect(server.url, session.tokens.moderator)];
    const question = await asked(connect(server.url, session.tokens.follower), 'Can it land in 4.20?');
    const acks = await Promise.all([first, second].map((c) => c.mark({ id: question.id, status: 'inserted' })));
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.filter((a) => !a.ok)).toEqual([{ ok: false, error: 'invalid-transition', message: 'The question is inserted already.' }]);
    expect(await first.mark({ id: question.id, status: 'open' })).toMatchObject({ ok: false, error: 'invalid-transition', message: expect.stringMatching(/in the minutes/) });
    await changeOf(second, question.id, 'inserted');
    expect(first.changes.entries.filter((q) => q.status === 'inserted')).toHaveLength(1);
  });

  it('shows a returning asker its own questions, with their news, and nobody else\'s', async () => {
    const session = await createSession(server.url);
    const askerId = newAskerId();
    const moderator = connect(server.url, session.tokens.moderator);
    const tab = connect(server.url, session.tokens.follower, { askerId });
    const mine = [await asked(tab, 'First?'), await asked(tab, 'Second?')];
    const theirs = await asked(connect(server.url, session.tokens.follower, { askerId: newAskerId() }), 'Someone else\'s');
    await moderator.mark({ id: mine[0]!.id, status: 'answered' });
    tab.control.socket.disconnect();

    const reloaded = connect(server.url, session.tokens.follower, { askerId });
    const list = await reloaded.list();
    expect(list).toEqual(oldestFirst([{ ...mine[0]!, status: 'answered', handledAt: expect.any(Number) }, mine[1]!]));
    expect(list.every((q) => !('askerId' in q))).toBe(true);
    const dismissed = await moderator.mark({ id: mine[1]!.id, status: 'dismissed' });
    expect(await changeOf(reloaded, mine[1]!.id, 'dismissed')).toEqual((dismissed as { question: Question }).question);

    expect(await connect(server.url, session.tokens.follower, { askerId: newAskerId() }).list()).toEqual([]);
    expect(await connect(server.url, session.tokens.follower, { askerId: 'too-short' }).list()).toEqual([]); // ignored: no askerId
    const everything = await connect(server.url, session.tokens.attendee).list();
    expect(everything.map((q) => q.id)).toEqual(oldestFirst([...mine, theirs]).map((q) => q.id));
  });

  it('stores names on one line and texts without control characters', async () => {
    const session = await createSession(server.url);
    const follower = connect(server.url, session.tokens.follower, { askerId: newAskerId() });
    const ack = await follower.ask({ name: ' Remote\t\tRhea\r\n\u0007(Berlin) ', text: 'Line one\r\nline\ttwo\u0000\u001B[2J\u009B end' });
    expect(ack).toMatchObject({ ok: true, question: { name: 'Remote Rhea (Berlin)', text: 'Line one\nline\ttwo[2J end' } });
    expect((await connect(server.url, session.tokens.moderator).list()).map(({ name, text }) => ({ name, text }))).toEqual([
      { name: 'Remote Rhea (Berlin)', text: 'Line one\nline\ttwo[2J end' },
    ]);
  });

  it('closes asking once the session has ended, and still lets the moderator insert a question', async () => {
    const session = await createSession(server.url);
    const moderator = connect(server.url, session.tokens.moderator);
    const follower = connect(server.url, session.tokens.follower, { askerId: newAskerId() });
    const question = await asked(follower, 'Before the end?');
    expect(await moderator.control.command({ action: 'start' })).toMatchObject({ ok: true });
    expect(await moderator.control.command({ action: 'end' })).toMatchObject({ ok: true, state: { phase: 'ended' } });
    expect(await follower.ask({ name: 'Rhea', text: 'After the end?' })).toEqual({
      ok: false,
      error: 'forbidden',
      message: 'The session has ended; questions are closed.',
    });
    expect(await moderator.mark({ id: question.id, status: 'inserted' })).toMatchObject({ ok: true, question: { status: 'inserted' } });
    expect((await exportJson(server.url, session)).questions).toEqual([{ ...question, status: 'inserted', handledAt: expect.any(Number) }]);
  });

  it('puts the questions into the JSON export only, without the askers\' ids; a follower\'s export only those in the minutes', async () => {
    const session = await createSession(server.url);
    const askerId = newAskerId();
    const follower = connect(server.url, session.tokens.follower, { askerId });
    const first = await asked(follower, 'What about <b>ARM</b>?');
    const second = await asked(follower, 'And RISC-V?');
    const third = await asked(connect(server.url, session.tokens.follower, { askerId: newAskerId() }), 'Not for the public?');
    const moderator = connect(server.url, session.tokens.moderator);
    const inserted = await moderator.mark({ id: first.id, status: 'inserted' });
    if (!inserted.ok) throw new Error(inserted.message);
    await moderator.mark({ id: third.id, status: 'dismissed' });
    const all = oldestFirst([inserted.question, second, { ...third, status: 'dismissed', handledAt: expect.any(Number) }]);
    for (const reader of ['moderator', 'attendee'] as const) {
      const record = await exportJson(server.url, session, reader);
      expect(record.questions, reader).toEqual(all);
      expect(JSON.stringify(record)).not.toContain(askerId);
    }
    // The follower link is public: what was asked and not taken into the minutes stays in the room.
    const publicRecord = await exportJson(server.url, session, 'follower');
    expect(publicRecord.questions).toEqual([inserted.question]);
    expect(JSON.stringify(publicRecord)).not.toContain('RISC-V');
    expect(JSON.stringify(publicRecord)).not.toContain('Not for the public');
    for (const format of ['md', 'txt', 'html']) {
      const res = await fetch(`${server.url}/api/sessions/${session.id}/minutes.${format}`, { headers: { authorization: `Bearer ${session.tokens.follower}` } });
      expect(await res.text(), format).not.toContain('RISC-V');
    }
  });
});

describe('the question queue across a restart', () => {
  const dataDir = tempDir();
  const servers: RoundtableServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is kept in the SQLite file', async () => {
    const first = await startServer({ dataDir });
    servers.push(first);
    const session = await createSession(first.url);
    const question = await asked(connect(first.url, session.tokens.follower), 'Still there after a restart?');
    await connect(first.url, session.tokens.moderator).mark({ id: question.id, status: 'answered' });
    await first.stop();

    const second = await startServer({ dataDir });
    servers.push(second);
    const [kept] = await connect(second.url, session.tokens.moderator).list();
    expect(kept).toEqual({ ...question, status: 'answered', handledAt: expect.any(Number) });
    expect((await exportJson(second.url, session)).questions).toEqual([kept]);
  });
});

describe('questions across two processes on one Redis', () => {
  let redis: RedisServer | undefined;
  const processes: ServerProcess[] = [];
  const dataDir = tempDir();
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    for (const p of processes) await stopProcess(p);
    await redis?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries a question to the moderator on the other process, and lets one of two concurrent inserts win', async () => {
    if (!redis) throw new Error('redis-server did not start');
    for (let i = 0; i < 2; i++) processes.push(await spawnServer({ DATA_DIR: dataDir, REDIS_URL: redis.url }));
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const session = await createSession(a.url);
    const asker = connect(a.url, session.tokens.follower, { askerId: newAskerId() });
    const moderatorOnA = connect(a.url, session.tokens.moderator);
    const moderatorOnB = connect(b.url, session.tokens.moderator);
    await Promise.all([asker, moderatorOnA, moderatorOnB].map((c) => c.list()));

    const question = await asked(asker, 'Does this reach the other process?');
    expect(await changeOf(moderatorOnB, question.id)).toEqual(question);

    const acks = await Promise.all([moderatorOnA, moderatorOnB].map((c) => c.mark({ id: question.id, status: 'inserted' })));
    expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
    expect(acks.filter((ack) => !ack.ok)).toMatchObject([{ error: 'invalid-transition' }]);
    for (const c of [moderatorOnA, moderatorOnB, asker]) await changeOf(c, question.id, 'inserted');
    expect((await exportJson(b.url, session)).questions).toMatchObject([{ id: question.id, status: 'inserted' }]);
  }, 45_000);
});
