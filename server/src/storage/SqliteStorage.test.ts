import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('SQLite WAL checkpoints', () => {
  it('are made off the event loop, so the log is copied into the database file without anyone waiting', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-wal-'));
    const file = path.join(dir, 'roundtable.sqlite');
    const storage = new SqliteStorage(file);
    try {
      const before = fs.statSync(file).size;
      for (let i = 0; i < 300; i++) await storage.appendUpdates([{ docName: 'd', update: new Uint8Array(2000).fill(i % 256) }]);
      // The writer never checkpoints itself (wal_autocheckpoint = 0): the file grows only by the worker's copy.
      const deadline = Date.now() + 10_000;
      while (fs.statSync(file).size <= before + 300 * 2000) {
        if (Date.now() > deadline) throw new Error('the WAL was never checkpointed');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await storage.loadDocument('d')).updates).toHaveLength(300);
    } finally {
      await storage.close();
    }
  });
});
