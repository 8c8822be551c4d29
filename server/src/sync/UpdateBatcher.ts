import { performance } from 'node:perf_hooks';
import type { Storage } from '../storage/index.js';
import { logger } from '../log/index.js';
import type { Room } from './Room.js';
import { noSyncMetrics, type SyncMetrics } from './SyncMetrics.js';

const log = logger.child({ component: 'sync' });

/**
 * Collects the document updates of one event-loop turn across all rooms, stores them in one
 * storage call, and only then lets each room forward its batch. One write and one message per
 * recipient per turn, instead of one per update.
 */
export class UpdateBatcher {
  private readonly waiting = new Set<Room>();
  private scheduled = false;
  /**
   * The commits still to run, in the order their writes were issued. Writes overlap (Redis answers
   * one connection's commands in order, SQLite writes at once), but each room forwards its batches
   * in order, and a batch is forwarded only once stored.
   */
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly metrics: SyncMetrics = noSyncMetrics,
  ) {}

  schedule(room: Room): void {
    this.waiting.add(room);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      // The write starts now, not after the previous one's answer: a batch does not wait a round
      // trip to Redis behind another. write() never rejects, so one failure cannot stall the rest.
      const outcome = this.write();
      this.inFlight = this.inFlight.then(() => outcome).then((commit) => commit());
    });
  }

  /** Resolves once everything scheduled so far is stored and forwarded. */
  async drain(): Promise<void> {
    while (this.scheduled || this.waiting.size > 0) {
      await this.inFlight;
      if (this.scheduled) await new Promise((resolve) => setImmediate(resolve));
    }
    await this.inFlight;
  }

  /** Takes what the rooms have pending and stores it; answers what to do once it is this write's turn. */
  private async write(): Promise<() => void> {
    this.scheduled = false;
    const batches = [...this.waiting].flatMap((room) => {
      try {
        const batch = room.takePending();
        return batch ? [{ room, batch }] : [];
      } catch (error) {
        room.writeFailed(null, error); // e.g. updates that cannot be merged: never stored, never sent
        return [];
      }
    });
    this.waiting.clear();
    if (batches.length === 0) return () => {};
    this.metrics.updatesApplied(batches.reduce((sum, { batch }) => sum + batch.updates.length, 0));
    let seqs: number[];
    const started = performance.now();
    try {
      seqs = await this.storage.appendUpdates(batches.map(({ room, batch }) => ({ docName: room.name, update: batch.merged })));
      this.metrics.storageWrite((performance.now() - started) / 1000, true);
    } catch (error) {
      this.metrics.storageWrite((performance.now() - started) / 1000, false);
      return () => {
        for (const { room, batch } of batches) room.writeFailed(batch, error);
      };
    }
    return () =>
      batches.forEach(({ room, batch }, i) => {
        try {
          room.committed(batch, seqs[i]!);
        } catch (error) {
          log.error({ err: error, session: room.name }, 'forwarding a stored batch failed');
        }
      });
  }
}
