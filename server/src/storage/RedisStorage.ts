import { randomUUID } from 'node:crypto';
import { createClient, RESP_TYPES } from 'redis';
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
import { DEFAULT_REDIS_KEY_PREFIX, ORIGIN_FIELD, RedisKeys, UPDATE_FIELD } from './redisKeys.js';
import { storageScripts } from './redisScripts.js';
import { closeRedisClient, describeError, redactedUrl } from '../redis/redisClients.js';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'storage' });

export interface RedisStorageOptions {
  /** `redis://[:password@]host:port[/db]`, as REDIS_URL. */
  url: string;
  /** Put before every key, so several deployments (or tests) can share one Redis. */
  keyPrefix?: string;
  /** Names this process in the log entries it writes; random unless given. */
  instanceId?: string;
}

/** Tries of the first connection before giving up (under a second): time for a Redis started alongside. */
const INITIAL_CONNECT_ATTEMPTS = 5;
const FIRST_RETRY_DELAY_MS = 50;
/** Once connected, Redis is waited for forever, retrying at most this far apart. */
const MAX_RETRY_DELAY_MS = 2000;
/** XTRIM MINID, which compaction uses, came in Redis 6.2. */
const MIN_REDIS_VERSION: readonly [number, number] = [6, 2];

function createStorageClient(url: string, reconnectDelay: (retries: number, cause: Error) => number | Error) {
  return createClient({
    url,
    scripts: storageScripts,
    // While Redis is away, commands fail at once instead of queueing: the sync layer already
    // retries failed writes and tells clients to reconnect, and /healthz reports the outage.
    disableOfflineQueue: true,
    socket: { reconnectStrategy: reconnectDelay },
  });
}

type StorageClient = ReturnType<typeof createStorageClient>;

/**
 * Storage in Redis, shared by every server process that names the same Redis and prefix
 * (layout in redisKeys.ts, atomic steps in redisScripts.ts).
 *
 * Durability is the Redis server's: an append resolves once Redis has applied it. Only with
 * `appendonly yes` does it survive a crash or restart of Redis itself (`appendfsync everysec`
 * may lose the last second on a power cut; `always` loses nothing). Use `maxmemory-policy
 * noeviction`: an evicted key is lost data.
 */
export class RedisStorage implements Storage {
  readonly kind = 'redis';
  readonly keys: RedisKeys;
  private closed = false;
  /** The same connection, answering bulk strings as Buffers: documents are bytes, not text. */
  private readonly binary;

  private constructor(
    private readonly client: StorageClient,
    keyPrefix: string,
    readonly instanceId: string,
  ) {
    this.keys = new RedisKeys(keyPrefix);
    this.binary = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  }

  /**
   * Connects, or fails with a message naming the Redis (password hidden) if it cannot be reached
   * after a few tries. Once connected, a lost connection is retried forever; meanwhile
   * `isOpen()` is false and operations reject.
   */
  static async connect(options: RedisStorageOptions): Promise<RedisStorage> {
    const where = redactedUrl(options.url);
    let connected = false;
    let reportedOutage = false;
    let client: StorageClient;
    try {
      client = createStorageClient(options.url, (retries, cause) => {
        if (!connected && retries + 1 >= INITIAL_CONNECT_ATTEMPTS) return cause;
        return Math.min(FIRST_RETRY_DELAY_MS * 2 ** retries, MAX_RETRY_DELAY_MS);
      });
    } catch (error) {
      throw new Error(`invalid Redis URL ${where}: ${describeError(error)}`, { cause: error });
    }
    // Without a listener an 'error' event would crash the process. Report an outage once, not
    // on every retry.
    client.on('error', (error: unknown) => {
      if (!connected || reportedOutage) return;
      reportedOutage = true;
      log.error({ redis: where, error: describeError(error) }, 'lost Redis, reconnecting');
    });
    client.on('ready', () => {
      if (reportedOutage) log.info({ redis: where }, 'Redis is back');
      reportedOutage = false;
    });

    try {
      await client.connect();
    } catch (error) {
      throw new Error(`cannot connect to Redis at ${where}: ${describeError(error)}`, { cause: error });
    }
    connected = true;
    try {
      await checkRedisVersion(client);
    } catch (error) {
      await client.close();
      throw new Error(`Redis at ${where}: ${describeError(error)}`, { cause: error });
    }
    return new RedisStorage(client, options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX, options.instanceId ?? randomUUID());
  }

  isOpen(): boolean {
    return !this.closed && this.client.isReady; // ready: connected and past the handshake
  }

  private get live(): StorageClient {
    if (this.closed) throw new Error('storage is closed');
    return this.client;
  }

  async createSession(session: SessionRecord): Promise<void> {
    const client = this.live;
    const keys = [this.keys.session(session.id)];
    const values = [JSON.stringify(session)];
    for (const [role, token] of Object.entries(session.tokens)) {
      keys.push(this.keys.token(token));
      values.push(JSON.stringify({ sessionId: session.id, role }));
    }
    await client.createSession(keys, values);
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const json = await this.live.get(this.keys.session(id));
    return json === null ? null : (JSON.parse(json) as SessionRecord);
  }

