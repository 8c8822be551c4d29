import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { CLOSE_CODES, countByRole, type Role } from '@roundtable/shared';
import type { SessionService } from '../sessions/index.js';
import type { RoomRegistry } from './RoomRegistry.js';
import type { Room } from './Room.js';
import type { SyncConnection } from './SyncConnection.js';
import { MalformedMessageError } from './messages.js';
import { FrameCache } from './wsFrame.js';
import { Heartbeat, type Pingable } from './Heartbeat.js';
import { EarlyFrames, type EarlyFrameLimits } from './EarlyFrames.js';
import { MessageRateLimit, type MessageRateLimits } from './MessageRateLimit.js';
import { clientAddressFrom, refuseUpgrade, type ClientAddress, type ConnectionRateLimiter } from '../limits/index.js';
import { noSyncMetrics, type SyncMetrics } from './SyncMetrics.js';
import { logger, newLogId } from '../log/index.js';

const log = logger.child({ component: 'sync' });

export const SYNC_PATH_PREFIX = '/yjs/';

export interface SyncEndpointOptions {
  sessions: SessionService;
  registry: RoomRegistry;
  maxMessageBytes: number;
  /** A connection that has not answered the previous ping by the next one is dropped. */
  pingIntervalMs: number;
  metrics?: SyncMetrics;
  /** Per connection: document messages over the rate close it (1013); excess awareness is skipped. */
  messageRateLimits: MessageRateLimits;
  /** What a connection may send before it has joined its room; more closes it (1013). */
  earlyFrameLimits: EarlyFrameLimits;
  /** New connections per address, shared with the control plane; over it an upgrade gets HTTP 429. */
  connectionLimiter?: ConnectionRateLimiter;
  /** Whose address a request is (`TRUST_PROXY`); the socket's peer when unset. */
  clientAddress?: ClientAddress;
}

export interface SyncEndpoint {
  /** Handles an HTTP upgrade if it is for the sync endpoint; false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Stops pinging and closes the websocket server (rooms are closed by the registry). */
  close(): void;
  readonly connectionCount: number;
  /** Connections joined to a room, by role. */
  connectionsByRole(): Record<Role, number>;
}

/** Closes that are not errors: a normal end, and ours at shutdown (the client reconnects). */
// 1006: a socket that went without a close (a laptop lid, a dropped network, the heartbeat ending it).
const NOT_ERRORS: ReadonlySet<number> = new Set([1000, 1006, CLOSE_CODES.goingAway]);
/** Closes that mean the client broke the protocol or its limits: logged at warn. */
const PROTOCOL_ERRORS: ReadonlySet<number> = new Set([CLOSE_CODES.malformedMessage, CLOSE_CODES.messageTooLarge, CLOSE_CODES.tooManyMessages]);

/** The server's closing of one socket: recorded so that its close is logged as ours, and counted. */
type CloseSocket = (code: number, reason: string) => void;

/** ws's own error codes for a frame above `maxPayload`, and for a length past 2^53; we answer them with our 4413. */
const WS_TOO_LARGE: ReadonlySet<string> = new Set(['WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH']);
/** A close reason is at most 123 bytes; ws's error messages are shorter, this is a bound. */
const MAX_REASON_CHARS = 100;

const frames = new FrameCache();

/** Adapts one ws socket to the room's SyncConnection. */
class WsConnection implements SyncConnection, Pingable {
  alive = true;
  private readonly raw: Duplex;

  constructor(
    readonly socket: WebSocket,
    readonly role: Role,
    readonly label: string,
    private readonly closeSocket: CloseSocket,
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

  /** Only the heartbeat terminates: the peer did not answer the last ping. */
  terminate(): void {
    this.closeSocket(1006, 'no answer to ping');
    this.socket.terminate();
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.closeSocket(code, reason);
    }
  }
}

