import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage, type DocumentUpdate } from '../storage/index.js';
import type { PendingBatch, Room } from './Room.js';
import { UpdateBatcher } from './UpdateBatcher.js';

/** Real SQLite underneath; each append waits for the test to release it, as a slow Redis round trip would. */
class GatedStorage extends SqliteStorage {
  readonly started: DocumentUpdate[][] = [];
  private readonly gates: (() => void)[] = [];
  failNext = false;

  override async appendUpdates(updates: DocumentUpdate[]): Promise<number[]> {
    this.started.push(updates);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('storage refused');
    }
    return super.appendUpdates(updates);
  }

  release(): void {
    this.gates.shift()?.();
  }
}

/** What the batcher asks of a room: its pending batch, and to be told the outcome. */
function recordingRoom(name: string, log: string[]) {
  let pending: number[] = [];
  let next = 0;
  const room = {
    name,
    add() {
      pending.push(next++);
    },
    takePending(): PendingBatch | null {
      if (pending.length === 0) return null;
      const taken = pending;
      pending = [];
      return { updates: [], merged: new Uint8Array([taken.length, ...taken]) };
    },
    committed(batch: PendingBatch, seq: number) {
      log.push(`${name} committed [${[...batch.merged.slice(1)].join(',')}] seq ${seq}`);
    },
    writeFailed(batch: PendingBatch | null) {
      log.push(`${name} failed [${batch ? [...batch.merged.slice(1)].join(',') : ''}]`);
    },
  };
  return room;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('UpdateBatcher', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  function storage() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'batcher-'));
    dirs.push(dir);
    return new GatedStorage(path.join(dir, 'db.sqlite'));
  }

  it('starts the next write without waiting for the previous answer, and commits in the order written', async () => {
    const store = storage();
    const batcher = new UpdateBatcher(store);
    const log: string[] = [];
    const a = recordingRoom('a', log);
    a.add();
    batcher.schedule(a as unknown as Room);
    await turn();
    a.add();
    a.add();
    batcher.schedule(a as unknown as Room);
    await turn();
    expect(store.started).toHaveLength(2); // both writes are on their way
    expect(log).toEqual([]); // nothing forwarded before it is stored
    store.release();
    store.release();
    await batcher.drain();
    expect(log).toEqual(['a committed [0] seq 1', 'a committed [1,2] seq 2']);
    await store.close();
  });

  it('keeps later batches going when one write fails, each told its own outcome in order', async () => {
    const store = storage();
    const batcher = new UpdateBatcher(store);
    const log: string[] = [];
    const a = recordingRoom('a', log);
    const b = recordingRoom('b', log);
    store.failNext = true;
    a.add();
    batcher.schedule(a as unknown as Room);
    await turn();
    b.add();
    batcher.schedule(b as unknown as Room);
    await turn();
    store.release();
    store.release();
    await batcher.drain();
    expect(log).toEqual(['a failed [0]', 'b committed [0] seq 1']);
    await store.close();
  });
});
