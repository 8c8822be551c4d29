import type { EventInfo, ProposalInfo, Question, QuestionStatus, Role, ScheduledSession, SessionInfo, TimerRecord } from '@roundtable/shared';

/** A session as stored: what every token holder sees, plus its tokens. */
export interface SessionRecord extends SessionInfo {
  tokens: Record<Role, string>;
}

/** An event as stored: what anyone sees, plus the organizers' token. */
export interface EventRecord extends EventInfo {
  organizerToken: string;
}

/** A proposal as stored, with the proposer's private token. */
export interface ProposalRecord extends ProposalInfo {
  editToken: string;
}

/** An event's schedule with the version a compare-and-set write must name. */
export interface StoredSchedule {
  sessions: ScheduledSession[];
  version: number;
}

export interface TokenGrant {
  sessionId: string;
  role: Role;
}

/** What a document needs to be rebuilt: the last snapshot and every update appended after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update in `updates` (or of the snapshot's last one); 0 for a new document. */
  lastSeq: number;
}

/** A session's timer as stored, with the version a compare-and-set write must name. */
export interface StoredTimer {
  record: TimerRecord;
  version: number;
}

/** One posting of the minutes that the SMTP server accepted. */
export interface MinutesSending {
  messageId: string;
  accepted: string[];
  /** Epoch ms. */
  at: number;
}

/** The minutes' bookkeeping beside the document: who takes them, what was sent, the board's picture. */
export interface MinutesState {
  minuteTaker: string | null;
  /** Oldest first. */
  sent: MinutesSending[];
}

/** A question from afar as stored: what its audience sees, plus who asked it. */
export interface StoredQuestion extends Question {
  /**
   * The random id the asker's browser keeps, so a follower finds its own questions after a
   * reload; null when it gave none. Private: only routing uses it, nobody is ever sent it.
   */
  askerId: string | null;
}

/** What a compare-and-set move of a question's status answers. */
export type QuestionMove =
  | { question: StoredQuestion }
  /** `invalid-transition` carries the question as it stands, so the caller can say why. */
  | { error: 'not-found' | 'invalid-transition'; question?: StoredQuestion };

/** What bounds a new question; storage checks it in the same step as the write. */
export interface QuestionQuota {
  /** Questions the session keeps at most, whatever their status. */
  perSession: number;
  /** Open questions the session has at once at most. */
  openPerSession: number;
  /**
   * Who asks, as the asker limits know it (`asker:<askerId>`, or `connection:<id>` without one).
   * Stored with the question, private like the askerId; only the count of open ones uses it.
   */
  asker: string;
  /** Open questions that asker has at once at most. */
  openPerAsker: number;
}

/** `added`, or which bound of the QuestionQuota refused the question (the first one, in that order). */
export type QuestionAdd = 'added' | 'session-full' | 'open-full' | 'asker-full';

export interface DocumentUpdate {
  docName: string;
  update: Uint8Array;
}

/**
 * Everything Roundtable persists, behind one interface so that the embedded SQLite file and
 * Redis (several server processes) are interchangeable. Both run `storageConformance`.
 */
export interface Storage {
  readonly kind: string;
  /** False until storage is usable, and again after `close`. */
  isOpen(): boolean;

  /** Rejects, storing nothing, if the session's id or one of its tokens is stored already. */
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  /** The session and role a token names, or null for an unknown token. */
  findToken(token: string): Promise<TokenGrant | null>;

  loadDocument(docName: string): Promise<StoredDocument>;
  /**
   * Appends updates durably: once the promise resolves they survive a crash of this process.
   * Returns the sequence number given to each update, in order.
   */
  appendUpdates(updates: DocumentUpdate[]): Promise<number[]>;
  /**
   * Replaces the document's snapshot with one that includes every update up to `throughSeq`,
   * and drops those updates. Updates appended after `throughSeq` stay.
   */
  compactDocument(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /**
   * Claims the next compaction of a document for `leaseMs`: false while another process holds it,
   * so several processes with the same document loaded do not all encode and write snapshots.
   */
  acquireCompactionLease(docName: string, leaseMs: number): Promise<boolean>;

  /** The session's timer, or null before its first command. */
  loadTimer(sessionId: string): Promise<StoredTimer | null>;
  /**
   * Writes the timer if the stored version is still `expectedVersion` (0: nothing stored yet) and
   * answers the new version, or null when someone else wrote first (another process, another
   * command): the caller reloads and decides again, so no command is applied over a stale state.
   */
  saveTimer(record: TimerRecord, expectedVersion: number): Promise<number | null>;

  /** Rejects, storing nothing, if the event's id is taken. */
  createEvent(event: EventRecord): Promise<void>;
  getEvent(id: string): Promise<EventRecord | null>;
  /** Stores a new proposal or replaces the stored one with the same id. */
  saveProposal(proposal: ProposalRecord): Promise<void>;
  getProposal(id: string): Promise<ProposalRecord | null>;
  /** The event's proposals, oldest first. */
  listProposals(eventId: string): Promise<ProposalRecord[]>;
  /** The event's schedule; empty (version 0) before anything was scheduled. */
  loadSchedule(eventId: string): Promise<StoredSchedule>;
  /**
   * Writes the schedule if the stored version is still `expectedVersion` and answers the new
   * version, or null when someone scheduled meanwhile: the caller reloads and checks for conflicts
   * again, so two organizers can never book one room at one time.
   */
  saveSchedule(eventId: string, sessions: ScheduledSession[], expectedVersion: number): Promise<number | null>;

  /** A session's minutes bookkeeping; nobody nominated and nothing sent before anything is stored. */
  loadMinutesState(sessionId: string): Promise<MinutesState>;
  /** Names the minute-taker (null: nobody, the moderator takes them). */
  setMinuteTaker(sessionId: string, name: string | null): Promise<void>;
  /** Remembers a posting, only once the SMTP server accepted it. */
  recordMinutesSent(sessionId: string, sending: MinutesSending): Promise<void>;
  /** The whiteboard as a PNG for the minutes, replacing the last one. */
  saveBoardImage(sessionId: string, png: Uint8Array): Promise<void>;
  loadBoardImage(sessionId: string): Promise<Uint8Array | null>;

  /**
   * Stores a new question unless a bound of `quota` is reached: the session holds `perSession`
   * questions, or `openPerSession` open ones, or the asker `openPerAsker` open ones. The counts
   * and the write are one step: two processes can never both take the last place. Rejects,
   * storing nothing, if the session has a question with that id.
   */
  addQuestion(sessionId: string, question: StoredQuestion, quota: QuestionQuota): Promise<QuestionAdd>;
  /** The session's questions, oldest first (by `askedAt`, then `id`). */
  listQuestions(sessionId: string): Promise<StoredQuestion[]>;
  /**
   * Compare-and-set: moves the question to `to` (with `handledAt = at`) only if its stored status
   * is one of `questionStatusesBefore(to)`, in one step, so of two moves at once (two
   * moderators inserting it, on two processes) exactly one wins.
   */
  moveQuestion(sessionId: string, id: string, to: QuestionStatus, at: number): Promise<QuestionMove>;

  close(): Promise<void>;
}
