// Forks the client-host workers and gives the orchestrator request/response
// calls over IPC, each bounded by a timeout.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild, track } from './childRegistry.js';
import type { ParentMessage, WorkerMessage } from './protocol.js';
import { withTimeout } from './time.js';

const WORKER_ENTRY = fileURLToPath(new URL('./worker.js', import.meta.url));

type Reply<T extends WorkerMessage['type']> = Extract<WorkerMessage, { type: T }>;
interface Waiter {
  resolve: (message: WorkerMessage) => void;
  reject: (err: Error) => void;
}

export class WorkerPool {
  private readonly workers: ChildProcess[] = [];
  private readonly waiters = new Map<ChildProcess, Map<string, Waiter>>();
  readonly errors: string[] = [];

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const child = fork(WORKER_ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      track(child);
      const waiters = new Map<string, Waiter>();
      this.waiters.set(child, waiters);
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'error') this.errors.push(`worker ${i}: ${message.message}`);
        const waiter = waiters.get(message.type);
        if (waiter) {
          waiters.delete(message.type);
          waiter.resolve(message);
        }
      });
      // e.g. sending to a worker that already died; recorded instead of crashing the run
      child.on('error', (err) => this.errors.push(`worker ${i}: ${err.message}`));
      child.on('exit', (code, signal) => {
        for (const waiter of waiters.values()) waiter.reject(new Error(`worker ${i} exited while a reply was pending`));
        waiters.clear();
        if (code !== 0 && code !== null) this.errors.push(`worker ${i} exited with code ${code}`);
        if (signal && signal !== 'SIGTERM' && signal !== 'SIGKILL') this.errors.push(`worker ${i} killed by ${signal}`);
      });
      this.workers.push(child);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  send(index: number, message: ParentMessage): void {
    this.workers[index]?.send(message);
  }

  broadcast(message: ParentMessage): void {
    for (const worker of this.workers) worker.send(message);
  }

  /** Sends `message` (if given) to every worker and waits for each one's reply of type `type`. */
  async request<T extends WorkerMessage['type']>(message: ParentMessage | null, type: T, timeoutMs: number): Promise<Reply<T>[]> {
    const replies = this.workers.map(
      (worker) =>
        new Promise<Reply<T>>((resolve, reject) => {
          if (worker.exitCode !== null || worker.signalCode !== null) reject(new Error(`worker already exited, no '${type}'`));
          this.waiters.get(worker)?.set(type, { resolve: (m) => resolve(m as Reply<T>), reject });
        }),
    );
    if (message) this.broadcast(message);
    return withTimeout(`'${type}' from ${this.workers.length} workers`, Promise.all(replies), timeoutMs);
  }

  async close(): Promise<void> {
    this.broadcast({ type: 'close' });
    // workers exit on their own after closing their sockets; stopChild escalates if not
    await Promise.all(
      this.workers.map(async (worker) => {
        const exited = new Promise<void>((resolve) => (worker.exitCode !== null ? resolve() : worker.once('exit', () => resolve())));
        await withTimeout('worker exit', exited, 3000).catch(() => stopChild(worker, 1000));
      }),
    );
  }
}
