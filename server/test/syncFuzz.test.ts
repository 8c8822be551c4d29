import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectClient, createSession, eventually, synced, tempDir, until, withTimeout, type Client } from './helpers.js';
import { spawnServer, stopProcess, type ServerProcess } from './serverProcess.js';
import { FUZZ_FAMILIES, FuzzMessages, FuzzRandom, fuzzCount, fuzzSeed, type FuzzFamily, type FuzzFrame } from './fuzzMessages.js';

/**
 * Fuzzes the sync endpoint of the built server (`pnpm --filter @roundtable/server build` first) over
 * real websockets: attackers send thousands of random and mutated y-websocket frames while two
 * honest y-websocket clients edit the same document. The server must stay up and responsive, close
 * only the attackers (with a documented code and a reason), let the honest clients converge, and
 * store a document that loads after a restart.
 *
 * Replay a failure with the seed it prints: `FUZZ_SEED=<seed> npx vitest run server/test/syncFuzz.test.ts`;
 * `FUZZ_COUNT=<frames>` scales the run (the attack also stops after `ATTACK_MS`).
 */

const SEED = fuzzSeed();
const TOTAL_FRAMES = fuzzCount(4_000);
/** The attack stops after this long even if frames are left: the whole test stays under a minute. */
const ATTACK_MS = 30_000;
const ATTACKERS = ['attendee', 'attendee', 'attendee', 'follower', 'follower'] as const;
/** Honest clients edit this often; each edit is a map entry, every fifth also a paragraph of the minutes. */
const HONEST_EDIT_MS = 20;
const HEALTH_PROBE_MS = 200;
/** The event loop is "responsive" while /healthz answers within this. */
const MAX_HEALTH_RTT_MS = 2_000;
/** After its last frames, an attacker waits this long for the server's verdict before leaving by itself. */
const VERDICT_WAIT_MS = 30;
/** The server must close a socket it closes (or answer ours) within this. */
const CLOSE_TIMEOUT_MS = 5_000;

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

const processes: ServerProcess[] = [];
const clients: Client[] = [];
const sockets = new Set<WebSocket>();
/** Stops what the test started and may still be running if it failed: timers, attack loops. */
const stoppers: (() => void)[] = [];

afterAll(async () => {
  for (const stop of stoppers.splice(0)) stop();
  for (const socket of sockets) socket.terminate();
  for (const c of clients.splice(0)) c.destroy();
  for (const p of processes.splice(0)) await stopProcess(p);
});

/** The close codes the README documents for the live documents (its "Close codes" table). */
function documentedCloseCodes(): Set<number> {
  const readme = fs.readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('### Live documents'));
  const table = section.slice(section.indexOf('Close codes'), section.indexOf('\n###', 1));
  return new Set([...table.matchAll(/^\| `(\d{4})` \|/gm)].map((m) => Number(m[1])));
}

/** Lines of a server's log that report a problem of the server's own (not a client's). */
function serverErrors(output: string): string[] {
  return output.split('\n').filter((line) => /"level":"(error|fatal)"|uncaught|unhandled/i.test(line));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface HonestEditor {
  name: string;
  client: Client;
  /** Every close the server gave this client: there must be none. */
  closes: string[];
  keys: string[];
  paragraphs: string[];
  start(): void;
  stop(): void;
}

function honestEditor(url: string, sessionId: string, token: string, name: string): HonestEditor {
  const client = connectClient(url, sessionId, token);
  clients.push(client);
  const closes: string[] = [];
  client.provider.on('connection-close', (event) => closes.push(`${event?.code} ${event?.reason}`));
  const map = client.doc.getMap<number>('honest');
  const minutes = client.doc.getXmlFragment('minutes');
  const editor: HonestEditor = { name, client, closes, keys: [], paragraphs: [], start, stop };
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  function start() {
    stoppers.push(stop);
    timer = setInterval(() => {
      const key = `${name}:${n++}`;
      client.doc.transact(() => {
        map.set(key, n);
        if (n % 5 !== 0) return;
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(key)]);
        minutes.push([paragraph]);
        editor.paragraphs.push(key);
      });
      editor.keys.push(key);
    }, HONEST_EDIT_MS);
  }
  function stop() {
    clearInterval(timer);
  }
  return editor;
}

/** Whether `doc` holds every edit of every editor. */
function holdsAll(doc: Y.Doc, editors: HonestEditor[]): boolean {
  const map = doc.getMap('honest');
  if (!editors.every((e) => e.keys.every((key) => map.has(key)))) return false;
  const text = doc.getXmlFragment('minutes').toString();
  return editors.every((e) => e.paragraphs.every((key) => text.includes(`>${key}<`)));
}

function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

