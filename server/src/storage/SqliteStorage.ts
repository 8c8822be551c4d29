import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isRole, questionStatusesBefore, type QuestionStatus, type ScheduledSession, type TimerRecord } from '@roundtable/shared';
import type {
  DocumentUpdate,
  EventRecord,
  MinutesSending,
  MinutesState,
  ProposalRecord,
  QuestionAdd,
  QuestionMove,
  QuestionQuota,
  SessionRecord,
  Storage,
  StoredDocument,
  StoredQuestion,
  StoredSchedule,
  StoredTimer,
  TokenGrant,
} from './Storage.js';
import { WalCheckpointer } from './walCheckpointer.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  role TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_snapshots (
  doc TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  through_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc, seq);
CREATE TABLE IF NOT EXISTS minute_takers (
  session_id TEXT PRIMARY KEY,
  name TEXT
);
CREATE TABLE IF NOT EXISTS minutes_sent (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS minutes_sent_by_session ON minutes_sent (session_id, id);
CREATE TABLE IF NOT EXISTS board_images (
  session_id TEXT PRIMARY KEY,
  png BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS proposals (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  created INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS proposals_by_event ON proposals (event_id, created, id);
CREATE TABLE IF NOT EXISTS schedules (
  event_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (
  session_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS questions (
  session_id TEXT NOT NULL,
  id TEXT NOT NULL,
  asker_id TEXT,
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  asked_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  handled_at INTEGER,
  asker_key TEXT, -- QuestionQuota's asker, for the count of its open questions; private
  PRIMARY KEY (session_id, id)
);
CREATE INDEX IF NOT EXISTS questions_by_time ON questions (session_id, asked_at, id);
`;

/**
 * Brings a file made by an earlier version up to SCHEMA, where `CREATE TABLE IF NOT EXISTS` left
 * an older table as it was. Questions stored before `asker_key` count for the session's limits,
 * not for any asker's.
 */
function migrate(db: Database.Database): void {
  const questionColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('questions')").all();
  if (!questionColumns.some((column) => column.name === 'asker_key')) db.exec('ALTER TABLE questions ADD COLUMN asker_key TEXT');
}

interface QuestionRow {
  id: string;
  asker_id: string | null;
  name: string;
  text: string;
  asked_at: number;
  status: string;
  handled_at: number | null;
}

const QUESTION_COLUMNS = 'id, asker_id, name, text, asked_at, status, handled_at';

function questionOfRow(row: QuestionRow): StoredQuestion {
  return {
    id: row.id,
    name: row.name,
    text: row.text,
    askedAt: row.asked_at,
    status: row.status as QuestionStatus, // only ever written from a QuestionStatus
    handledAt: row.handled_at,
    askerId: row.asker_id,
  };
}

/**
 * The embedded default: one SQLite file in WAL mode. better-sqlite3 is synchronous, so a
 * resolved append has already reached the file (the OS page cache survives a crash of the
 * process; `synchronous = NORMAL` keeps WAL commits cheap).
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  private db: Database.Database | null;
  private readonly checkpointer: WalCheckpointer;
  private readonly statements;

  constructor(
    readonly file: string,
    /** How long a write waits for a lock held by another connection before failing. */
    busyTimeoutMs = 5000,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
    db.pragma('wal_autocheckpoint = 0'); // the checkpointer thread does it, off the event loop
    db.exec(SCHEMA);
    migrate(db);
    this.db = db;
    this.checkpointer = new WalCheckpointer(file);
    this.statements = {
      insertSession: db.prepare('INSERT INTO sessions (id, data) VALUES (?, ?)'),
      insertToken: db.prepare('INSERT INTO tokens (token, session_id, role) VALUES (?, ?, ?)'),
      getSession: db.prepare<[string], { data: string }>('SELECT data FROM sessions WHERE id = ?'),
      findToken: db.prepare<[string], { session_id: string; role: string }>(
        'SELECT session_id, role FROM tokens WHERE token = ?',
      ),
      getSnapshot: db.prepare<[string], { data: Buffer; through_seq: number }>(
        'SELECT data, through_seq FROM doc_snapshots WHERE doc = ?',
      ),
      getUpdates: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq',
      ),
      appendUpdate: db.prepare<[string, Uint8Array]>('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
      putSnapshot: db.prepare<[string, Uint8Array, number]>(
        `INSERT INTO doc_snapshots (doc, data, through_seq) VALUES (?, ?, ?)
         ON CONFLICT (doc) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq
         WHERE excluded.through_seq >= doc_snapshots.through_seq`,
      ),
      dropUpdates: db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
      getTimer: db.prepare<[string], { version: number; data: string }>('SELECT version, data FROM timers WHERE session_id = ?'),
      insertTimer: db.prepare<[string, string]>(
        'INSERT INTO timers (session_id, version, data) VALUES (?, 1, ?) ON CONFLICT (session_id) DO NOTHING',
      ),
      updateTimer: db.prepare<[string, string, number]>(
        'UPDATE timers SET data = ?, version = version + 1 WHERE session_id = ? AND version = ?',
      ),
      insertEvent: db.prepare<[string, string]>('INSERT INTO events (id, data) VALUES (?, ?)'),
      getEvent: db.prepare<[string], { data: string }>('SELECT data FROM events WHERE id = ?'),
      putProposal: db.prepare<[string, string, number, string]>(
        `INSERT INTO proposals (id, event_id, created, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data`,
      ),
      getProposal: db.prepare<[string], { data: string }>('SELECT data FROM proposals WHERE id = ?'),
      listProposals: db.prepare<[string], { data: string }>('SELECT data FROM proposals WHERE event_id = ? ORDER BY created, id'),
      getSchedule: db.prepare<[string], { version: number; data: string }>('SELECT version, data FROM schedules WHERE event_id = ?'),
      insertSchedule: db.prepare<[string, string]>(
        'INSERT INTO schedules (event_id, version, data) VALUES (?, 1, ?) ON CONFLICT (event_id) DO NOTHING',
      ),
      updateSchedule: db.prepare<[string, string, number]>(
        'UPDATE schedules SET data = ?, version = version + 1 WHERE event_id = ? AND version = ?',
      ),
      getMinuteTaker: db.prepare<[string], { name: string | null }>('SELECT name FROM minute_takers WHERE session_id = ?'),
      putMinuteTaker: db.prepare<[string, string | null]>(
        'INSERT INTO minute_takers (session_id, name) VALUES (?, ?) ON CONFLICT (session_id) DO UPDATE SET name = excluded.name',
      ),
      getSent: db.prepare<[string], { data: string }>('SELECT data FROM minutes_sent WHERE session_id = ? ORDER BY id'),
      addSent: db.prepare<[string, string]>('INSERT INTO minutes_sent (session_id, data) VALUES (?, ?)'),
      getBoardImage: db.prepare<[string], { png: Buffer }>('SELECT png FROM board_images WHERE session_id = ?'),
      putBoardImage: db.prepare<[string, Uint8Array]>(
        'INSERT INTO board_images (session_id, png) VALUES (?, ?) ON CONFLICT (session_id) DO UPDATE SET png = excluded.png',
      ),
      countQuestions: db.prepare<{ session: string; asker: string }, { total: number; open: number; openOfAsker: number }>(
        `SELECT COUNT(*) AS total,
                COUNT(*) FILTER (WHERE status = 'open') AS open,
                COUNT(*) FILTER (WHERE status = 'open' AND asker_key = @asker) AS openOfAsker
         FROM questions WHERE session_id = @session`,
      ),
      insertQuestion: db.prepare<[string, string, string | null, string, string, number, string, number | null, string]>(
        `INSERT INTO questions (session_id, ${QUESTION_COLUMNS}, asker_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listQuestions: db.prepare<[string], QuestionRow>(
        `SELECT ${QUESTION_COLUMNS} FROM questions WHERE session_id = ? ORDER BY asked_at, id`,
      ),
      getQuestion: db.prepare<[string, string], QuestionRow>(`SELECT ${QUESTION_COLUMNS} FROM questions WHERE session_id = ? AND id = ?`),
      // The allowed previous statuses come as a JSON array: one prepared statement for any number of them.
      moveQuestion: db.prepare<[string, number, string, string, string], QuestionRow>(
        `UPDATE questions SET status = ?, handled_at = ?
         WHERE session_id = ? AND id = ? AND status IN (SELECT value FROM json_each(?))
         RETURNING ${QUESTION_COLUMNS}`,
      ),
    };
  }

  isOpen(): boolean {
    return this.db?.open === true;
  }

  private get open(): Database.Database {
    if (!this.db?.open) throw new Error('storage is closed');
    return this.db;
  }

  async createSession(session: SessionRecord): Promise<void> {
    const db = this.open;
    db.transaction(() => {
      this.statements.insertSession.run(session.id, JSON.stringify(session));
      for (const [role, token] of Object.entries(session.tokens)) {
        this.statements.insertToken.run(token, session.id, role);
      }
    })();
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    this.open;
    const row = this.statements.getSession.get(id);
    return row ? (JSON.parse(row.data) as SessionRecord) : null;
  }

  async findToken(token: string): Promise<TokenGrant | null> {
    this.open;
    const row = this.statements.findToken.get(token);
    if (!row || !isRole(row.role)) return null;
    return { sessionId: row.session_id, role: row.role };
  }

  async loadDocument(docName: string): Promise<StoredDocument> {
    const db = this.open;
    // One read transaction so a concurrent compaction cannot slip between the two reads.
    return db.transaction(() => {
      const snapshot = this.statements.getSnapshot.get(docName);
      const throughSeq = snapshot?.through_seq ?? 0;
      const rows = this.statements.getUpdates.all(docName, throughSeq);
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: rows.map((row) => new Uint8Array(row.data)),
        lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : throughSeq,
      };
    })();
  }

  async appendUpdates(updates: DocumentUpdate[]): Promise<number[]> {
    const db = this.open;
    return db.transaction(() =>
      updates.map(({ docName, update }) => Number(this.statements.appendUpdate.run(docName, update).lastInsertRowid)),
    )();
  }

  async loadTimer(sessionId: string): Promise<StoredTimer | null> {
    this.open;
    const row = this.statements.getTimer.get(sessionId);
    return row ? { record: JSON.parse(row.data) as TimerRecord, version: row.version } : null;
  }

  async saveTimer(record: TimerRecord, expectedVersion: number): Promise<number | null> {
    this.open;
    const data = JSON.stringify(record);
    const result =
      expectedVersion === 0
        ? this.statements.insertTimer.run(record.sessionId, data)
        : this.statements.updateTimer.run(data, record.sessionId, expectedVersion);
    return result.changes === 1 ? expectedVersion + 1 : null;
  }

  async createEvent(event: EventRecord): Promise<void> {
    this.open;
    this.statements.insertEvent.run(event.id, JSON.stringify(event));
  }

  async getEvent(id: string): Promise<EventRecord | null> {
    this.open;
    const row = this.statements.getEvent.get(id);
    return row ? (JSON.parse(row.data) as EventRecord) : null;
  }

  async saveProposal(proposal: ProposalRecord): Promise<void> {
    this.open;
    this.statements.putProposal.run(proposal.id, proposal.eventId, Date.parse(proposal.createdAt) || 0, JSON.stringify(proposal));
  }

  async getProposal(id: string): Promise<ProposalRecord | null> {
    this.open;
    const row = this.statements.getProposal.get(id);
    return row ? (JSON.parse(row.data) as ProposalRecord) : null;
  }

  async listProposals(eventId: string): Promise<ProposalRecord[]> {
    this.open;
    return this.statements.listProposals.all(eventId).map((row) => JSON.parse(row.data) as ProposalRecord);
  }

  async loadSchedule(eventId: string): Promise<StoredSchedule> {
    this.open;
    const row = this.statements.getSchedule.get(eventId);
    return row ? { sessions: JSON.parse(row.data) as ScheduledSession[], version: row.version } : { sessions: [], version: 0 };
  }

  async saveSchedule(eventId: string, sessions: ScheduledSession[], expectedVersion: number): Promise<number | null> {
    this.open;
    const data = JSON.stringify(sessions);
    const result =
      expectedVersion === 0
        ? this.statements.insertSchedule.run(eventId, data)
        : this.statements.updateSchedule.run(data, eventId, expectedVersion);
    return result.changes === 1 ? expectedVersion + 1 : null;
  }

  async loadMinutesState(sessionId: string): Promise<MinutesState> {
    const db = this.open;
    return db.transaction(() => ({
      minuteTaker: this.statements.getMinuteTaker.get(sessionId)?.name ?? null,
      sent: this.statements.getSent.all(sessionId).map((row) => JSON.parse(row.data) as MinutesSending),
    }))();
  }

  async setMinuteTaker(sessionId: string, name: string | null): Promise<void> {
    this.open;
    this.statements.putMinuteTaker.run(sessionId, name);
  }

  async recordMinutesSent(sessionId: string, sending: MinutesSending): Promise<void> {
    this.open;
    this.statements.addSent.run(sessionId, JSON.stringify(sending));
  }

  async saveBoardImage(sessionId: string, png: Uint8Array): Promise<void> {
    this.open;
    this.statements.putBoardImage.run(sessionId, png);
  }

  async loadBoardImage(sessionId: string): Promise<Uint8Array | null> {
    this.open;
    const row = this.statements.getBoardImage.get(sessionId);
    return row ? new Uint8Array(row.png) : null;
  }

  async addQuestion(sessionId: string, question: StoredQuestion, quota: QuestionQuota): Promise<QuestionAdd> {
    const db = this.open;
    // IMMEDIATE: the write lock is taken before the counts are read and held until the insert,
    // so no other connection to the file (another process) adds a question in between.
    return db
      .transaction((): QuestionAdd => {
        const counts = this.statements.countQuestions.get({ session: sessionId, asker: quota.asker })!;
        if (counts.total >= quota.perSession) return 'session-full';
        if (counts.open >= quota.openPerSession) return 'open-full';
        if (counts.openOfAsker >= quota.openPerAsker) return 'asker-full';
        const { id, askerId, name, text, askedAt, status, handledAt } = question;
        this.statements.insertQuestion.run(sessionId, id, askerId, name, text, askedAt, status, handledAt, quota.asker);
        return 'added';
      })
      .immediate();
  }

  async listQuestions(sessionId: string): Promise<StoredQuestion[]> {
    this.open;
    return this.statements.listQuestions.all(sessionId).map(questionOfRow);
  }

  async moveQuestion(sessionId: string, id: string, to: QuestionStatus, at: number): Promise<QuestionMove> {
    const db = this.open;
    return db.transaction((): QuestionMove => {
      const moved = this.statements.moveQuestion.get(to, at, sessionId, id, JSON.stringify(questionStatusesBefore(to)));
      if (moved) return { question: questionOfRow(moved) };
      const current = this.statements.getQuestion.get(sessionId, id);
      return current ? { error: 'invalid-transition', question: questionOfRow(current) } : { error: 'not-found' };
    })();
  }

  async acquireCompactionLease(): Promise<boolean> {
    this.open;
    return true; // one process owns the file
  }

  async compactDocument(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const db = this.open;
    db.transaction(() => {
      this.statements.putSnapshot.run(docName, snapshot, throughSeq);
      this.statements.dropUpdates.run(docName, throughSeq);
    })();
  }

  async close(): Promise<void> {
    if (!this.db?.open) return;
    const db = this.db;
    this.db = null;
    await this.checkpointer.stop();
    db.pragma('wal_checkpoint(TRUNCATE)'); // leave one tidy file behind
    db.close();
  }
}
