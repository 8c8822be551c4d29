import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));

export interface RunningApp {
  url: string;
  /** Kills the server without warning, as a crash or a pulled cable would; `start` brings it back. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** Starts the built app as `pnpm serve` does, on a free port with an empty data dir. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run pnpm build first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-e2e-'));
  let port = '0';
  let child = await spawnServer({ ...env, DATA_DIR: dataDir, PORT: port });
  port = new URL(child.url).port;

  const exit = async (signal: NodeJS.Signals) => {
    const { process: proc } = child;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
  };
  return {
    url: child.url,
    crash: () => exit('SIGKILL'),
    async start() {
      child = await spawnServer({ ...env, DATA_DIR: dataDir, PORT: port });
    },
    stop: () => exit('SIGTERM'),
  };
}

async function spawnServer(env: Record<string, string>): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let log = '';
  child.stderr!.on('data', (chunk) => (log += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${log}`)), 15_000);
    child.stdout!.on('data', (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited (${code}):\n${log}`));
    });
  });
  return { process: child, url };
}
