import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeStorageConformance } from './Storage.conformance.js';
import { SqliteStorage } from './SqliteStorage.js';

describeStorageConformance('SQLite', {
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-sqlite-'));
    return new SqliteStorage(path.join(dir, 'nested', 'roundtable.sqlite'));
  },
  async reopen(storage) {
    return new SqliteStorage((storage as SqliteStorage).file);
  },
});
