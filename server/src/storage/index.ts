import path from 'node:path';
import type { Storage } from './Storage.js';
import { SqliteStorage } from './SqliteStorage.js';
import { RedisStorage } from './RedisStorage.js';

export type {
  Storage,
  SessionRecord,
  TokenGrant,
  StoredDocument,
  DocumentUpdate,
  EventRecord,
  ProposalRecord,
  StoredSchedule,
  MinutesState,
  MinutesSending,
  StoredQuestion,
  QuestionMove,
  QuestionQuota,
  QuestionAdd,
} from './Storage.js';
export { SqliteStorage } from './SqliteStorage.js';
export { RedisStorage, type RedisStorageOptions } from './RedisStorage.js';

export const SQLITE_FILE_NAME = 'roundtable.sqlite';

export interface StorageOptions {
  dataDir: string;
  redisUrl?: string;
}

/** Redis when a URL is given (several processes can share it), else the embedded SQLite file. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.redisUrl) return RedisStorage.connect({ url: options.redisUrl });
  return new SqliteStorage(path.join(options.dataDir, SQLITE_FILE_NAME));
}