export function createSyncEndpoint(options: SyncEndpointOptions): SyncEndpoint {
  const { sessions, registry, maxMessageBytes } = options;
  const metrics = options.metrics ?? noSyncMetrics;
  const clientAddress = options.clientAddress ?? clientAddressFrom(undefined);
  // ws rejects frames above maxPayload while reading their header, before buffering them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });
  const live = new Set<WsConnection>();

  const heartbeat = new Heartbeat<WsConnection>(options.pingIntervalMs);

  async function accept(socket: WebSocket, address: string, sessionId: string | null, token: string | undefined) {
    const openedAt = Date.now();
    // Every line about this connection carries its id; the role is added once the token is checked.
    let connLog = log.child({ conn: newLogId(), session: sessionId });
    let closedBy: { code: number; reason: string } | null = null;
    const closeSocket: CloseSocket = (code, reason) => {
      if (closedBy) return;
      closedBy = { code, reason };
      if (!NOT_ERRORS.has(code)) metrics.closedWithError(code);
      if (PROTOCOL_ERRORS.has(code)) connLog.warn({ code, reason }, 'protocol error: closing the connection');
      if (code !== 1006) socket.close(code, reason);
    };
    socket.once('close', (code: number, reason: Buffer) => {
      const by = closedBy ? 'server' : 'client';
      const { code: closeCode, reason: closeReason } = closedBy ?? { code, reason: reason.toString() };
      connLog.info({ code: closeCode, reason: closeReason, by, durationMs: Date.now() - openedAt }, 'sync connection closed');
    });
    if (sessionId === null || sessionId === '' || sessionId.includes('/')) {
      return closeSocket(CLOSE_CODES.unknownSession, 'unknown session');
    }
    // Frames that arrive while the token is checked and the document loads wait here, up to a limit.
    const early = new EarlyFrames(options.earlyFrameLimits);
    let closed = false;
    let onFrame = (data: Uint8Array) => {
      if (!early.push(data)) closeSocket(CLOSE_CODES.tooManyMessages, early.refusal);
    };
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) onFrame(data);
      else closeSocket(CLOSE_CODES.malformedMessage, 'malformed message: a text frame (the y-websocket protocol is binary)');
    });
    socket.on('error', () => {}); // ws closes the socket itself; a close event follows
    interceptFrameErrors(
      socket,
      () => closeSocket(CLOSE_CODES.messageTooLarge, 'message too large'),
      (reason) => closeSocket(CLOSE_CODES.malformedMessage, `malformed message: ${reason}`.slice(0, MAX_REASON_CHARS)),
    );

    const auth = await sessions.authorize(sessionId, token).catch((error: unknown) => {
      connLog.error({ err: error }, 'authorization failed');
      return null;
    });
    if (!auth) return closeSocket(CLOSE_CODES.internalError, 'server error while checking the token');
    if (!auth.ok) {
      return auth.failure === 'unknown-session'
        ? closeSocket(CLOSE_CODES.unknownSession, 'unknown session')
        : closeSocket(CLOSE_CODES.badToken, 'invalid or missing token');
    }

    connLog = connLog.child({ role: auth.role });
    const conn = new WsConnection(socket, auth.role, address, closeSocket);
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
      connLog.error({ err: error }, 'could not load the document');
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
    connLog.info('sync connection opened');

    const joinedRoom = room;
    const rateLimit = new MessageRateLimit(options.messageRateLimits, {
      deliver: (data) => {
        if (socket.readyState !== WebSocket.OPEN) return; // nothing counts after a close, ours or the client's
        try {
          joinedRoom.receive(conn, data);
        } catch (error) {
          const reason = error instanceof MalformedMessageError ? error.message : 'update could not be applied';
          conn.close(CLOSE_CODES.malformedMessage, `malformed message: ${reason}`);
        }
      },
      flooded: (reason) => conn.close(CLOSE_CODES.tooManyMessages, reason.slice(0, MAX_REASON_CHARS)),
    });
    socket.once('close', () => rateLimit.stop());
    onFrame = (data) => {
      conn.alive = true;
      rateLimit.receive(data);
    };
    for (const data of early.take()) onFrame(data);
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return false;
      const sessionId = safeDecode(url.pathname.slice(SYNC_PATH_PREFIX.length));
      const token = url.searchParams.get('token') ?? undefined;
      const address = clientAddress(req);
      const verdict = options.connectionLimiter?.admit(address);
      if (verdict && !verdict.ok) {
        refuseUpgrade(socket, verdict.retryAfterMs); // plain HTTP: no websocket is opened for it
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => void accept(ws, address, sessionId, token));
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
    connectionsByRole() {
      return countByRole([...live].map((conn) => conn.role));
    },
  };
}

/**
 * ws closes on its own, without a reason, a frame that breaks RFC 6455: 1009 for one above
 * `maxPayload` (the contract promises 4413), 1002 for broken framing, 1007 for a text frame that is
 * not UTF-8. Its receiver reports the error before closing, so answering first, with our code and a
 * reason, makes ws's own close a no-op.
 */
function interceptFrameErrors(socket: WebSocket, closeTooLarge: () => void, closeMalformed: (reason: string) => void): void {
  const receiver = (socket as unknown as { _receiver?: NodeJS.EventEmitter })._receiver;
  receiver?.prependListener('error', (error: Error & { code?: string }) => {
    if (error.code !== undefined && WS_TOO_LARGE.has(error.code)) closeTooLarge();
    else closeMalformed(error.message);
  });
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
