// The Redis that the server processes of a multi-process run share. The bench
// starts it (fresh per measurement, like the servers) and owns it: it is
// tracked in childRegistry, so it is killed on every way out of the run.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild, track } from './childRegistry.js';
import { freePort } from './freePort.js';
import { readCpuNs, readPeakRssMiB } from './procStats.js';
import { sleep } from './time.js';

/** Loading nothing (no RDB, no AOF), redis-server answers within milliseconds; this is a bound, not a wait. */
const READY_TIMEOUT_MS = 10_000;
/** The free port can be taken by someone else before redis-server binds it. */
const PORT_ATTEMPTS = 3;

export interface RedisHandle {
  pid: number;
  url: string;
  cpuNs(): bigint;
  peakRssMiB(): number;
  logTail(): string;
  stop(): Promise<void>;
}

/**
 * True once our redis-server answers PING with PONG. Its process id is checked
 * too: if another Redis took the port first, that one would answer.
 */
function answersPing(port: number, pid: number | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\nINFO server\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.startsWith('-')) return done(false);
      const answeredBy = /process_id:(\d+)\r\n/.exec(reply);
      if (answeredBy) done(reply.startsWith('+PONG') && Number(answeredBy[1]) === pid);
    });
  });
}

async function launch(dir: string): Promise<RedisHandle> {
  const port = await freePort();
  const logPath = join(dir, `redis-${port}.log`);
  const logFd = openSync(logPath, 'a');
  // In memory only: nothing of a benchmark run needs to survive it, and disk
  // writes would add noise to what we measure.
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', logFd, logFd],
  });
  track(child);
  closeSync(logFd);
  let spawnError = '';
  child.once('error', (err) => (spawnError = err.message)); // e.g. redis-server not installed
  const logTail = (): string => {
    try {
      return readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n') + spawnError;
    } catch {
      return spawnError;
    }
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answersPing(port, child.pid))) {
    const gone = child.exitCode !== null || child.signalCode !== null || spawnError !== '';
    if (gone || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`redis-server on port ${port} ${gone ? 'exited before accepting connections' : `did not answer PING within ${READY_TIMEOUT_MS} ms`}:\n${logTail()}`);
    }
    await sleep(20);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('spawned redis-server has no pid');
  return {
    pid,
    url: `redis://127.0.0.1:${port}`,
    cpuNs: () => readCpuNs(pid),
    peakRssMiB: () => readPeakRssMiB(pid),
    logTail,
    stop: () => stopChild(child),
  };
}

export async function startRedis(): Promise<RedisHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-bench-redis-'));
  for (let attempt = 1; ; attempt++) {
    try {
      const redis = await launch(dir);
      return {
        ...redis,
        async stop(): Promise<void> {
          await redis.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      const portTaken = /Address already in use/i.test((err as Error).message);
      if (!portTaken || attempt >= PORT_ATTEMPTS) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
}
