import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'storage' });

/**
 * Runs SQLite's WAL checkpoints on a worker thread. A checkpoint copies the log into the database
 * and syncs it to disk; done by SQLite's automatic checkpoint, that sync would block the event loop
 * (and every room's fan-out) for as long as the disk takes. A PASSIVE checkpoint on another
 * connection never blocks the writer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  /** Watched from the start: a worker that died early (its 'error' is logged) must not hold up stop(). */
  private readonly exited: Promise<unknown>;

  constructor(file: string, intervalMs = 1000) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver, intervalMs },
      // The source is CommonJS: a process started with --input-type=module would run it as a module.
      execArgv: process.execArgv.filter((arg) => !arg.startsWith('--input-type')),
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.on('message', (error) => log.error({ err: error }, 'WAL checkpoint failed'));
    this.worker.on('error', (error) => log.error({ err: error }, 'WAL checkpointer stopped'));
    this.worker.unref();
  }

  async stop(): Promise<void> {
    // Held until it has stopped: unreferenced, a process with nothing else left to do would end
    // while waiting here, before the database is checkpointed and closed.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
