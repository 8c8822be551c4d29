import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './helpers.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
}

const running = new Set<ChildProcess>();
// A failing test must not leave servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts the built server (`pnpm build` first) as its own process, as `pnpm serve` does. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    // Info at least: the "listening on" line is how we learn the port (the tests run with LOG_LEVEL=silent).
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: logLevelOfSpawned(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  // 'close', not 'exit': by then the output is read to its end, the lines written just before exiting too.
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      const onData = () => {
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(log);
        if (match) resolve(match[1]!);
      };
      child.stdout!.on('data', onData);
      void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${log}`)));
    }),
    15_000,
    'server did not start',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { child, url, output: () => log, exited };
}

export async function stopProcess(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

/** The level of spawned servers: the tests' own when it is more verbose than info, else info. */
function logLevelOfSpawned(): string {
  const level = process.env.LOG_LEVEL;
  return level === 'debug' || level === 'trace' ? level : 'info';
}
