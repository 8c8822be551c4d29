import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { CLOSE_CODES, type Role } from '@roundtable/shared';
import type { SessionService } from '../sessions/index.js';
import type { RoomRegistry } from './RoomRegistry.js';
import type { Room } from './Room.js';
import type { SyncConnection } from './SyncConnection.js';
import { MalformedMessageError } from './messages.js';
import { FrameCache } from './wsFrame.js';
import { Heartbeat, type Pingable } from './Heartbeat.js';

export const SYNC_PATH_PREFIX = '/yjs/';

export interface SyncEndpointOptions {
  sessions: SessionService;
  registry: RoomRegistry;
  maxMessageBytes: number;
  /** A connection that has not answered the previous ping by the next one is dropped. */
  pingIntervalMs: number;
}

export interface SyncEndpoint {
  /** Handles an HTTP upgrade if it is for the sync endpoint; false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Stops pinging and closes the websocket server (rooms are closed by the registry). */
  close(): void;
  readonly connectionCount: number;
}

/** ws's own error code for a frame above `maxPayload`; we answer it with our 4413. */
const WS_TOO_LARGE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

const frames = new FrameCache();

/** Adapts one ws socket to the room's SyncConnection. */
class WsConnection implements SyncConnection, Pingable {
  alive = true;
  private readonly raw: Duplex;

  constructor(
    readonly socket: WebSocket,
    readonly role: Role,
    readonly label: string,
  ) {
    this.raw = (socket as unknown as { _socket: Duplex })._socket;
  }

  send(message: Uint8Array): void {
    if (this.socket.readyState !== WebSocket.OPEN) return; // nothing may follow our close frame
    // With compression off and no Blobs, ws writes every frame synchronously and whole, so a
    // pre-built frame written to the same socket can never land inside another one.
    this.raw.write(frames.frameOf(message));
  }

  ping(): void {
    this.socket.ping();
  }

  terminate(): void {
    this.socket.terminate();
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }
}

export function createSyncEndpoint(options: SyncEndpointOptions): SyncEndpoint {
  const { sessions, registry, maxMessageBytes } = options;
  // ws rejects frames above maxPayload while reading their header, before buffering them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });
  const live = new Set<WsConnection>();

  const heartbeat = new Heartbeat<WsConnection>(options.pingIntervalMs);

  async function accept(socket: WebSocket, req: IncomingMessage, sessionId: string, token: string | undefined) {
    // Frames that arrive while the token is checked and the document loads wait here.
    const early: Uint8Array[] = [];
    let closed = false;
    let onFrame = (data: Uint8Array) => void early.push(data);
    socket.on('message', (data: Buffer) => onFrame(data));
    socket.on('error', () => {}); // ws closes the socket itself; a close event follows
    interceptTooLarge(socket);

    const auth = await sessions.authorize(sessionId, token).catch((error: unknown) => {
      console.error('[sync] authorization failed:', error);
      return null;
    });
    if (!auth) return socket.close(CLOSE_CODES.internalError, 'server error while checking the token');
    if (!auth.ok) {
      return auth.failure === 'unknown-session'
        ? socket.close(CLOSE_CODES.unknownSession, 'unknown session')
        : socket.close(CLOSE_CODES.badToken, 'invalid or missing token');
    }

    const conn = new WsConnection(socket, auth.role, String(req.socket.remoteAddress));
    let room: Room | null = null;
    socket.on('close', () => {
      closed = true;
      live.delete(conn);
      heartbeat.delete(conn);
      if (room) registry.leave(room, conn);
    });
    socket.on('pong', () => {
      conn.alive = true;
    });
    if (socket.readyState !== WebSocket.OPEN) return;

    let joined;
    try {
      joined = await registry.join(sessionId, conn, auth.session.capacity);
    } catch (error) {
      console.error(`[sync] could not load document ${sessionId}:`, error);
      return conn.close(CLOSE_CODES.internalError, 'could not load the document; try again');
    }
    if (!joined.ok) {
      return joined.reason === 'room-full'
        ? conn.close(CLOSE_CODES.roomFull, `room full: this session seats ${auth.session.capacity}`)
        : conn.close(CLOSE_CODES.goingAway, 'server is shutting down');
    }
    room = joined.room;
    if (closed) return registry.leave(room, conn);
    live.add(conn);
    heartbeat.add(conn);

    const joinedRoom = room;
    onFrame = (data) => {
      conn.alive = true;
      try {
        joinedRoom.receive(conn, data);
      } catch (error) {
        const reason = error instanceof MalformedMessageError ? error.message : 'update could not be applied';
        conn.close(CLOSE_CODES.malformedMessage, `malformed message: ${reason}`);
      }
    };
    for (const data of early.splice(0)) onFrame(data);
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return false;
      const sessionId = safeDecode(url.pathname.slice(SYNC_PATH_PREFIX.length));
      const token = url.searchParams.get('token') ?? undefined;
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (sessionId === null || sessionId === '' || sessionId.includes('/')) {
          ws.close(CLOSE_CODES.unknownSession, 'unknown session');
          return;
        }
        void accept(ws, req, sessionId, token);
      });
      return true;
    },
    close() {
      heartbeat.stop();
      for (const conn of live) conn.socket.terminate();
      wss.close();
    },
    get connectionCount() {
      return live.size;
    },
  };
}

/**
 * ws closes an oversized frame with 1009 on its own; the contract promises 4413. Its receiver
 * reports the error before closing, so answering first makes ws's own close a no-op.
 */
function interceptTooLarge(socket: WebSocket): void {
  const receiver = (socket as unknown as { _receiver?: NodeJS.EventEmitter })._receiver;
  receiver?.prependListener('error', (error: Error & { code?: string }) => {
    if (error.code === WS_TOO_LARGE) socket.close(CLOSE_CODES.messageTooLarge, 'message too large');
  });
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