interface Tally {
  frames: Record<FuzzFamily, number>;
  /** Closes the server gave attackers, by code. */
  closes: Map<number, number>;
  /** Closes without a documented code or without a reason. */
  badCloses: string[];
  /** Sockets the server never finished closing. */
  stuck: string[];
  connections: number;
  /** Upgrades refused before a websocket opened (e.g. a rate limit answering 429). */
  refused: number;
  /** The last frames sent, attacker and family: what was in flight if the server stopped answering. */
  recent: string[];
}

/**
 * One attacker: connects, sends a random number of fuzz frames, waits briefly for the server's
 * verdict, leaves if there is none, and starts over, until the budget or the time is spent.
 */
async function attack(attacker: number, url: string, sessionId: string, token: string, random: FuzzRandom, run: AttackRun, tally: Tally, allowed: Set<number>) {
  const frames = new FuzzMessages(random);
  while (run.framesLeft > 0 && Date.now() < run.deadline && !run.aborted) {
    frames.newConnection();
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${encodeURIComponent(sessionId)}?token=${encodeURIComponent(token)}`);
    sockets.add(socket);
    socket.on('error', () => {}); // a refused upgrade, or a write after the server closed
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    const opened = await withTimeout(
      new Promise<boolean>((resolve) => {
        socket.once('open', () => resolve(true));
        socket.once('close', () => resolve(false));
      }),
      CLOSE_TIMEOUT_MS,
      'timeout',
    ).catch(() => null);
    if (opened === null) {
      tally.stuck.push('an upgrade never completed');
      socket.terminate();
      sockets.delete(socket);
      continue;
    }
    if (!opened) {
      sockets.delete(socket);
      tally.refused++;
      await sleep(50);
      continue;
    }
    tally.connections++;
    const limit = frames.framesPerConnection();
    let last: FuzzFamily | null = null;
    for (let i = 0; i < limit && run.framesLeft > 0 && socket.readyState === WebSocket.OPEN; i++) {
      const frame = frames.next();
      run.framesLeft--;
      tally.frames[frame.family]++;
      last = frame.family;
      tally.recent.push(`${attacker}:${frame.family}`);
      if (tally.recent.length > 20) tally.recent.shift();
      send(socket, frame);
      if (frame.raw) break; // the stream is broken from here on
      while (socket.bufferedAmount > 1 << 20 && socket.readyState === WebSocket.OPEN) await sleep(5);
      await new Promise((resolve) => setImmediate(resolve));
    }
    let closedByUs = false;
    const verdict = await Promise.race([closed, sleep(VERDICT_WAIT_MS).then(() => null)]);
    if (!verdict) {
      closedByUs = true;
      socket.close(1000, 'attacker done');
    }
    const close = await withTimeout(closed, CLOSE_TIMEOUT_MS, 'timeout').catch(() => null);
    sockets.delete(socket);
    if (!close) {
      tally.stuck.push(`after ${last}`);
      socket.terminate();
      continue;
    }
    if (closedByUs && close.code === 1000) continue;
    tally.closes.set(close.code, (tally.closes.get(close.code) ?? 0) + 1);
    if (!allowed.has(close.code) || close.reason === '') {
      tally.badCloses.push(`${close.code} "${close.reason}" after ${last}`);
    }
  }
}

interface AttackRun {
  framesLeft: number;
  deadline: number;
  aborted: boolean;
}

function send(socket: WebSocket, frame: FuzzFrame): void {
  if (frame.raw) {
    (socket as unknown as { _socket: NodeJS.WritableStream })._socket.write(frame.data);
  } else {
    socket.send(frame.data, { binary: !frame.text });
  }
}

interface Health {
  probes: number;
  maxMs: number;
  failures: string[];
}

/** Probes /healthz every HEALTH_PROBE_MS until stopped; a slow or failed answer, or an exit, is a failure. */
function probeHealth(server: ServerProcess, onFailure: () => void) {
  const health: Health = { probes: 0, maxMs: 0, failures: [] };
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(MAX_HEALTH_RTT_MS * 5) });
        await res.text();
        if (res.status !== 200) health.failures.push(`healthz answered ${res.status}`);
      } catch (error) {
        health.failures.push(`healthz failed: ${String(error)}`);
      }
      const ms = performance.now() - started;
      health.probes++;
      health.maxMs = Math.max(health.maxMs, ms);
      if (ms > MAX_HEALTH_RTT_MS) health.failures.push(`healthz took ${Math.round(ms)} ms`);
      if (server.child.exitCode !== null || server.child.signalCode !== null) health.failures.push('the server exited');
      if (health.failures.length > 0) {
        onFailure();
        return;
      }
      await sleep(HEALTH_PROBE_MS);
    }
  })();
  return {
    health,
    async stop() {
      running = false;
      await done;
    },
  };
}

function summary(tally: Tally, health: Health, editors: HonestEditor[], ms: number): string {
  const sent = FUZZ_FAMILIES.reduce((sum, f) => sum + tally.frames[f], 0);
  const families = FUZZ_FAMILIES.map((f) => `${f}=${tally.frames[f]}`).join(' ');
  const closes = [...tally.closes].sort(([a], [b]) => a - b).map(([code, n]) => `${code}=${n}`).join(' ');
  return (
    `[sync fuzz] seed=${SEED} frames=${sent} in ${(ms / 1000).toFixed(1)} s over ${tally.connections} connections ` +
    `(${ATTACKERS.length} attackers; ${tally.refused} upgrades refused) | by family: ${families} | server closes by code: ${closes} | ` +
    `healthz: ${health.probes} probes, max ${Math.round(health.maxMs)} ms | honest edits: ${editors.map((e) => `${e.name}=${e.keys.length}`).join(' ')}`
  );
}

describe('the sync endpoint under fuzzing', () => {
  it('survives thousands of hostile frames: only attackers are closed, honest clients converge, the document loads', { timeout: 90_000 }, async () => {
    console.log(`[sync fuzz] seed=${SEED} (replay with FUZZ_SEED=${SEED}), ${TOTAL_FRAMES} frames`);
    const allowed = documentedCloseCodes();
    expect(allowed.has(4400)).toBe(true);
    const dataDir = tempDir('roundtable-fuzz-');
    const first = await spawnServer({ DATA_DIR: dataDir });
    processes.push(first);
    const session = await createSession(first.url);

    const editors = ['a', 'b'].map((name) => honestEditor(first.url, session.id, session.tokens.attendee, name));
    await Promise.all(editors.map((e) => synced(e.client)));
    editors.forEach((e) => e.start());

    const tally: Tally = {
      frames: Object.fromEntries(FUZZ_FAMILIES.map((f) => [f, 0])) as Record<FuzzFamily, number>,
      closes: new Map(),
      badCloses: [],
      stuck: [],
      connections: 0,
      refused: 0,
      recent: [],
    };
    const started = Date.now();
    const run: AttackRun = { framesLeft: TOTAL_FRAMES, deadline: started + ATTACK_MS, aborted: false };
    stoppers.push(() => (run.aborted = true));
    const probe = probeHealth(first, () => (run.aborted = true));
    const root = new FuzzRandom(SEED);
    const randoms = ATTACKERS.map(() => root.fork());
    try {
      await Promise.all(ATTACKERS.map((role, i) => attack(i, first.url, session.id, session.tokens[role], randoms[i]!, run, tally, allowed)));
    } finally {
      await probe.stop();
      editors.forEach((e) => e.stop());
      console.log(summary(tally, probe.health, editors, Date.now() - started));
      if (run.aborted || tally.stuck.length > 0) console.log(`[sync fuzz] last frames sent (attacker:family): ${tally.recent.join(' ')}`);
    }

    // Never crashed, never hung.
    expect(probe.health.failures).toEqual([]);
    expect(first.child.exitCode).toBeNull();
    expect(serverErrors(first.output())).toEqual([]);
    expect(tally.stuck).toEqual([]);
    // Only attackers were closed, each with a documented code and a reason.
    expect(tally.badCloses).toEqual([]);
    for (const e of editors) {
      expect(e.closes, `honest client ${e.name} was closed`).toEqual([]);
      expect(e.client.provider.wsconnected).toBe(true);
    }

    // The honest clients converge on a document holding every honest edit, and nothing left pending.
    for (const e of editors) await until(e.client.doc, () => holdsAll(e.client.doc, editors), 15_000, `${e.name} to hold every honest edit`);
    const [a, b] = editors.map((e) => e.client.doc) as [Y.Doc, Y.Doc];
    await eventually(() => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)), 10_000, 'the honest clients to converge');
    expect(hasPending(a) || hasPending(b)).toBe(false);
    const final = Y.snapshot(a);

    // Stop everything; the server stores what it holds and exits cleanly.
    for (const socket of sockets) socket.terminate();
    for (const c of clients.splice(0)) c.destroy();
    first.child.kill('SIGTERM');
    expect(await withTimeout(first.exited, 15_000, 'the server did not exit on SIGTERM')).toBe(0);
    expect(serverErrors(first.output())).toEqual([]);

    // A restarted server loads the stored document: a new client gets every honest edit, and only what the others had.
    const second = await spawnServer({ DATA_DIR: dataDir });
    processes.push(second);
    const fresh = connectClient(second.url, session.id, session.tokens.follower);
    clients.push(fresh);
    await synced(fresh);
    expect(holdsAll(fresh.doc, editors)).toBe(true);
    expect(hasPending(fresh.doc)).toBe(false);
    expect(Y.equalSnapshots(final, Y.snapshot(fresh.doc))).toBe(true);
    expect(serverErrors(second.output())).toEqual([]);
  });
});
