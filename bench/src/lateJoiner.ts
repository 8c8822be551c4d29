// Late joiner: one client makes N separate edits to a fresh document, then K
// fresh clients join one after another while the server is otherwise idle;
// we time each initial sync and the server CPU it costs.
import WS from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { startServer, type ServerHandle, type ServerKind } from './serverProcess.js';
import { nowMs, sleep, waitFor, withTimeout } from './time.js';
import { setPresence } from './presence.js';

export interface LateJoinerOptions {
  edits: number;
  joiners: number;
  awareness: boolean;
  log: (line: string) => void;
}

export interface JoinSample {
  syncMs: number;
  serverCpuMs: number;
  complete: boolean;
}

export interface LateJoinerResult {
  server: ServerKind;
  edits: number;
  docBytes: number;
  writeS: number;
  joins: JoinSample[];
  syncMsMedian: number;
  serverCpuMsMedian: number;
  /** Server CPU burnt per second while idle, to read the join figures against. */
  idleCpuMsPerS: number;
  allComplete: boolean;
  peakRssMiB: number;
}

/** Deterministic PRNG so both servers receive the very same document. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function connect(
  server: ServerHandle,
  room: string,
  token: string,
  awareness: boolean,
  clientID?: number,
): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  // must be set before the provider's awareness captures the id
  if (clientID !== undefined) doc.clientID = clientID;
  const provider = new WebsocketProvider(server.wsUrl, room, doc, {
    connect: false,
    params: { token },
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
    disableBc: true,
  });
  setPresence(provider, awareness ? `late joiner ${doc.clientID}` : null);
  const synced = new Promise<void>((resolve) => {
    const onSynced = (isSynced: boolean): void => {
      if (!isSynced) return;
      provider.off('sync', onSynced);
      resolve();
    };
    provider.on('sync', onSynced);
  });
  provider.connect();
  return { doc, provider, synced };
}

export async function runLateJoiner(kind: ServerKind, opts: LateJoinerOptions): Promise<LateJoinerResult> {
  const { log } = opts;
  const server = await startServer(kind);
  const open: WebsocketProvider[] = [];
  try {
    const room = await server.createRoom('bench late joiner', 30);
    // Writer and verifier publish no awareness: their periodic renewals would
    // otherwise show up as server CPU inside the join windows.
    // Item ids carry the client id as a varint, so a random id would make the
    // "same" document a different size for each server; pin it.
    const writer = connect(server, room.name, room.editorToken, false, 1_234_567_890);
    const verifier = connect(server, room.name, room.followerToken, false);
    open.push(writer.provider, verifier.provider);
    await withTimeout('writer and verifier sync', Promise.all([writer.synced, verifier.synced]), 20_000);

    // Random positions make a document of many separate items, the costly
    // shape for a sync; one character per edit makes the writer's clock equal
    // the edit count, which lets joiners prove nothing was lost.
    const text = writer.doc.getText('body');
    const rand = mulberry32(42);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz ';
    const writeStart = nowMs();
    for (let i = 0; i < opts.edits; i++) {
      text.insert(Math.floor(rand() * (text.length + 1)), alphabet[Math.floor(rand() * alphabet.length)] ?? ' ');
      if (i % 100 === 99) {
        // each insert went out as its own message; let the socket drain so the
        // server sees 20,000 updates rather than one giant buffered burst
        const ws = writer.provider.ws as unknown as WS | null;
        await waitFor('writer socket to drain', () => (ws?.bufferedAmount ?? 0) < 64 * 1024, 30_000, 1);
        await sleep(1);
      }
    }
    const finalText = text.toString();
    const verifierText = verifier.doc.getText('body');
    await waitFor('server to relay all edits', () => verifierText.length === finalText.length, 120_000, 20);
    if (verifierText.toString() !== finalText) throw new Error('verifier document differs from writer after all edits');
    const writeS = (nowMs() - writeStart) / 1000;
    const writerClient = writer.doc.clientID;
    const docBytes = Y.encodeStateAsUpdate(writer.doc).length;
    log(`  wrote ${opts.edits} edits in ${writeS.toFixed(1)} s (document ${(docBytes / 1024).toFixed(0)} KiB)`);
    writer.provider.destroy();
    open.splice(open.indexOf(writer.provider), 1);
    await sleep(500);

    const idle0 = server.cpuNs();
    await sleep(1000);
    const idleCpuMsPerS = Number(server.cpuNs() - idle0) / 1e6;

    const joins: JoinSample[] = [];
    for (let k = 0; k < opts.joiners; k++) {
      const cpu0 = server.cpuNs();
      const t0 = nowMs();
      const joiner = connect(server, room.name, room.editorToken, opts.awareness);
      open.push(joiner.provider);
      await withTimeout(`late joiner ${k + 1} sync`, joiner.synced, 30_000);
      const syncMs = nowMs() - t0;
      // let the server finish the join's tail (awareness relay, sync-step-2 reply)
      await sleep(100);
      const serverCpuMs = Number(server.cpuNs() - cpu0) / 1e6;
      const joinerText = joiner.doc.getText('body').toString();
      const clock = Y.decodeStateVector(Y.encodeStateVector(joiner.doc)).get(writerClient) ?? 0;
      const complete = joinerText === finalText && clock === opts.edits;
      joins.push({ syncMs, serverCpuMs, complete });
      joiner.provider.destroy();
      joiner.doc.destroy();
      open.splice(open.indexOf(joiner.provider), 1);
      await sleep(300);
    }
    return {
      server: kind,
      edits: opts.edits,
      docBytes,
      writeS,
      joins,
      syncMsMedian: median(joins.map((j) => j.syncMs)),
      serverCpuMsMedian: median(joins.map((j) => j.serverCpuMs)),
      idleCpuMsPerS,
      allComplete: joins.every((j) => j.complete),
      peakRssMiB: server.peakRssMiB(),
    };
  } finally {
    for (const provider of open) provider.destroy();
    await server.stop();
  }
}
