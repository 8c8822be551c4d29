import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimerState } from '@roundtable/shared';
import { SqliteStorage } from '../storage/SqliteStorage.js';
import type { SessionRecord } from '../storage/index.js';
import { TimerService } from './TimerService.js';

const session: SessionRecord = {
  id: 's1',
  title: 'Timer',
  durationMinutes: 1,
  presentationCapMs: 300, // short, so the automatic switch happens within the test
  capacity: 30,
  preparation: [],
  createdAt: '2026-11-25T10:00:00.000Z',
  tokens: { moderator: 'm', attendee: 'a', follower: 'f' },
};

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function storageFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-timer-'));
  return path.join(dir, 'roundtable.db');
}

function service(file: string): { timers: TimerService; changes: TimerState[] } {
  const storage = new SqliteStorage(file);
  const timers = new TimerService(storage);
  const changes: TimerState[] = [];
  timers.onChange((_id, state) => changes.push(state));
  cleanup.push(() => storage.close(), () => timers.stop());
  return { timers, changes };
}

function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error('timed out'));
      }
    }, 5);
  });
}

describe('TimerService', () => {
  it('refuses anyone but the moderator', async () => {
    const { timers } = service(storageFile());
    for (const role of ['attendee', 'follower'] as const) {
      expect(await timers.command(session, role, { action: 'start' })).toMatchObject({ ok: false, error: 'forbidden' });
    }
    expect((await timers.state(session)).phase).toBe('scheduled');
  });

  it('switches to discussion by itself at the cap, exactly once across two services on one store', async () => {
    const file = storageFile();
    const a = service(file);
    const b = service(file); // another process on the same data
    const presented = await a.timers.command(session, 'moderator', { action: 'present' });
    if (!presented.ok) throw new Error(presented.error);
    await b.timers.state(session); // b has seen the running presentation and armed its own switch
    const presentedAt = presented.state.log.at(-1)!.at;

    await waitFor(() => [...a.changes, ...b.changes].some((s) => s.phase === 'discussion'));
    await new Promise((resolve) => setTimeout(resolve, 100)); // give a second writer the chance to (wrongly) write too
    const switches = [...a.changes, ...b.changes].filter((s) => s.phase === 'discussion');
    expect(switches).toHaveLength(1);
    expect(switches[0]).toMatchObject({ capReached: true, presentationUsedMs: 300 });
    expect(switches[0]!.log.at(-1)).toEqual({ phase: 'discussion', at: presentedAt + 300 });
    expect(await a.timers.command(session, 'moderator', { action: 'present' })).toMatchObject({
      ok: false,
      error: 'presentation-cap-reached',
    });
  });

  it('does not switch a presentation the moderator already left', async () => {
    const { timers, changes } = service(storageFile());
    await timers.command(session, 'moderator', { action: 'present' });
    await timers.command(session, 'moderator', { action: 'discuss' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(changes.map((s) => s.phase)).toEqual(['presentation', 'discussion']);
    expect((await timers.state(session)).capReached).toBe(false);
  });
});
