import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@roundtable/shared';
import {
  closeOf,
  connectClient,
  createSession,
  eventually,
  rawSocket,
  startServer,
  synced,
  tempDir,
  until,
  withTimeout,
  type Client,
} from './helpers.js';
import { parsePrometheusText, sampleValue } from './prometheusText.js';
import { spawnServer, stopProcess, type ServerProcess } from './serverProcess.js';
import { EDITORS, allEntries, editor } from './editors.js';

const clients: Client[] = [];
const processes: ServerProcess[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of processes.splice(0)) await stopProcess(p);
});

async function spawn(dataDir: string) {
  const server = await spawnServer({ DATA_DIR: dataDir });
  processes.push(server);
  return server;
}

/** Document updates the server has received from clients so far, stored or not. */
async function updatesReceived(url: string): Promise<number> {
  const samples = parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
  return sampleValue(samples, 'roundtable_document_updates_total', { stage: 'received' }) ?? 0;
}

describe('durability', () => {
  it('keeps every change any client had seen when the server is killed with SIGKILL mid-edit', async () => {
    const dataDir = tempDir();
    const first = await spawn(dataDir);
    const session = await createSession(first.url);
    const editors = EDITORS.map((name) => editor(first.url, session.id, session.tokens.attendee, name, clients));
    await Promise.all(editors.map((e) => synced(e.client)));
    editors.forEach((e) => e.start());
    // Let edits flow until every editor has seen plenty from the others, then kill without warning.
    await eventually(() => editors.every((e) => e.seenFromOthers.size >= 150), 20_000, 'edits to flow');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    editors.forEach((e) => e.stop());
    const seen = new Set(editors.flatMap((e) => [...e.seenFromOthers]));
    expect(seen.size).toBeGreaterThanOrEqual(150);

    const second = await spawn(dataDir);
    const fresh = connectClient(second.url, session.id, session.tokens.follower);
    clients.push(fresh);
    await synced(fresh);
    const restored = allEntries(fresh.doc);
    const missing = [...seen].filter((entry) => !restored.has(entry));
    expect(missing).toEqual([]);
  });

  it('stores everything and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const first = await spawn(dataDir);
    const session = await createSession(first.url);
    const a = editor(first.url, session.id, session.tokens.moderator, 'e0', clients);
    const b = editor(first.url, session.id, session.tokens.attendee, 'e1', clients);
    await Promise.all([synced(a.client), synced(b.client)]);
    for (let i = 0; i < 200; i++) a.client.doc.getArray<string>('e0').push([`e0:${i}`]);
    await until(b.client.doc, () => b.client.doc.getArray('e0').length === 200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    a.stop();
    b.stop();

    const second = await spawn(dataDir);
    const fresh = connectClient(second.url, session.id, session.tokens.follower);
    clients.push(fresh);
    await synced(fresh);
    expect(fresh.doc.getArray('e0').length).toBe(200);
  });

  it('on SIGTERM right after a write, stores it, closes its sender with 1001 and exits 0', async () => {
    const dataDir = tempDir();
    const first = await spawn(dataDir);
    const session = await createSession(first.url);
    const writer = editor(first.url, session.id, session.tokens.moderator, 'e0', clients);
    await synced(writer.client);
    const closeCode = new Promise<number | undefined>((resolve) => {
      writer.client.provider.once('connection-close', (event) => resolve(event?.code));
    });
    const before = await updatesReceived(first.url);
    // A burst makes the room busy: its last updates wait for the next paced batch (up to 100 ms),
    // and nobody else is there to have seen them. SIGTERM comes as soon as the server has them all.
    for (let i = 0; i < 200; i++) writer.client.doc.getArray<string>('e0').push([`e0:${i}`]);
    await eventually(async () => (await updatesReceived(first.url)) >= before + 200, 10_000, 'the burst received');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await withTimeout(closeCode, 5_000, 'the writer was never closed')).toBe(CLOSE_CODES.goingAway);
    writer.stop();
    expect(first.output()).toMatch(/"msg":"shut down: every room stored and closed"/);

    const second = await spawn(dataDir);
    const fresh = connectClient(second.url, session.id, session.tokens.follower);
    clients.push(fresh);
    await synced(fresh);
    expect(fresh.doc.getArray('e0').toArray()).toEqual(Array.from({ length: 200 }, (_, i) => `e0:${i}`));
  });
});

describe('a document that fails to load', () => {
  it('closes with 1011, keeps nothing loaded and never overwrites what is stored', async () => {
    const server = await startServer();
    try {
      const session = await createSession(server.url);
      const [seq] = await server.storage.appendUpdates([{ docName: session.id, update: new Uint8Array([1, 2, 3]) }]);
      const corrupt = new Uint8Array([255, 255, 255]);
      await server.storage.compactDocument(session.id, corrupt, 0);
      const before = await server.storage.loadDocument(session.id);

      for (let attempt = 0; attempt < 2; attempt++) {
        const close = await closeOf(rawSocket(server.url, session.id, session.tokens.attendee));
        expect(close.code).toBe(CLOSE_CODES.internalError);
        expect(close.reason).toMatch(/could not load/);
      }
      expect(server.registry.loadedCount).toBe(0);
      const after = await server.storage.loadDocument(session.id);
      expect(after).toEqual(before);
      expect(after.lastSeq).toBe(seq);
      expect(after.snapshot).toEqual(corrupt);
    } finally {
      await server.stop();
    }
  });
});
