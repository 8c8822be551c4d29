import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { closeRedisClient, describeError, redactedUrl } from '../redis/redisClients.js';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'control' });

/**
 * Prefix of the adapter's pub/sub channels, after our storage's `rt:` keys: another socket.io
 * application sharing the Redis must not receive our broadcasts (the adapter's default is `socket.io`).
 */
export const CONTROL_CHANNEL_PREFIX = 'rt:control';

/** Tries of the first connection before giving up (under a second): the storage has just reached this Redis. */
const INITIAL_CONNECT_ATTEMPTS = 5;
const FIRST_RETRY_DELAY_MS = 50;
/** Once connected, Redis is waited for forever, retrying at most this far apart. */
const MAX_RETRY_DELAY_MS = 2000;

type AdapterClient = ReturnType<typeof createClient>;

/** What the control plane needs from the fan-out: socket.io's `adapter` option, and a way to let go. */
export interface RedisControlAdapter {
  adapter: ReturnType<typeof createAdapter>;
  /** Resolves once the adapter socket.io created is subscribed; rejects if that failed. */
  subscribed(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The socket.io Redis adapter on connections of its own, so that `io.to(room).emit(...)` on one
 * process also reaches that room's clients on every other process sharing the Redis. Pub/sub
 * needs its own connections: a subscribed one can run no other command, and the storage's must
 * not wait behind broadcasts. Resolves once connected; `subscribed()` then tells when socket.io's
 * adapter listens, so that a process counted as started misses no broadcast.
 */
export async function connectRedisAdapter(url: string): Promise<RedisControlAdapter> {
  const where = redactedUrl(url);
  const pub = connection(url, 'publish', where);
  const sub = connection(url, 'subscribe', where);
  try {
    await Promise.all([pub.client.connect(), sub.client.connect()]);
  } catch (error) {
    await Promise.all([closeRedisClient(pub.client), closeRedisClient(sub.client)]);
    throw new Error(`cannot connect the control plane to Redis at ${where}: ${describeError(error)}`, { cause: error });
  }
  pub.connected = sub.connected = true;
  const subscriptions = trackingSubscriptions(sub.client);
  return {
    adapter: createAdapter(reportingPublishFailures(pub), subscriptions.client, { key: CONTROL_CHANNEL_PREFIX }),
    subscribed: async () => {
      const outcomes = await Promise.allSettled(subscriptions.pending);
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw new Error(`cannot subscribe the control plane on Redis at ${where}: ${describeError(failed.reason)}`, { cause: failed.reason });
      // Another version of the adapter could subscribe some other way; better to fail than be deaf.
      if (outcomes.length === 0) throw new Error('the socket.io Redis adapter did not subscribe');
    },
    // The adapter's own close() would only unsubscribe, which closing the connection does too.
    close: async () => {
      await Promise.all([closeRedisClient(pub.client), closeRedisClient(sub.client)]);
    },
  };
}

interface Connection {
  client: AdapterClient;
  /** Past the first connection: from then on an outage is waited out, not a failure to start. */
  connected: boolean;
  reportOutage(error: unknown): void;
}

function connection(url: string, role: 'publish' | 'subscribe', where: string): Connection {
  let reported = false;
  const conn: Connection = {
    connected: false,
    client: createClient({
      url,
      // A broadcast that cannot go out now fails at once rather than piling up for the end of an
      // outage: the clients would get stale states late, and the process memory meanwhile.
      // The subscriber keeps the queue: its only commands are the adapter's subscriptions.
      disableOfflineQueue: role === 'publish',
      socket: {
        reconnectStrategy: (retries, cause) => {
          if (!conn.connected && retries + 1 >= INITIAL_CONNECT_ATTEMPTS) return cause;
          return Math.min(FIRST_RETRY_DELAY_MS * 2 ** retries, MAX_RETRY_DELAY_MS);
        },
      },
    }),
    // Once per outage, not on every retry.
    reportOutage(error) {
      if (!conn.connected || reported) return;
      reported = true;
      log.error({ redis: where, connection: role, error: describeError(error) }, 'lost Redis, reconnecting');
    },
  };
  // Without a listener an 'error' event would end the process.
  conn.client.on('error', (error: unknown) => conn.reportOutage(error));
  conn.client.on('ready', () => {
    // node-redis subscribes again before it is ready, so broadcasts flow from here on
    if (reported) log.info({ redis: where, connection: role }, 'Redis is back');
    reported = false;
  });
  return conn;
}

/**
 * The adapter fires PUBLISH without looking at the outcome. One that fails (Redis away) would be
 * an unhandled rejection, which ends a Node process; it is reported as the outage it is instead.
 * Those clients miss that broadcast; they are sent the whole state again on the next change or reconnect.
 */
function reportingPublishFailures({ client, reportOutage }: Connection): AdapterClient {
  const publish = client.publish.bind(client);
  return Object.assign(client, {
    publish: (...args: Parameters<typeof publish>) =>
      publish(...args).catch((error: unknown) => {
        reportOutage(error);
        return 0; // delivered to no subscriber
      }),
  });
}

/**
 * The adapter subscribes when socket.io creates it and does not wait for the answer. A
 * subscription lost with the connection before it was answered is not renewed on reconnect
 * (node-redis renews only confirmed ones): the process would never hear the others again, so
 * starting waits for the answers and fails without them.
 */
function trackingSubscriptions(client: AdapterClient): { client: AdapterClient; pending: Promise<unknown>[] } {
  const pending: Promise<unknown>[] = [];
  const track = <T>(subscription: Promise<T>): Promise<T> => {
    pending.push(subscription);
    subscription.catch(() => {}); // handled by subscribed(), not an unhandled rejection meanwhile
    return subscription;
  };
  const subscribe = client.subscribe.bind(client);
  const pSubscribe = client.pSubscribe.bind(client);
  return {
    pending,
    client: Object.assign(client, {
      subscribe: (...args: Parameters<typeof subscribe>) => track(subscribe(...args)),
      pSubscribe: (...args: Parameters<typeof pSubscribe>) => track(pSubscribe(...args)),
    }),
  };
}
