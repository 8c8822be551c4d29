import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { freePort, RedisServer } from '../../test/redisServer.js';
import { describeStorageConformance } from './Storage.conformance.js';
import { RedisStorage } from './RedisStorage.js';
import { openStorage } from './index.js';
import { ORIGIN_FIELD, seqOfLogEntryId, UPDATE_FIELD } from './redisKeys.js';

let redis: RedisServer | undefined;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.dispose();
});

const redisUrl = () => {
  if (!redis) throw new Error('redis-server did not start');
  return redis.url;
};

let prefixes = 0;
/** Each storage gets keys of its own on the shared redis-server: as empty as a new SQLite file. */
const freshPrefix = () => `rt-test-${++prefixes}:`;

describeStorageConformance('Redis', {
  open: () => RedisStorage.connect({ url: redisUrl(), keyPrefix: freshPrefix() }),
  reopen: (storage) => RedisStorage.connect({ url: redisUrl(), keyPrefix: (storage as RedisStorage).keys.prefix }),
});

describe('Redis storage', () => {
  it('keeps a document\'s log as a stream whose entry ids are the seqs, trimmed one compaction late', async () => {
    const storage = await RedisStorage.connect({ url: redisUrl(), keyPrefix: freshPrefix() });
    const raw = await createClient({ url: redisUrl() }).connect();
    try {
      const seqs = await storage.appendUpdates([
        { docName: 'd', update: new Uint8Array([1]) },
        { docName: 'd', update: new Uint8Array([2]) },
        { docName: 'd', update: new Uint8Array([3]) },
      ]);
      const log = storage.keys.docLog('d');
      // What other processes will read to fan updates out.
      const entries = await raw.xRange(log, '-', '+');
      expect(entries.map(({ id }) => seqOfLogEntryId(id))).toEqual(seqs);
      // Each entry names the process that stored it, so that process skips it when reading.
      expect(entries.map(({ message }) => message)).toEqual(
        ['1', '2', '3'].map(() => expect.objectContaining({ [ORIGIN_FIELD]: storage.instanceId })),
      );
      expect(entries.map(({ message }) => Object.keys(message))).toEqual([0, 1, 2].map(() => [UPDATE_FIELD, ORIGIN_FIELD]));

      // The first snapshot trims nothing yet: a process that lags still finds the entries...
      await storage.compactDocument('d', new Uint8Array([9]), seqs[1]!);
      expect((await raw.xRange(log, '-', '+')).map(({ id }) => seqOfLogEntryId(id))).toEqual(seqs);
      expect(await raw.get(storage.keys.docSnapshotSeq('d'))).toBe(String(seqs[1]));
      // ...the next one drops what the previous snapshot held, and loads never see the older ones.
      await storage.compactDocument('d', new Uint8Array([9, 9]), seqs[2]!);
      expect((await raw.xRange(log, '-', '+')).map(({ id }) => seqOfLogEntryId(id))).toEqual([seqs[2]]);
      expect((await storage.loadDocument('d')).updates).toEqual([]);
    } finally {
      await storage.close();
      await raw.close();
    }
  });

  it('is what openStorage opens when a Redis URL is given', async () => {
    const storage = await openStorage({ dataDir: '/nonexistent', redisUrl: redisUrl() });
    try {
      expect(storage.kind).toBe('redis');
      expect(storage.isOpen()).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it('fails clearly, without the password, when Redis cannot be reached', async () => {
    const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
    const failure = openStorage({ dataDir: '/nonexistent', redisUrl: url });
    await expect(failure).rejects.toThrow(/^cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/?: .*ECONNREFUSED/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('reports an outage, refuses work during it, and with appendonly keeps every acknowledged append', async () => {
    const own = await RedisServer.start({ appendOnly: true });
    let storage: RedisStorage | undefined;
    try {
      storage = await RedisStorage.connect({ url: own.url });
      const [seq] = await storage.appendUpdates([{ docName: 'd', update: new Uint8Array([1, 2, 3]) }]);

      await own.kill(); // a crash, right after the append was acknowledged
      await until(() => !storage!.isOpen());
      await expect(storage.appendUpdates([{ docName: 'd', update: new Uint8Array([4]) }])).rejects.toThrow();

      await own.restart();
      await until(() => storage!.isOpen()); // the same storage reconnects by itself
      expect(await storage.loadDocument('d')).toEqual({ snapshot: null, updates: [new Uint8Array([1, 2, 3])], lastSeq: seq });
      const [next] = await storage.appendUpdates([{ docName: 'd', update: new Uint8Array([5]) }]);
      expect(next).toBe(seq! + 1);
    } finally {
      await storage?.close();
      await own.dispose();
    }
  });
});

/** Polls `condition` until it holds; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
