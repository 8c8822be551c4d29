// Messages between the orchestrator (run.ts) and the client-host workers.
import type { SerializedHistogram } from './histogram.js';

export type Role = 'editor' | 'follower';

export interface ClientSpec {
  /** Unique in the run; editors use it to name their array: `bench:<id>`. */
  id: string;
  room: number;
  roomName: string;
  token: string;
  role: Role;
  /** Which server process the client connects to (index into the run's processes; 0 with one). */
  serverProcess: number;
  /** That process's base URL for WebsocketProvider. */
  wsUrl: string;
}

export interface InitMessage {
  type: 'init';
  clients: ClientSpec[];
  /** Ids of every editor per room, so receivers can observe each editor's array. */
  editorsByRoom: Record<number, string[]>;
  /** Server process of every editor, so receivers can tell deliveries that crossed processes. */
  serverProcessOfEditor: Record<string, number>;
  editsPerSecond: number;
  /** Delay between this worker's successive connects. */
  connectSpacingMs: number;
  /** Whether clients publish an awareness state (role and user), as Roundtable's client does. */
  awareness: boolean;
  /** Cursor moves (a change of an editor's awareness state) per second per editor while measuring; 0 for none. */
  cursorRate: number;
  /** Entries each editor keeps in its array (the oldest go); 0 keeps all. */
  keep: number;
}

export type ParentMessage =
  | InitMessage
  | { type: 'startEdits' }
  | { type: 'measure' }
  | { type: 'stopEdits' }
  | { type: 'stats' }
  | { type: 'digest' }
  | { type: 'close' };

export interface WorkerStats {
  /** Measured edits sent, per room. */
  sentByRoom: Record<number, number>;
  /** (receiver, measured edit) pairs observed. */
  delivered: number;
  latency: SerializedHistogram;
  /** The subset of `latency` whose editor sat on another server process than the receiver. */
  crossProcessLatency: SerializedHistogram;
  /** Connection drops seen by providers after the initial sync. */
  disconnects: number;
  /** Client-side CPU of this worker process, microseconds. */
  cpuUs: number;
  /** p99 of this worker's event-loop delay: high values mean the clients, not the server, add latency. */
  loopDelayP99Ms: number;
  /** Awareness messages this worker's clients received in the measured window, by their role. */
  awarenessReceived: Record<Role, AwarenessTraffic>;
  /** Length of the measured window as this worker saw it (measure to stopEdits), ms. */
  windowMs: number;
}

export interface AwarenessTraffic {
  messages: number;
  /** Whole frames, message type included. */
  bytes: number;
}

export interface ClientDigest {
  id: string;
  room: number;
  digest: string;
  items: number;
}

export type WorkerMessage =
  | { type: 'ready'; synced: number; failed: string[] }
  | { type: 'stopped' }
  | { type: 'stats'; stats: WorkerStats }
  | { type: 'digest'; digests: ClientDigest[] }
  | { type: 'error'; message: string };
