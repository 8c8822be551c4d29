import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
  askSchema,
  canEdit,
  CLOCK_EVENT,
  CONTROL_PATH,
  markSchema,
  MINUTES_NOMINATE_EVENT,
  MINUTES_STATE_EVENT,
  nominateSchema,
  QUESTION_ASK_EVENT,
  QUESTION_CHANGED_EVENT,
  QUESTION_LIST_EVENT,
  QUESTION_MARK_EVENT,
  countByRole,
  type QuestionList,
  TIMER_COMMAND_EVENT,
  TIMER_STATE_EVENT,
  timerCommandSchema,
  validationDetails,
  validationSummary,
  type Role,
  type TimerCommandAck,
} from '@roundtable/shared';
import type { SessionRecord } from '../storage/index.js';
import type { SessionService } from '../sessions/index.js';
import type { TimerService } from '../timer/index.js';
import type { MinutesService } from '../minutes/index.js';
import type { QuestionService } from '../questions/index.js';
import { connectionIdentity } from './connectionIdentity.js';
import { connectRedisAdapter } from './redisAdapter.js';
import { limitHandshakes } from './handshakeLimit.js';
import { clientAddressFrom, type ClientAddress, type ConnectionRateLimiter } from '../limits/index.js';
import { logger, newLogId, type Logger } from '../log/index.js';
import type { ServerMetrics } from '../metrics/index.js';

const log = logger.child({ component: 'control' });

export interface ControlPlaneOptions {
  sessions: SessionService;
  timers: TimerService;
  minutes: MinutesService;
  questions: QuestionService;
  /** Several processes share this Redis: a broadcast then reaches the clients of every one of them. */
  redisUrl?: string | undefined;
  metrics?: Pick<ServerMetrics, 'error'>;
  /** New connections per address, shared with the live documents; over it a handshake gets HTTP 429. */
  connectionLimiter?: ConnectionRateLimiter;
  /** Whose address a request is (`TRUST_PROXY`); the socket's peer when unset. */
  clientAddress?: ClientAddress;
}

interface SocketData {
  session: SessionRecord;
  role: Role;
}

/** Largest control message accepted: commands are a few bytes. */
const MAX_CONTROL_MESSAGE_BYTES = 16 * 1024;

/** Everyone in the session. */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** The moderator and attendees: they see every question. */
const editorsRoom = (sessionId: string) => `session:${sessionId}:editors`;
/** One asker's connections (a follower with an askerId): they see the questions it asked. */
const askerRoom = (sessionId: string, askerId: string) => `session:${sessionId}:asker:${askerId}`;

/** The refusals the transport itself answers, whatever the command. */
type TransportRefusal = { ok: false; error: 'invalid-command' | 'server-error'; message: string };

interface CommandHandler<Command, Ack> {
  schema: z.ZodType<Command>;
  /** A refusal due before the payload is even read (the timer's: only the moderator). */
  refuse?: () => Ack | undefined;
  run: (command: Command) => Promise<Ack>;
  /** Said in the log and to the client when `run` fails: "the timer could not be changed". */
  failure: string;
}

/**
 * Answers `event` through its acknowledgement: an invalid payload with `invalid-command` naming
 * what is wrong, a failing service with `server-error` (logged), else what the service says.
 */
function handleCommand<Command, Ack>(
  socket: Socket,
  connLog: Logger,
  metrics: ControlPlaneOptions['metrics'],
  event: string,
  handler: CommandHandler<Command, Ack>,
): void {
  socket.on(event, (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (answer: Ack | TransportRefusal) => void) : () => {};
    const refusal = handler.refuse?.();
    if (refusal) return reply(refusal);
    const parsed = handler.schema.safeParse(payload);
    if (!parsed.success) {
      return reply({ ok: false, error: 'invalid-command', message: validationSummary(validationDetails(parsed.error)) });
    }
    handler
      .run(parsed.data)
      .then(reply)
      .catch((error: unknown) => {
        metrics?.error('control');
        connLog.error({ err: error, event }, 'command failed');
        reply({ ok: false, error: 'server-error', message: `${handler.failure}; try again` });
      });
  });
}

/**
 * The socket.io control plane: the transport for the timer, the minute-taker and the questions.
 * It only authenticates, validates and relays; what a command does is the services' business.
 */
