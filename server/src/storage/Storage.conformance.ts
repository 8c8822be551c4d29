import { afterEach, describe, expect, it } from 'vitest';
import { applyCommand, initialTimer, type TimerRecord } from '@roundtable/shared';
import type { EventRecord, ProposalRecord, QuestionQuota, SessionRecord, Storage, StoredQuestion } from './Storage.js';

export interface ConformanceTarget {
  /** Opens a fresh, empty storage. */
  open(): Promise<Storage>;
  /** Opens a second handle on the same data as `storage` (a restart, or another process). */
  reopen(storage: Storage): Promise<Storage>;
}

const bytes = (...values: number[]) => new Uint8Array(values);

function sessionRecord(id: string): SessionRecord {
  return {
    id,
    title: `Session ${id}`,
    durationMinutes: 50,
    presentationCapMs: 750_000,
    capacity: 30,
    preparation: [{ url: 'https://example.org/a' }],
    createdAt: '2026-11-25T10:00:00.000Z',
    tokens: { moderator: `${id}-m`, attendee: `${id}-a`, follower: `${id}-f` },
  };
}

function eventRecord(id: string): EventRecord {
  return {
    id,
    name: `Summit ${id}`,
    timezone: 'Europe/Berlin',
    startsAt: '2026-12-01T08:00:00.000Z',
    endsAt: '2026-12-02T17:00:00.000Z',
    mailingList: 'summit@example.org',
    suggestedTopics: ['scheduling'],
    rooms: [{ id: 'r1', name: 'Room 1', capacity: 30, projector: true }],
    createdAt: '2026-11-25T10:00:00.000Z',
    organizerToken: `${id}-o`,
  };
}

function proposalRecord(id: string, eventId: string, createdAt: string): ProposalRecord {
  return {
    id,
    eventId,
    status: 'submitted',
    title: `Proposal ${id}`,
    problem: 'A problem',
    contribute: 'Bring ideas',
    preparation: [{ url: 'https://example.org/p' }],
    proposer: { name: 'Ada', email: 'ada@example.org' },
    durationMinutes: 50,
    topics: [],
    createdAt,
    updatedAt: createdAt,
    editToken: `${id}-e`,
  };
}

function storedQuestion(id: string, askedAt: number, overrides: Partial<StoredQuestion> = {}): StoredQuestion {
  return { id, name: 'Remote Rhea', text: `Question ${id}?`, askedAt, status: 'open', handledAt: null, askerId: `asker-of-${id}-0123456789`, ...overrides };
}

/** Room for `perSession` questions, all of them open and from one asker unless told otherwise. */
function quota(perSession: number, overrides: Partial<QuestionQuota> = {}): QuestionQuota {
  return { perSession, openPerSession: perSession, asker: 'asker:rhea', openPerAsker: perSession, ...overrides };
}

/**
 * The behaviour every Storage implementation must show. Each implementation's test file calls
 * this with its own target, so SQLite and Redis are held to exactly the same promises.
 */
