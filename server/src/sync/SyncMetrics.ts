/**
 * What the sync layer reports for monitoring. Rooms and the batcher call it and never know where
 * the numbers go (the server's Prometheus metrics); tests and tools that need none pass
 * `noSyncMetrics`.
 */
export interface SyncMetrics {
  /** Document update messages received from clients (followers' included, though dropped). */
  updatesReceived(count: number): void;
  /** Received updates applied to a document (and so stored and forwarded). */
  updatesApplied(count: number): void;
  /** Update messages sent to clients, one per recipient. */
  updatesForwarded(messages: number): void;
  /** One storage append of the batcher: how long it took, and whether storage refused it. */
  storageWrite(seconds: number, ok: boolean): void;
  /** A document that could not be loaded, or compacted. */
  storageFailed(operation: 'load' | 'compact'): void;
  /** The server closed a connection with an error code (not 1000 or 1001). */
  closedWithError(code: number): void;
}

const ignore = () => {};

export const noSyncMetrics: SyncMetrics = {
  updatesReceived: ignore,
  updatesApplied: ignore,
  updatesForwarded: ignore,
  storageWrite: ignore,
  storageFailed: ignore,
  closedWithError: ignore,
};
