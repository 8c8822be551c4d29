import path from 'node:path';
import type { Storage } from './Storage.js';
import { SqliteStorage } from './SqliteStorage.js';

export type { Storage, SessionRecord, TokenGrant, StoredDocument, DocumentUpdate } from './Storage.js';
export { SqliteStorage } from './SqliteStorage.js';

export const SQLITE_FILE_NAME = 'roundtable.sqlite';

export interface StorageOptions {
  dataDir: string;
  redisUrl?: string;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.redisUrl) {
    throw new Error('REDIS_URL is set, but Redis storage is not available in this version');
  }
  return new SqliteStorage(path.join(options.dataDir, SQLITE_FILE_NAME));
}