export function describeStorageConformance(name: string, target: ConformanceTarget): void {
  describe(`${name} storage conformance`, () => {
    const opened: Storage[] = [];
    const open = async () => {
      const storage = await target.open();
      opened.push(storage);
      return storage;
    };
    const reopen = async (storage: Storage) => {
      const again = await target.reopen(storage);
      opened.push(again);
      return again;
    };
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.close();
    });

    it('stores sessions and finds them and their tokens', async () => {
      const storage = await open();
      expect(storage.isOpen()).toBe(true);
      await storage.createSession(sessionRecord('s1'));
      expect(await storage.getSession('s1')).toEqual(sessionRecord('s1'));
      expect(await storage.getSession('nope')).toBeNull();
      expect(await storage.findToken('s1-m')).toEqual({ sessionId: 's1', role: 'moderator' });
      expect(await storage.findToken('s1-a')).toEqual({ sessionId: 's1', role: 'attendee' });
      expect(await storage.findToken('s1-f')).toEqual({ sessionId: 's1', role: 'follower' });
      expect(await storage.findToken('s1-x')).toBeNull();
    });

    it('refuses a session whose id or a token is taken, and stores nothing of it', async () => {
      const storage = await open();
      await storage.createSession(sessionRecord('s1'));
      await expect(storage.createSession({ ...sessionRecord('s1'), title: 'Again' })).rejects.toThrow();
      expect(await storage.getSession('s1')).toEqual(sessionRecord('s1'));
      const collides = { ...sessionRecord('s2'), tokens: { ...sessionRecord('s2').tokens, follower: 's1-f' } };
      await expect(storage.createSession(collides)).rejects.toThrow();
      expect(await storage.getSession('s2')).toBeNull();
      expect(await storage.findToken('s2-m')).toBeNull();
      expect(await storage.findToken('s1-f')).toEqual({ sessionId: 's1', role: 'follower' });
    });

    it('loads an unknown document as empty', async () => {
      const storage = await open();
      expect(await storage.loadDocument('fresh')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    });

    it('appends updates in order with increasing sequence numbers, per document', async () => {
      const storage = await open();
      const seqs = await storage.appendUpdates([
        { docName: 'a', update: bytes(1) },
        { docName: 'b', update: bytes(2) },
        { docName: 'a', update: bytes(3) },
      ]);
      expect(seqs).toHaveLength(3);
      expect(seqs[2]!).toBeGreaterThan(seqs[0]!);
      const more = await storage.appendUpdates([{ docName: 'a', update: bytes(4) }]);
      expect(more[0]!).toBeGreaterThan(seqs[2]!);
      const a = await storage.loadDocument('a');
      expect(a.updates).toEqual([bytes(1), bytes(3), bytes(4)]);
      expect(a.lastSeq).toBe(more[0]);
      expect(a.snapshot).toBeNull();
      expect((await storage.loadDocument('b')).updates).toEqual([bytes(2)]);
    });

    it('compacts: the snapshot replaces the updates it includes and keeps later ones', async () => {
      const storage = await open();
      const [s1, s2] = await storage.appendUpdates([
        { docName: 'd', update: bytes(1) },
        { docName: 'd', update: bytes(2) },
      ]);
      const [s3] = await storage.appendUpdates([{ docName: 'd', update: bytes(3) }]);
      await storage.compactDocument('d', bytes(9, 9), s2!);
      const loaded = await storage.loadDocument('d');
      expect(loaded.snapshot).toEqual(bytes(9, 9));
      expect(loaded.updates).toEqual([bytes(3)]);
      expect(loaded.lastSeq).toBe(s3);
      expect(s1).toBeLessThan(s2!);
      await storage.compactDocument('d', bytes(8, 8, 8), s3!);
      expect(await storage.loadDocument('d')).toEqual({ snapshot: bytes(8, 8, 8), updates: [], lastSeq: s3 });
    });

    it('never lets an older snapshot replace a newer one', async () => {
      const storage = await open();
      const [s1, s2] = await storage.appendUpdates([
        { docName: 'd', update: bytes(1) },
        { docName: 'd', update: bytes(2) },
      ]);
      await storage.compactDocument('d', bytes(2, 2), s2!);
      await storage.compactDocument('d', bytes(1, 1), s1!);
      expect((await storage.loadDocument('d')).snapshot).toEqual(bytes(2, 2));
    });

    it('keeps every byte value of updates and snapshots exactly', async () => {
      const storage = await open();
      const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
      const reversed = everyByte.slice().reverse();
      // Not valid UTF-8 and full of NUL, CR and LF: bytes must never pass through text.
      const [s1] = await storage.appendUpdates([{ docName: 'bin', update: everyByte }]);
      await storage.compactDocument('bin', reversed, s1!);
      const [s2] = await storage.appendUpdates([{ docName: 'bin', update: everyByte.subarray(128) }]);
      expect(await storage.loadDocument('bin')).toEqual({
        snapshot: reversed,
        updates: [everyByte.slice(128)],
        lastSeq: s2,
      });
    });

    it('lets two handles on the same data see each other\'s appends, with distinct seqs', async () => {
      const first = await open();
      const second = await reopen(first);
      const appended = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? first : second).appendUpdates([{ docName: 'shared', update: bytes(i) }]),
        ),
      );
      const seqs = appended.map(([seq]) => seq!);
      expect(new Set(seqs).size).toBe(10);
      const fromFirst = await first.loadDocument('shared');
      expect(await second.loadDocument('shared')).toEqual(fromFirst);
      // The log is in seq order, whichever handle appended.
      const bySeq = seqs.map((seq, i) => ({ seq, i })).sort((a, b) => a.seq - b.seq);
      expect(fromFirst.updates).toEqual(bySeq.map(({ i }) => bytes(i)));
      expect(fromFirst.lastSeq).toBe(Math.max(...seqs));
    });

    it('gives the compaction lease of a document to one holder at a time, until it expires', async () => {
      const storage = await open();
      const other = await reopen(storage);
      const first = await storage.acquireCompactionLease('leased', 200);
      expect(first).toBe(true);
      if (storage.kind === 'sqlite') return; // one process owns the file: nobody else to keep out
      expect(await other.acquireCompactionLease('leased', 200)).toBe(false);
      expect(await other.acquireCompactionLease('another', 200)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await other.acquireCompactionLease('leased', 200)).toBe(true);
    });

    it('keeps everything across a reopen', async () => {
      const storage = await open();
      await storage.createSession(sessionRecord('kept'));
      const [seq] = await storage.appendUpdates([{ docName: 'kept', update: bytes(7, 7) }]);
      const again = await reopen(storage);
      expect(await again.getSession('kept')).toEqual(sessionRecord('kept'));
      expect(await again.findToken('kept-a')).toEqual({ sessionId: 'kept', role: 'attendee' });
      expect(await again.loadDocument('kept')).toEqual({ snapshot: null, updates: [bytes(7, 7)], lastSeq: seq });
    });

    it('stores a timer with compare-and-set versions, across a reopen', async () => {
      const storage = await open();
      expect(await storage.loadTimer('t')).toBeNull();
      const first = initialTimer('t', 60_000, 15_000);
      expect(await storage.saveTimer(first, 0)).toBe(1);
      expect(await storage.saveTimer(first, 0)).toBeNull(); // someone created it first
      const started = applyCommand(first, { action: 'present' }, 1_000);
      if (!started.ok) throw new Error('present refused');
      expect(await storage.saveTimer(started.record, 1)).toBe(2);
      expect(await storage.saveTimer(first, 1)).toBeNull(); // a stale write loses
      const again = await reopen(storage);
      const stored = await again.loadTimer('t');
      expect(stored).toEqual({ record: started.record, version: 2 });
      expect((stored?.record as TimerRecord).log).toEqual([{ phase: 'presentation', at: 1_000 }]);
      expect(await again.loadTimer('other')).toBeNull();
    });

    it('keeps the minutes\' bookkeeping per session: minute-taker, postings in order, board image', async () => {
      const storage = await open();
      expect(await storage.loadMinutesState('m')).toEqual({ minuteTaker: null, sent: [] });
      expect(await storage.loadBoardImage('m')).toBeNull();
      await storage.setMinuteTaker('m', 'Zoë Ærø');
      await storage.recordMinutesSent('m', { messageId: '<1@x>', accepted: ['list@example.org'], at: 1 });
      await storage.recordMinutesSent('m', { messageId: '<2@x>', accepted: ['a@example.org', 'b@example.org'], at: 2 });
      const png = new Uint8Array(256).map((_, i) => i);
      await storage.saveBoardImage('m', png);
      await storage.saveBoardImage('m', png.slice().reverse());
      const again = await reopen(storage);
      expect(await again.loadMinutesState('m')).toEqual({
        minuteTaker: 'Zoë Ærø',
        sent: [
          { messageId: '<1@x>', accepted: ['list@example.org'], at: 1 },
          { messageId: '<2@x>', accepted: ['a@example.org', 'b@example.org'], at: 2 },
        ],
      });
      expect(await again.loadBoardImage('m')).toEqual(png.slice().reverse());
      await again.setMinuteTaker('m', null);
      expect((await storage.loadMinutesState('m')).minuteTaker).toBeNull();
      expect(await storage.loadMinutesState('other')).toEqual({ minuteTaker: null, sent: [] });
      expect(await storage.loadBoardImage('other')).toBeNull();
    });

    it('stores events, refusing a taken id, and their proposals in the order they came', async () => {
      const storage = await open();
      await storage.createEvent(eventRecord('ev'));
      await expect(storage.createEvent({ ...eventRecord('ev'), name: 'Overwritten' })).rejects.toThrow();
      expect(await storage.getEvent('ev')).toEqual(eventRecord('ev'));
      expect(await storage.getEvent('nope')).toBeNull();
      const second = proposalRecord('p2', 'ev', '2026-11-25T10:00:02.000Z');
      const first = proposalRecord('p1', 'ev', '2026-11-25T10:00:01.000Z');
      await storage.saveProposal(second);
      await storage.saveProposal(first);
      await storage.saveProposal(proposalRecord('other', 'ev2', '2026-11-25T10:00:00.000Z'));
      const edited = { ...first, status: 'accepted' as const, title: 'Edited', updatedAt: '2026-11-25T11:00:00.000Z' };
      await storage.saveProposal(edited); // an edit keeps its place
      const again = await reopen(storage);
      expect(await again.listProposals('ev')).toEqual([edited, second]);
      expect(await again.getProposal('p2')).toEqual(second);
      expect(await again.getProposal('nope')).toBeNull();
      expect(await again.listProposals('none')).toEqual([]);
    });

    it('writes an event\'s schedule compare-and-set, across handles', async () => {
      const storage = await open();
      expect(await storage.loadSchedule('ev')).toEqual({ sessions: [], version: 0 });
      const slot = (sessionId: string) => ({
        sessionId,
        proposalId: `p-${sessionId}`,
        roomId: 'r1',
        title: 'T',
        startsAt: '2026-12-01T09:00:00.000Z',
        endsAt: '2026-12-01T09:50:00.000Z',
        moderatorName: 'Ada',
      });
      expect(await storage.saveSchedule('ev', [slot('a')], 0)).toBe(1);
      const other = await reopen(storage);
      expect(await other.saveSchedule('ev', [slot('b')], 0)).toBeNull(); // someone scheduled first
      expect(await other.saveSchedule('ev', [slot('a'), slot('b')], 1)).toBe(2);
      expect(await storage.saveSchedule('ev', [slot('c')], 1)).toBeNull(); // a stale write loses
      expect(await storage.loadSchedule('ev')).toEqual({ sessions: [slot('a'), slot('b')], version: 2 });
      expect(await storage.loadSchedule('other')).toEqual({ sessions: [], version: 0 });
    });

    it('keeps a session\'s questions oldest first (then by id), with the asker\'s id, across a reopen', async () => {
      const storage = await open();
      expect(await storage.listQuestions('q')).toEqual([]);
      const late = storedQuestion('late', 3_000, { text: 'Zoë asks: "why?" \\ ünïcødé 🙂', name: 'Zoë' });
      const tieB = storedQuestion('b', 2_000, { askerId: null });
      const tieA = storedQuestion('a', 2_000);
      const first = storedQuestion('z', 1_000);
      for (const question of [late, tieB, tieA, first]) expect(await storage.addQuestion('q', question, quota(10))).toBe('added');
      expect(await storage.addQuestion('other', storedQuestion('elsewhere', 0), quota(10))).toBe('added');
      await expect(storage.addQuestion('q', { ...first, text: 'Overwritten?' }, quota(10))).rejects.toThrow(); // a taken id
      const again = await reopen(storage);
      expect(await again.listQuestions('q')).toEqual([first, tieA, tieB, late]);
      expect(await again.listQuestions('other')).toEqual([storedQuestion('elsewhere', 0)]);
    });

    it('refuses a question beyond the session\'s cap, handled ones included, even from two handles at once', async () => {
      const storage = await open();
      const other = await reopen(storage);
      for (const id of ['q1', 'q2']) expect(await storage.addQuestion('capped', storedQuestion(id, 1), quota(3))).toBe('added');
      await storage.moveQuestion('capped', 'q1', 'answered', 2);
      await storage.moveQuestion('capped', 'q2', 'dismissed', 2);
      expect(await storage.addQuestion('capped', storedQuestion('q3', 1), quota(3))).toBe('added');
      expect(await other.addQuestion('capped', storedQuestion('q4', 1), quota(3))).toBe('session-full');
      expect(await storage.addQuestion('another', storedQuestion('q4', 1), quota(3))).toBe('added'); // the cap is per session

      const racing = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? storage : other).addQuestion('race', storedQuestion(`r${i}`, i), quota(4, { asker: `asker:${i}` })),
        ),
      );
      expect(racing.filter((added) => added === 'added')).toHaveLength(4);
      expect(racing.filter((added) => added === 'session-full')).toHaveLength(6);
      expect(await storage.listQuestions('race')).toHaveLength(4);
      expect((await storage.listQuestions('capped')).map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    });

    it('bounds the open questions of a session, freeing a place for each one taken up and taking one for each reopened', async () => {
      const storage = await open();
      const other = await reopen(storage);
      const bound = (asker: string) => quota(100, { openPerSession: 3, asker });
      for (const id of ['q1', 'q2', 'q3']) expect(await storage.addQuestion('s', storedQuestion(id, 1), bound(`asker:${id}`))).toBe('added');
      expect(await other.addQuestion('s', storedQuestion('q4', 1), bound('asker:q4'))).toBe('open-full');
      for (const [id, to] of [['q1', 'answered'], ['q2', 'dismissed'], ['q3', 'inserted']] as const) {
        await other.moveQuestion('s', id, to, 2);
        expect(await storage.addQuestion('s', storedQuestion(`${id}-next`, 3), bound(`asker:${id}-next`))).toBe('added');
        expect(await storage.addQuestion('s', storedQuestion(`${id}-more`, 3), bound(`asker:${id}-more`))).toBe('open-full');
      }
      // Reopened by the moderator: counted again, so the queue is over its bound until one is taken up.
      await storage.moveQuestion('s', 'q1', 'open', 4);
      await storage.moveQuestion('s', 'q1-next', 'answered', 4);
      expect(await other.addQuestion('s', storedQuestion('late', 5), bound('asker:late'))).toBe('open-full');
      await storage.moveQuestion('s', 'q2-next', 'answered', 4);
      expect(await other.addQuestion('s', storedQuestion('late', 5), bound('asker:late'))).toBe('added');
      expect(await other.addQuestion('elsewhere', storedQuestion('q1', 1), bound('asker:q1'))).toBe('added'); // per session

      const racing = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? storage : other).addQuestion('race', storedQuestion(`r${i}`, i), bound(`asker:${i}`)),
        ),
      );
      expect(racing.filter((added) => added === 'added')).toHaveLength(3);
      expect(racing.filter((added) => added === 'open-full')).toHaveLength(7);
    });

    it('bounds the open questions of one asker, whichever handle it asks through', async () => {
      const storage = await open();
      const other = await reopen(storage);
      const bound = (asker: string) => quota(100, { openPerSession: 50, asker, openPerAsker: 2 });
      expect(await storage.addQuestion('s', storedQuestion('a1', 1), bound('asker:ann'))).toBe('added');
      expect(await other.addQuestion('s', storedQuestion('a2', 1), bound('asker:ann'))).toBe('added');
      expect(await storage.addQuestion('s', storedQuestion('a3', 1), bound('asker:ann'))).toBe('asker-full');
      expect(await storage.addQuestion('s', storedQuestion('b1', 1), bound('asker:bob'))).toBe('added');
      expect(await storage.addQuestion('s', storedQuestion('c1', 1), bound('connection:tab-1'))).toBe('added');
      expect(await storage.addQuestion('t', storedQuestion('a1', 1), bound('asker:ann'))).toBe('added'); // per session
      await other.moveQuestion('s', 'a1', 'answered', 2);
      expect(await storage.addQuestion('s', storedQuestion('a3', 3), bound('asker:ann'))).toBe('added');
      expect(await storage.addQuestion('s', storedQuestion('a4', 3), bound('asker:ann'))).toBe('asker-full');
      await storage.moveQuestion('s', 'a1', 'open', 4); // reopened: Ann's again
      await storage.moveQuestion('s', 'a2', 'inserted', 4);
      expect(await other.addQuestion('s', storedQuestion('a4', 5), bound('asker:ann'))).toBe('asker-full');
      // A refused move changes no count.
      expect(await storage.moveQuestion('s', 'a2', 'open', 6)).toMatchObject({ error: 'invalid-transition' });
      await storage.moveQuestion('s', 'a3', 'dismissed', 6);
      expect(await other.addQuestion('s', storedQuestion('a4', 7), bound('asker:ann'))).toBe('added');
      // The asker's private key never comes back with the question.
      expect((await storage.listQuestions('s')).find((q) => q.id === 'a4')).toEqual(storedQuestion('a4', 7));

      const racing = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? storage : other).addQuestion('race', storedQuestion(`r${i}`, i), bound('asker:eve'))),
      );
      expect(racing.filter((added) => added === 'added')).toHaveLength(2);
      expect(racing.filter((added) => added === 'asker-full')).toHaveLength(8);
    });

    it('says which bound refused: the session\'s total first, then its open questions, then the asker\'s', async () => {
      const storage = await open();
      const tight = { perSession: 2, openPerSession: 1, asker: 'asker:ann', openPerAsker: 1 };
      expect(await storage.addQuestion('s', storedQuestion('q1', 1), tight)).toBe('added');
      expect(await storage.addQuestion('s', storedQuestion('q2', 1), tight)).toBe('open-full');
      expect(await storage.addQuestion('s', storedQuestion('q2', 1), { ...tight, openPerSession: 2 })).toBe('asker-full');
      expect(await storage.addQuestion('s', storedQuestion('q2', 1), { ...tight, openPerSession: 2, asker: 'asker:bob' })).toBe('added');
      expect(await storage.addQuestion('s', storedQuestion('q3', 1), tight)).toBe('session-full');
    });

    it('moves a question\'s status compare-and-set, and says why a move is refused', async () => {
      const storage = await open();
      await storage.addQuestion('m', storedQuestion('q', 1_000), quota(10));
      const answered = { ...storedQuestion('q', 1_000), status: 'answered' as const, handledAt: 2_000 };
      expect(await storage.moveQuestion('m', 'q', 'answered', 2_000)).toEqual({ question: answered });
      expect(await storage.moveQuestion('m', 'q', 'answered', 2_500)).toEqual({ error: 'invalid-transition', question: answered });
      expect(await storage.moveQuestion('m', 'q', 'open', 3_000)).toEqual({ question: { ...answered, status: 'open', handledAt: 3_000 } });
      expect(await storage.moveQuestion('m', 'q', 'dismissed', 4_000)).toMatchObject({ question: { status: 'dismissed', handledAt: 4_000 } });
      // Dismissed must be reopened before it goes into the minutes.
      expect(await storage.moveQuestion('m', 'q', 'inserted', 5_000)).toMatchObject({ error: 'invalid-transition', question: { status: 'dismissed' } });
      await storage.moveQuestion('m', 'q', 'open', 6_000);
      const inserted = { ...storedQuestion('q', 1_000), status: 'inserted' as const, handledAt: 7_000 };
      expect(await storage.moveQuestion('m', 'q', 'inserted', 7_000)).toEqual({ question: inserted });
      for (const to of ['open', 'answered', 'dismissed', 'inserted'] as const) {
        expect(await storage.moveQuestion('m', 'q', to, 8_000)).toEqual({ error: 'invalid-transition', question: inserted });
      }
      expect(await storage.moveQuestion('m', 'nope', 'answered', 8_000)).toEqual({ error: 'not-found' });
      expect(await storage.moveQuestion('other', 'q', 'answered', 8_000)).toEqual({ error: 'not-found' }); // another session's id
      expect(await (await reopen(storage)).listQuestions('m')).toEqual([inserted]);
    });

    it('lets exactly one of two concurrent moves win, across handles', async () => {
      const storage = await open();
      const other = await reopen(storage);
      await storage.addQuestion('c', storedQuestion('q', 1), quota(10));
      const moves = await Promise.all([storage.moveQuestion('c', 'q', 'inserted', 10), other.moveQuestion('c', 'q', 'inserted', 20)]);
      const won = moves.filter((move) => !('error' in move));
      const lost = moves.filter((move) => 'error' in move);
      expect(won).toHaveLength(1);
      expect(lost).toEqual([{ error: 'invalid-transition', question: won[0]!.question }]);
      expect(await storage.listQuestions('c')).toEqual([won[0]!.question]);
    });

    it('reports closed and refuses work after close', async () => {
      const storage = await open();
      await storage.close();
      expect(storage.isOpen()).toBe(false);
      await expect(storage.loadDocument('x')).rejects.toThrow();
      await expect(storage.appendUpdates([{ docName: 'x', update: bytes(1) }])).rejects.toThrow();
      await storage.close(); // twice is fine
    });
  });
}
