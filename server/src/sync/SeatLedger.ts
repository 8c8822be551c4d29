import type { SyncConnection } from './SyncConnection.js';

/**
 * Seats of sessions counted across every server process (moderators and attendees; followers
 * take none). A room counts its own connections; with several processes only a shared ledger
 * knows whether the session is full. The embedded default has none.
 */
export interface SeatLedger {
  /** Takes a seat for `holder` if fewer than `capacity` are taken; false when the session is full. */
  claim(sessionId: string, holder: SyncConnection, capacity: number): Promise<boolean>;
  release(sessionId: string, holder: SyncConnection): void;
  close(): Promise<void>;
}
