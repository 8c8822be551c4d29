/** One update of a document's stored log, as another process appended it. */
export interface FeedEntry {
  seq: number;
  /** The update, or null when this process stored it itself (it has forwarded it already). */
  update: Uint8Array | null;
}

export interface FeedSink {
  /** Entries in seq order, none skipped, starting after the seq the watch began at. */
  updates(entries: FeedEntry[]): void;
  /** An awareness update published by another process's connections. */
  awareness(update: Uint8Array): void;
  /**
   * The log no longer holds what follows the last entry delivered (compacted away while this
   * process lagged): reload the document from storage; delivery goes on after that.
   */
  resync(): void;
}

/**
 * What several server processes on the same storage need to share a document: the updates the
 * others store, read back from the stored log (so none is missed across a reconnect), and the
 * awareness their connections send. The embedded default, one process, has no feed.
 */
export interface DocumentFeed {
  /** Delivers what other processes store after `afterSeq`, until the returned stop is called. */
  watch(docName: string, afterSeq: number, sink: FeedSink): () => void;
  publishAwareness(docName: string, update: Uint8Array): void;
  close(): Promise<void>;
}