export async function createControlPlane(
  httpServer: http.Server,
  { sessions, timers, minutes, questions, redisUrl, metrics, connectionLimiter, clientAddress = clientAddressFrom(undefined) }: ControlPlaneOptions,
) {
  // Without Redis, socket.io's in-memory adapter: this process is the only one.
  const fanOut = redisUrl ? await connectRedisAdapter(redisUrl) : null;
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
    path: CONTROL_PATH,
    serveClient: false,
    // Our own upgrade handler answers every other path; engine.io must not destroy those sockets.
    destroyUpgrade: false,
    maxHttpBufferSize: MAX_CONTROL_MESSAGE_BYTES,
    ...(fanOut && { adapter: fanOut.adapter }),
  });

  if (connectionLimiter) io.engine.use(limitHandshakes(connectionLimiter, clientAddress));

  io.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    sessions
      .authorizeToken(token)
      .then((auth) => {
        if (!auth) {
          log.info('control connection refused: invalid or missing token');
          return next(new Error('invalid or missing token'));
        }
        socket.data.session = auth.session;
        socket.data.role = auth.role;
        next();
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'authorization failed');
        next(new Error('server error while checking the token'));
      });
  });

  io.on('connection', (socket: Socket) => {
    const { session, role } = socket.data as SocketData;
    const identity = connectionIdentity(socket.handshake.auth, clientAddress(socket.request), socket.id);
    const connLog = log.child({ conn: newLogId(), session: session.id, role });
    const openedAt = Date.now();
    connLog.info('control connection opened');
    socket.on('disconnect', (reason) => connLog.info({ reason, durationMs: Date.now() - openedAt }, 'control connection closed'));
    void socket.join(sessionRoom(session.id));
    if (canEdit(role)) void socket.join(editorsRoom(session.id));
    else if (identity.askerId) void socket.join(askerRoom(session.id, identity.askerId));

    socket.on(CLOCK_EVENT, (ack: unknown) => {
      if (typeof ack === 'function') ack(Date.now());
    });

    handleCommand(socket, connLog, metrics, TIMER_COMMAND_EVENT, {
      schema: timerCommandSchema,
      refuse: (): TimerCommandAck | undefined =>
        role === 'moderator' ? undefined : { ok: false, error: 'forbidden', message: 'only the moderator runs the timer' },
      run: (command) => timers.command(session, role, command),
      failure: 'the timer could not be changed',
    });
    handleCommand(socket, connLog, metrics, MINUTES_NOMINATE_EVENT, {
      schema: nominateSchema,
      run: ({ name }) => minutes.nominate(session, role, name),
      failure: 'the minute-taker could not be changed',
    });
    handleCommand(socket, connLog, metrics, QUESTION_ASK_EVENT, {
      schema: askSchema,
      run: (command) => questions.ask(session, role, identity, command),
      failure: 'the question could not be stored',
    });
    handleCommand(socket, connLog, metrics, QUESTION_MARK_EVENT, {
      schema: markSchema,
      run: (command) => questions.mark(session, role, identity.name, command),
      failure: 'the question could not be changed',
    });

    Promise.all([timers.state(session), minutes.status(session.id), questions.list(session.id, role, identity.askerId)])
      .then(([state, status, asked]) => {
        socket.emit(TIMER_STATE_EVENT, state);
        socket.emit(MINUTES_STATE_EVENT, status);
        socket.emit(QUESTION_LIST_EVENT, { sessionId: session.id, questions: asked } satisfies QuestionList);
      })
      .catch((error: unknown) => {
        metrics?.error('control');
        connLog.error({ err: error }, 'could not load the timer, minutes or questions; disconnecting');
        socket.disconnect(true);
      });
  });

  // Only the process that wrote a change hears of it; the adapter carries it to the others' clients.
  const unsubscribers = [
    timers.onChange((sessionId, state) => io.to(sessionRoom(sessionId)).emit(TIMER_STATE_EVENT, state)),
    minutes.onChange((sessionId, status) => io.to(sessionRoom(sessionId)).emit(MINUTES_STATE_EVENT, status)),
    questions.onChange((sessionId, question, askerId) => {
      // A socket in both rooms gets it once.
      const audience = io.to(editorsRoom(sessionId));
      (askerId ? audience.to(askerRoom(sessionId, askerId)) : audience).emit(QUESTION_CHANGED_EVENT, question);
    }),
  ];

  const controlPlane = {
    io,
    /** This process's connections, by role. */
    connectionsByRole(): Record<Role, number> {
      return countByRole([...io.of('/').sockets.values()].map((socket) => (socket.data as Partial<SocketData>).role));
    },
    async close(): Promise<void> {
      for (const unsubscribe of unsubscribers) unsubscribe();
      // Only this process's clients: with the Redis adapter a plain disconnectSockets() would
      // disconnect the clients of every process.
      io.local.disconnectSockets(true);
      // io.close() would also close the HTTP server, which RoundtableServer owns.
      io.engine.close();
      await fanOut?.close();
    },
  };
  // Awaited only now that every handler is in place: a client connecting meanwhile is checked as any other.
  await fanOut?.subscribed().catch(async (error: unknown) => {
    await controlPlane.close();
    throw error;
  });
  return controlPlane;
}

export type ControlPlane = Awaited<ReturnType<typeof createControlPlane>>;
