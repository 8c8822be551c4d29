import type { Storage } from '../storage/index.js';
import { RedisStorage } from '../storage/index.js';
import type { DocumentFeed } from '../sync/DocumentFeed.js';
import { RedisDocumentFeed } from './RedisDocumentFeed.js';
import { RedisSeatLedger } from './RedisSeatLedger.js';
import type { SeatLedger } from '../sync/SeatLedger.js';

export { RedisDocumentFeed } from './RedisDocumentFeed.js';

/** Seats counted across the processes sharing this storage; none for SQLite. */
export async function openSeatLedger(storage: Storage, redisUrl: string | undefined): Promise<SeatLedger | null> {
  if (!(storage instanceof RedisStorage) || !redisUrl) return null;
  return RedisSeatLedger.connect(redisUrl, storage.keys, storage.instanceId);
}

/** The feed that lets processes sharing this storage serve the same documents; none for SQLite. */
export async function openDocumentFeed(storage: Storage, redisUrl: string | undefined): Promise<DocumentFeed | null> {
  if (!(storage instanceof RedisStorage) || !redisUrl) return null;
  return RedisDocumentFeed.connect({ url: redisUrl, keys: storage.keys, instanceId: storage.instanceId });
}
