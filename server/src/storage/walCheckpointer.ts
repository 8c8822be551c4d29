import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

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

  constructor(file: string, intervalMs = 1000) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
    this.worker.on('message', (error) => console.error('[storage] WAL checkpoint failed:', error));
    this.worker.on('error', (error) => console.error('[storage] WAL checkpointer stopped:', error));
    this.worker.unref();
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('stop');
    await exited;
  }
}
