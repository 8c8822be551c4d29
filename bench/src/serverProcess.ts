// Starts one server under test as a child process (fresh process and data dir
// per measurement, so peak RSS is per scenario) and hands out rooms on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild, track } from './childRegistry.js';
import { freePort } from './freePort.js';
import { readCpuNs, readPeakRssMiB, readRssMiB } from './procStats.js';
import { sleep } from './time.js';

export type ServerKind = 'ours' | 'reference';

/**
 * Our built server. BENCH_OURS_ENTRY names another build's `server/dist/main.js` (a checkout of an
 * earlier commit, say), to measure a change against what came before with the same bench.
 */
export const OURS_ENTRY = process.env.BENCH_OURS_ENTRY ?? fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
const REFERENCE_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'referenceServer.js');

/** A document/room clients can join, with the tokens each role connects with. */
export interface Room {
  name: string;
  editorToken: string;
  followerToken: string;
}

export interface ServerHandle {
  kind: ServerKind;
  pid: number;
  httpUrl: string;
  /** Base URL for WebsocketProvider; the room name is appended by the provider. */
  wsUrl: string;
  createRoom(title: string, capacity: number): Promise<Room>;
  cpuNs(): bigint;
  peakRssMiB(): number;
  /** Resident set size now. */
  rssMiB(): number;
  logTail(): string;
  stop(): Promise<void>;
}

export function oursAvailable(): boolean {
  return existsSync(OURS_ENTRY);
}

async function waitHealthy(child: ChildProcess, httpUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    try {
      const res = await fetch(`${httpUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server did not answer /healthz with 200 within ${timeoutMs} ms`);
}

interface SessionResponse {
  id: string;
  tokens: { moderator: string; attendee: string; follower: string };
}

export interface StartOptions {
  /** Extra environment for the server, e.g. REDIS_URL for one process of a cluster. */
  env?: Record<string, string>;
}

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<ServerHandle> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `roundtable-bench-${kind}-`));
  const logPath = join(dataDir, 'server.log');
  const logFd = openSync(logPath, 'a');
  const entry = kind === 'ours' ? OURS_ENTRY : REFERENCE_ENTRY;
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // A REDIS_URL from the caller's shell must not silently turn a single-process run into a Redis one:
  // the bench owns its servers' storage.
  const inherited = { ...process.env };
  delete inherited.REDIS_URL;
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    env: { ...inherited, ...options.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', logFd, logFd],
  });
  track(child);
  closeSync(logFd);
  const httpUrl = `http://127.0.0.1:${port}`;
  const logTail = (): string => {
    try {
      return readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  };
  try {
    await waitHealthy(child, httpUrl, 20_000);
  } catch (err) {
    await stopChild(child);
    throw new Error(`${kind} server failed to start: ${(err as Error).message}\n${logTail()}`);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('spawned server has no pid');

  let roomCounter = 0;
  return {
    kind,
    pid,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    async createRoom(title: string, capacity: number): Promise<Room> {
      roomCounter += 1;
      if (kind === 'reference') {
        // The reference has no sessions or auth: any path is a document.
        return { name: `bench-${roomCounter}-${process.pid}`, editorToken: 'none', followerToken: 'none' };
      }
      const res = await fetch(`${httpUrl}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, durationMinutes: 60, capacity }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as SessionResponse;
      return { name: body.id, editorToken: body.tokens.attendee, followerToken: body.tokens.follower };
    },
    cpuNs: () => readCpuNs(pid),
    peakRssMiB: () => readPeakRssMiB(pid),
    rssMiB: () => readRssMiB(pid),
    logTail,
    async stop(): Promise<void> {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
