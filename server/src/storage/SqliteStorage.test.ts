import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
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

describe('a SQLite file from before the open-question bounds', () => {
  it('gets the asker column, and its open questions count for the session, not for any asker', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-migrate-')), 'roundtable.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE questions (
      session_id TEXT NOT NULL, id TEXT NOT NULL, asker_id TEXT, name TEXT NOT NULL, text TEXT NOT NULL,
      asked_at INTEGER NOT NULL, status TEXT NOT NULL, handled_at INTEGER, PRIMARY KEY (session_id, id))`);
    old.prepare(`INSERT INTO questions VALUES ('s', 'old', 'asker-0123456789abcdef', 'Rhea', 'Before?', 1, 'open', NULL)`).run();
    old.close();

    const storage = new SqliteStorage(file);
    try {
      const quota = { perSession: 10, openPerSession: 2, asker: 'asker:asker-0123456789abcdef', openPerAsker: 1 };
      const question = { id: 'new', name: 'Rhea', text: 'After?', askedAt: 2, status: 'open' as const, handledAt: null, askerId: 'asker-0123456789abcdef' };
      expect(await storage.addQuestion('s', question, quota)).toBe('added');
      expect(await storage.addQuestion('s', { ...question, id: 'third' }, { ...quota, asker: 'asker:bob' })).toBe('open-full');
      expect((await storage.listQuestions('s')).map((q) => q.id)).toEqual(['old', 'new']);
    } finally {
      await storage.close();
    }
  });
});
