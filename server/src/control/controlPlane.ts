import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  CLOCK_EVENT,
  CONTROL_PATH,
  MINUTES_NOMINATE_EVENT,
  MINUTES_STATE_EVENT,
  nominateSchema,
  type NominateAck,
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
import { connectRedisAdapter } from './redisAdapter.js';

export interface ControlPlaneOptions {
  sessions: SessionService;
  timers: TimerService;
  minutes: MinutesService;
  /** Several processes share this Redis: a broadcast then reaches the clients of every one of them. */
  redisUrl?: string | undefined;
}

interface SocketData {
  session: SessionRecord;
  role: Role;
}

/** Largest control message accepted: commands are a few bytes. */
const MAX_CONTROL_MESSAGE_BYTES = 16 * 1024;

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The socket.io control plane: the transport for the timer and the minute-taker. It only
 * authenticates, validates and relays; what a command does is the services' business.
 */
export async function createControlPlane(httpServer: http.Server, { sessions, timers, minutes, redisUrl }: ControlPlaneOptions) {
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

  io.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    sessions
      .authorizeToken(token)
      .then((auth) => {
        if (!auth) return next(new Error('invalid or missing token'));
        socket.data.session = auth.session;
        socket.data.role = auth.role;
        next();
      })
      .catch((error: unknown) => {
        console.error('[control] authorization failed:', error);
        next(new Error('server error while checking the token'));
      });
  });

  io.on('connection', (socket: Socket) => {
    const { session, role } = socket.data as SocketData;
    void socket.join(sessionRoom(session.id));

    socket.on(CLOCK_EVENT, (ack: unknown) => {
      if (typeof ack === 'function') ack(Date.now());
    });

    socket.on(TIMER_COMMAND_EVENT, (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (answer: TimerCommandAck) => void) : () => {};
      if (role !== 'moderator') return reply({ ok: false, error: 'forbidden', message: 'only the moderator runs the timer' });
      const parsed = timerCommandSchema.safeParse(payload);
      if (!parsed.success) {
        return reply({ ok: false, error: 'invalid-command', message: validationSummary(validationDetails(parsed.error)) });
      }
      timers
        .command(session, role, parsed.data)
        .then(reply)
        .catch((error: unknown) => {
          console.error(`[control] timer command on ${session.id} failed:`, error);
          reply({ ok: false, error: 'server-error', message: 'the timer could not be changed; try again' });
        });
    });

    socket.on(MINUTES_NOMINATE_EVENT, (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (answer: NominateAck) => void) : () => {};
      const parsed = nominateSchema.safeParse(payload);
      if (!parsed.success) {
        return reply({ ok: false, error: 'invalid-command', message: validationSummary(validationDetails(parsed.error)) });
      }
      minutes
        .nominate(session, role, parsed.data.name)
        .then(reply)
        .catch((error: unknown) => {
          console.error(`[control] nomination on ${session.id} failed:`, error);
          reply({ ok: false, error: 'server-error', message: 'the minute-taker could not be changed; try again' });
        });
    });

    Promise.all([timers.state(session), minutes.status(session.id)])
      .then(([state, status]) => {
        socket.emit(TIMER_STATE_EVENT, state);
        socket.emit(MINUTES_STATE_EVENT, status);
      })
      .catch((error: unknown) => {
        console.error(`[control] could not load the timer or minutes of ${session.id}:`, error);
        socket.disconnect(true);
      });
  });

  // Only the process that wrote a change hears of it; the adapter carries it to the others' clients.
  const unsubscribers = [
    timers.onChange((sessionId, state) => io.to(sessionRoom(sessionId)).emit(TIMER_STATE_EVENT, state)),
    minutes.onChange((sessionId, status) => io.to(sessionRoom(sessionId)).emit(MINUTES_STATE_EVENT, status)),
  ];

  const controlPlane = {
    io,
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
