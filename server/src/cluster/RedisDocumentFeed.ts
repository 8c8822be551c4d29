import { createClient, RESP_TYPES } from 'redis';
import { closeRedisClient } from '../redis/redisClients.js';
import { ORIGIN_FIELD, RedisKeys, UPDATE_FIELD, logEntryId, seqOfLogEntryId } from '../storage/redisKeys.js';
import type { DocumentFeed, FeedEntry, FeedSink } from '../sync/DocumentFeed.js';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'cluster' });

export interface RedisDocumentFeedOptions {
  url: string;
  keys: RedisKeys;
  /** The id this process writes into its log entries (RedisStorage.instanceId). */
  instanceId: string;
}

/**
 * How long one XREAD waits before it is asked again. A new watch wakes it with CLIENT UNBLOCK, but
 * that can overtake an XREAD still on its way to Redis: this bounds how late a newly loaded
 * document then starts hearing the others.
 */
const BLOCK_MS = 1_000;
/** Entries per stream per read: a process that fell behind catches up in pieces. */
const READ_COUNT = 500;
const RETRY_MS = 500;

interface Watch {
  /** The last seq delivered (or skipped as our own). */
  position: number;
  sink: FeedSink;
}

/**
 * Shares documents between server processes through Redis. Updates are read back from each
 * document's stream (the stored log itself), so a process that lost Redis for a while resumes
 * where it stopped and misses nothing; one blocking XREAD serves every loaded document. Awareness
 * is ephemeral and goes over pub/sub: a message lost in an outage is repaired by the next renewal.
 */
export class RedisDocumentFeed implements DocumentFeed {
  private readonly watches = new Map<string, Watch>();
  private closed = false;
  private readerId: number | null = null;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly reader: ReturnType<typeof binaryClient>,
    private readonly control: ReturnType<typeof createClient>,
    private readonly subscriber: ReturnType<typeof createClient>,
    private readonly options: RedisDocumentFeedOptions,
  ) {
    this.loop = this.readLoop();
  }

  static async connect(options: RedisDocumentFeedOptions): Promise<RedisDocumentFeed> {
    const reconnect = { socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) } };
    const control = createClient({ url: options.url, ...reconnect });
    const subscriber = control.duplicate();
    const reader = binaryClient(options.url, reconnect);
    for (const client of [control, subscriber, reader]) {
      client.on('error', () => {}); // outages are reported by storage; these reconnect by themselves
    }
    await Promise.all([control.connect(), subscriber.connect(), reader.connect()]);
    return new RedisDocumentFeed(reader, control, subscriber, options);
  }

  watch(docName: string, afterSeq: number, sink: FeedSink): () => void {
    const watch: Watch = { position: afterSeq, sink };
    this.watches.set(docName, watch);
    void this.subscriber
      .subscribe(this.awarenessChannel(docName), (message: Buffer) => this.onAwareness(docName, message), true)
      .catch((error: unknown) => log.error({ err: error, session: docName }, 'could not follow awareness'));
    this.wakeReader();
    return () => {
      if (this.watches.get(docName) !== watch) return;
      this.watches.delete(docName);
      void this.subscriber.unsubscribe(this.awarenessChannel(docName)).catch(() => {});
    };
  }

  publishAwareness(docName: string, update: Uint8Array): void {
    const message = Buffer.concat([Buffer.from(this.options.instanceId), Buffer.from(update)]);
    void this.control.publish(this.awarenessChannel(docName), message).catch(() => {
      // Redis is away: presence catches up with the next renewal
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watches.clear();
    this.wakeReader();
    // The reader sits in a blocking XREAD: nothing to wait for.
    await Promise.allSettled([
      closeRedisClient(this.reader, { blocking: true }),
      closeRedisClient(this.subscriber),
      closeRedisClient(this.control),
    ]);
    await this.loop.catch(() => {});
  }

  private awarenessChannel(docName: string): string {
    return `${this.options.keys.prefix}awareness:${docName}`;
  }

  private onAwareness(docName: string, message: Buffer): void {
    const idLength = Buffer.byteLength(this.options.instanceId);
    if (message.subarray(0, idLength).toString() === this.options.instanceId) return; // our own
    this.watches.get(docName)?.sink.awareness(new Uint8Array(message.subarray(idLength)));
  }

  /** A blocking XREAD does not see watches added after it started: interrupt it. */
  private wakeReader(): void {
    if (this.readerId === null) return;
    void this.control.sendCommand(['CLIENT', 'UNBLOCK', String(this.readerId)]).catch(() => {});
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      try {
        this.readerId ??= Number(await this.reader.clientId());
        const watched = [...this.watches];
        if (watched.length === 0) {
          await this.reader.sendCommand(['BLPOP', `${this.options.keys.prefix}feed:idle:${this.options.instanceId}`, String(BLOCK_MS / 1000)]);
          continue;
        }
        const streams = watched.map(([docName, w]) => ({ key: this.options.keys.docLog(docName), id: logEntryId(w.position) }));
        const reply = await this.reader.xRead(streams, { BLOCK: BLOCK_MS, COUNT: READ_COUNT });
        if (reply) this.deliver(watched, reply as unknown as StreamReply[]);
      } catch (error) {
        if (this.closed) return;
        this.readerId = null; // a new connection has a new id
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private deliver(watched: [string, Watch][], reply: StreamReply[]): void {
    const byKey = new Map(watched.map(([docName, w]) => [this.options.keys.docLog(docName), { docName, w }]));
    for (const stream of reply) {
      const target = byKey.get(String(stream.name));
      if (!target || this.watches.get(target.docName) !== target.w) continue; // unwatched meanwhile
      const entries: FeedEntry[] = [];
      for (const { id, message } of stream.messages) {
        const seq = seqOfLogEntryId(String(id));
        if (seq <= target.w.position) continue;
        if (entries.length === 0 && seq > target.w.position + 1) {
          // seqs are dense: a hole means the entries were trimmed before this process read them
          target.w.sink.resync();
        }
        const own = String(message[ORIGIN_FIELD] ?? '') === this.options.instanceId;
        const update = message[UPDATE_FIELD];
        entries.push({ seq, update: own || !update ? null : new Uint8Array(update as Buffer) });
        target.w.position = seq;
      }
      if (entries.length > 0) target.w.sink.updates(entries);
    }
  }
}

interface StreamReply {
  name: Buffer | string;
  messages: { id: Buffer | string; message: Record<string, Buffer | string | undefined> }[];
}

function binaryClient(url: string, extra: Parameters<typeof createClient>[0]) {
  return createClient({ url, ...extra }).withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
}
