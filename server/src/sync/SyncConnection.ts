import type { Role } from '@roundtable/shared';

/**
 * What a room needs of a client connection, whatever carries it (ws today). Rooms never see
 * sockets: a transport adapter implements this and feeds incoming frames to `Room.receive`.
 */
export interface SyncConnection {
  readonly role: Role;
  /** Label for logs, e.g. the remote address. */
  readonly label: string;
  /** Queues one protocol message; a no-op once the connection is closing. */
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