  async findToken(token: string): Promise<TokenGrant | null> {
    const json = await this.live.get(this.keys.token(token));
    if (json === null) return null;
    const grant = JSON.parse(json) as { sessionId?: unknown; role?: unknown };
    if (typeof grant.sessionId !== 'string' || !isRole(grant.role)) return null;
    return { sessionId: grant.sessionId, role: grant.role };
  }

  async loadDocument(docName: string): Promise<StoredDocument> {
    this.live;
    const reply = await this.binary.loadDocument(
      this.keys.docSnapshot(docName),
      this.keys.docSnapshotSeq(docName),
      this.keys.docLog(docName),
    );
    return storedDocumentOf(reply);
  }

  async appendUpdates(updates: DocumentUpdate[]): Promise<number[]> {
    const client = this.live;
    if (updates.length === 0) return [];
    // Pipelined on one connection, so applied in order in one round trip; not in a MULTI, where
    // node-redis would send each script's whole text (EVAL) instead of its hash (EVALSHA). Each
    // append is atomic on its own, which is all a Yjs update needs: a batch that fails half-way
    // is reported as failed, and its clients send their state again on reconnecting.
    const seqs = await Promise.all(
      updates.map(({ docName, update }) =>
        client.appendUpdate(this.keys.docSeq(docName), this.keys.docLog(docName), UPDATE_FIELD, asBuffer(update), ORIGIN_FIELD, this.instanceId),
      ),
    );
    return seqs.map((seq) => Number(seq));
  }

  async acquireCompactionLease(docName: string, leaseMs: number): Promise<boolean> {
    const set = await this.live.set(this.keys.docCompactionLease(docName), this.instanceId, { NX: true, PX: Math.max(1, Math.round(leaseMs)) });
    return set === 'OK';
  }

  async compactDocument(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await this.live.compactDocument(
      this.keys.docSnapshot(docName),
      this.keys.docSnapshotSeq(docName),
      this.keys.docLog(docName),
      asBuffer(snapshot),
      throughSeq,
    );
  }

  async loadTimer(sessionId: string): Promise<StoredTimer | null> {
    const [version, data] = await this.live.hmGet(this.keys.timer(sessionId), ['version', 'data']);
    if (version == null || data == null) return null;
    return { record: JSON.parse(data) as TimerRecord, version: Number(version) };
  }

  async saveTimer(record: TimerRecord, expectedVersion: number): Promise<number | null> {
    return this.live.saveVersioned(this.keys.timer(record.sessionId), JSON.stringify(record), expectedVersion);
  }

  async createEvent(event: EventRecord): Promise<void> {
    const set = await this.live.set(this.keys.event(event.id), JSON.stringify(event), { NX: true });
    if (set !== 'OK') throw new Error(`event ${event.id} already exists`);
  }

  async getEvent(id: string): Promise<EventRecord | null> {
    const json = await this.live.get(this.keys.event(id));
    return json === null ? null : (JSON.parse(json) as EventRecord);
  }

  async saveProposal(proposal: ProposalRecord): Promise<void> {
    await this.live
      .multi()
      .set(this.keys.proposal(proposal.id), JSON.stringify(proposal))
      // NX: an edit keeps the proposal's place in the list
      .zAdd(this.keys.eventProposals(proposal.eventId), { score: Date.parse(proposal.createdAt) || 0, value: proposal.id }, { NX: true })
      .exec();
  }

  async getProposal(id: string): Promise<ProposalRecord | null> {
    const json = await this.live.get(this.keys.proposal(id));
    return json === null ? null : (JSON.parse(json) as ProposalRecord);
  }

  async listProposals(eventId: string): Promise<ProposalRecord[]> {
    const ids = await this.live.zRange(this.keys.eventProposals(eventId), 0, -1);
    if (ids.length === 0) return [];
    const jsons = await this.live.mGet(ids.map((id) => this.keys.proposal(id)));
    return jsons.flatMap((json) => (json === null ? [] : [JSON.parse(json) as ProposalRecord]));
  }

  async loadSchedule(eventId: string): Promise<StoredSchedule> {
    const [version, data] = await this.live.hmGet(this.keys.schedule(eventId), ['version', 'data']);
    if (version == null || data == null) return { sessions: [], version: 0 };
    return { sessions: JSON.parse(data) as ScheduledSession[], version: Number(version) };
  }

  async saveSchedule(eventId: string, sessions: ScheduledSession[], expectedVersion: number): Promise<number | null> {
    return this.live.saveVersioned(this.keys.schedule(eventId), JSON.stringify(sessions), expectedVersion);
  }

  async loadMinutesState(sessionId: string): Promise<MinutesState> {
    const [minuteTaker, sent] = await this.live
      .multi()
      .get(this.keys.minuteTaker(sessionId))
      .lRange(this.keys.minutesSent(sessionId), 0, -1)
      .exec();
    return {
      minuteTaker: typeof minuteTaker === 'string' ? minuteTaker : null,
      sent: (sent as unknown as string[]).map((json) => JSON.parse(json) as MinutesSending),
    };
  }

