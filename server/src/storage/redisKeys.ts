/** The prefix RedisStorage puts before every key unless told otherwise. */
export const DEFAULT_REDIS_KEY_PREFIX = 'rt:';

/** The stream field that holds an update's bytes: each log entry has it first. */
export const UPDATE_FIELD = 'u';
/** The stream field naming the server process that stored the update, so it skips its own. */
export const ORIGIN_FIELD = 'o';

/**
 * Where RedisStorage keeps each thing. Every key starts with the prefix, so several deployments
 * (or test runs) can share one Redis. A document's keys all end in a fixed suffix without `:`,
 * so no document name can reach another document's keys.
 *
 * Other processes rely on this layout: a document's log is a stream whose entry ids are
 * `0-<seq>`, so reading it from a known seq on (XREAD/XRANGE) is how updates fan out.
 */
export class RedisKeys {
  constructor(readonly prefix: string = DEFAULT_REDIS_KEY_PREFIX) {}

  /** JSON of the SessionRecord. */
  session(sessionId: string): string {
    return `${this.prefix}session:${sessionId}`;
  }

  /** JSON of the TokenGrant. */
  token(token: string): string {
    return `${this.prefix}token:${token}`;
  }

  /** The bytes of the document's last snapshot. */
  docSnapshot(docName: string): string {
    return `${this.prefix}doc:${docName}:snap`;
  }

  /** The seq of the last update the snapshot includes. */
  docSnapshotSeq(docName: string): string {
    return `${this.prefix}doc:${docName}:snapseq`;
  }

  /** The last seq given to an update of the document (INCR counter). */
  docSeq(docName: string): string {
    return `${this.prefix}doc:${docName}:seq`;
  }

  /** Stream of the updates after the snapshot, entry id `0-<seq>`. */
  docLog(docName: string): string {
    return `${this.prefix}doc:${docName}:log`;
  }

  /** Held (SET NX PX) by the process compacting the document, so one does it at a time. */
  docCompactionLease(docName: string): string {
    return `${this.prefix}doc:${docName}:compacting`;
  }

  /** Sorted set of the seats taken in a session across processes: member -> lease end (ms). */
  seats(sessionId: string): string {
    return `${this.prefix}seats:${sessionId}`;
  }

  /** The minute-taker's name; absent when nobody is nominated. */
  minuteTaker(sessionId: string): string {
    return `${this.prefix}minutes:${sessionId}:taker`;
  }

  /** List of the JSON MinutesSending records, oldest first. */
  minutesSent(sessionId: string): string {
    return `${this.prefix}minutes:${sessionId}:sent`;
  }

  /** The whiteboard's PNG bytes. */
  boardImage(sessionId: string): string {
    return `${this.prefix}minutes:${sessionId}:board`;
  }

  /** JSON of the EventRecord. */
  event(eventId: string): string {
    return `${this.prefix}event:${eventId}`;
  }

  /** JSON of the ProposalRecord. */
  proposal(proposalId: string): string {
    return `${this.prefix}proposal:${proposalId}`;
  }

  /** Sorted set of an event's proposal ids, scored by when they were made. */
  eventProposals(eventId: string): string {
    return `${this.prefix}event:${eventId}:proposals`;
  }

  /** Hash {version, data}: data is the JSON list of the event's ScheduledSessions. */
  schedule(eventId: string): string {
    return `${this.prefix}event:${eventId}:schedule`;
  }

  /**
   * Sorted set of the session's question ids, scored by `askedAt`: Redis orders equal scores by
   * member, so ZRANGE is the order questions are listed in (by time, then id). ZCARD is the count.
   */
  questions(sessionId: string): string {
    return `${this.prefix}questions:${sessionId}`;
  }

  /**
   * Set of the ids of the session's open questions: SCARD is how many wait in the queue. Kept by
   * the addQuestion and moveQuestion scripts, in the same step as the status.
   */
  openQuestions(sessionId: string): string {
    return `${this.prefix}questions:${sessionId}:open`;
  }

  /** Hash: an asker (QuestionQuota's `asker`) -> how many open questions it has; absent at 0. */
  openQuestionsByAsker(sessionId: string): string {
    return `${this.prefix}questions:${sessionId}:open-by-asker`;
  }

  /**
   * Hash of one question: `data` (JSON of what never changes: id, name, text, askedAt, askerId),
   * `status`, `handledAt` ('' until handled), `asker` (QuestionQuota's, for the open counts). The
   * id comes last (after `:q:`) and from clients, but session ids hold no `:`, so whatever the id,
   * the key stays among this session's questions.
   */
  question(sessionId: string, id: string): string {
    return `${this.prefix}questions:${sessionId}:q:${id}`;
  }

  /** Hash {version, data}: data is the TimerRecord's JSON. */
  timer(sessionId: string): string {
    return `${this.prefix}timer:${sessionId}`;
  }
}

/** The stream entry id of an update: the seq itself, so a stream position is a seq. */
export function logEntryId(seq: number): string {
  return `0-${seq}`;
}

/** The seq of a stream entry id written by `logEntryId`. */
export function seqOfLogEntryId(id: string): number {
  const match = /^0-(\d+)$/.exec(id);
  if (!match) throw new Error(`not a Roundtable log entry id: ${id}`);
  return Number(match[1]);
}