  async setMinuteTaker(sessionId: string, name: string | null): Promise<void> {
    const key = this.keys.minuteTaker(sessionId);
    await (name === null ? this.live.del(key) : this.live.set(key, name));
  }

  async recordMinutesSent(sessionId: string, sending: MinutesSending): Promise<void> {
    await this.live.rPush(this.keys.minutesSent(sessionId), JSON.stringify(sending));
  }

  async saveBoardImage(sessionId: string, png: Uint8Array): Promise<void> {
    await this.live.set(this.keys.boardImage(sessionId), asBuffer(png));
  }

  async loadBoardImage(sessionId: string): Promise<Uint8Array | null> {
    this.live;
    const png = await this.binary.get(this.keys.boardImage(sessionId));
    return png === null ? null : new Uint8Array(png);
  }

  async addQuestion(sessionId: string, question: StoredQuestion, quota: QuestionQuota): Promise<QuestionAdd> {
    const { id, name, text, askedAt, askerId, status, handledAt } = question;
    return this.live.addQuestion(
      {
        list: this.keys.questions(sessionId),
        question: this.keys.question(sessionId, id),
        open: this.keys.openQuestions(sessionId),
        openByAsker: this.keys.openQuestionsByAsker(sessionId),
      },
      quota,
      askedAt,
      id,
      JSON.stringify({ id, name, text, askedAt, askerId } satisfies FixedQuestionFields),
      status,
      handledAtField(handledAt),
    );
  }

  async listQuestions(sessionId: string): Promise<StoredQuestion[]> {
    const client = this.live;
    const ids = await client.zRange(this.keys.questions(sessionId), 0, -1);
    // Pipelined: one round trip. Questions are never removed, so none can vanish in between.
    const stored = await Promise.all(ids.map((id) => client.hmGet(this.keys.question(sessionId, id), ['data', 'status', 'handledAt'])));
    return stored.flatMap(([data, status, handledAt]) => (data == null || status == null ? [] : [questionOfFields(data, status, handledAt ?? '')]));
  }

  async moveQuestion(sessionId: string, id: string, to: QuestionStatus, at: number): Promise<QuestionMove> {
    const keys = {
      question: this.keys.question(sessionId, id),
      open: this.keys.openQuestions(sessionId),
      openByAsker: this.keys.openQuestionsByAsker(sessionId),
    };
    const moved = await this.live.moveQuestion(keys, id, to, at, questionStatusesBefore(to));
    if (moved === null) return { error: 'not-found' };
    const [applied, data, status, handledAt] = moved;
    if (typeof data !== 'string' || typeof status !== 'string' || typeof handledAt !== 'string') {
      throw new Error('unexpected reply from the moveQuestion script');
    }
    const question = questionOfFields(data, status, handledAt);
    return applied === 1 ? { question } : { error: 'invalid-transition', question };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Answers the commands already sent before it disconnects, unless Redis is away.
    await closeRedisClient(this.client);
  }
}

/** What a question's `data` field holds: the part that never changes. */
type FixedQuestionFields = Pick<StoredQuestion, 'id' | 'name' | 'text' | 'askedAt' | 'askerId'>;

/** A question's `handledAt` hash field: '' stands for null (a hash field cannot be absent and set). */
function handledAtField(handledAt: number | null): string {
  return handledAt === null ? '' : String(handledAt);
}

function questionOfFields(data: string, status: string, handledAt: string): StoredQuestion {
  const fixed = JSON.parse(data) as FixedQuestionFields;
  return {
    ...fixed,
    status: status as QuestionStatus, // only ever written from a QuestionStatus
    handledAt: handledAt === '' ? null : Number(handledAt),
  };
}

/** Reads loadDocumentScript's `[snapshot or null, lastSeq, ...updates]`. */
function storedDocumentOf(reply: Array<Buffer | number | null>): StoredDocument {
  const [snapshot, lastSeq, ...updates] = reply;
  if (!(snapshot === null || Buffer.isBuffer(snapshot)) || typeof lastSeq !== 'number' || !updates.every(Buffer.isBuffer)) {
    throw new Error('unexpected reply from the loadDocument script');
  }
  // Copies: the reply's Buffers may be views into a larger socket chunk.
  return {
    snapshot: snapshot ? new Uint8Array(snapshot) : null,
    updates: updates.map((update) => new Uint8Array(update)),
    lastSeq,
  };
}

/** A view of the same bytes as Buffer, which the client sends as they are (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function checkRedisVersion(client: StorageClient): Promise<void> {
  const info = String(await client.info('server'));
  const match = /redis_version:(\d+)\.(\d+)/.exec(info);
  if (!match) return; // a Redis-compatible server that does not say: let it try
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const [needMajor, needMinor] = MIN_REDIS_VERSION;
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new Error(`version ${major}.${minor} is too old, Roundtable needs ${needMajor}.${needMinor} or later`);
  }
}

