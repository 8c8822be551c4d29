import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_SYNC_MESSAGE_BYTES } from '@roundtable/shared';
import { CONNECTION_RATE_LIMIT, clientAddressFrom, type BucketRule } from './limits/index.js';
import { MESSAGE_RATE_LIMITS, type MessageRateLimits } from './sync/MessageRateLimit.js';
import { scheduleEmbedOrigins } from './http/scheduleEmbedOrigins.js';
import { EARLY_FRAME_LIMITS, type EarlyFrameLimits } from './sync/EarlyFrames.js';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  redisUrl?: string;
  /** Base of the links the API hands out; unset means `http://HOST:PORT` with the port actually bound. */
  publicUrl?: string;
  organizerKey?: string;
  smtpUrl?: string;
  mailFrom?: string;
  /** A tldraw business licence key, for deployments that hold one (it removes the watermark). */
  tldrawLicenseKey?: string;
  /** When set, `GET /metrics` needs `Authorization: Bearer <metricsToken>`; unset, it is public. */
  metricsToken?: string;
  /** The reverse proxies whose `X-Forwarded-For` names the client (`clientAddressFrom`); unset, none. */
  trustProxy?: string;
  /** Sites that may frame an event's public schedule (`scheduleEmbedOrigins`); empty, none. */
  scheduleEmbedOrigins: string[];
  clientDir: string;
  maxMessageBytes: number;
  pingIntervalMs: number;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  broadcastsPerSecond: number;
  broadcastBurst: number;
  busyUpdatesPerSecond: number;
  busyIntervalMs: number;
  messageRateLimits: MessageRateLimits;
  earlyFrameLimits: EarlyFrameLimits;
  connectionRateLimit: BucketRule;
  shutdownTimeoutMs: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every default in one place. */
export const defaultConfiguration = {
  port: 3000,
  host: '127.0.0.1',
  dataDir: './data',
  clientDir: path.resolve(here, '../../client/dist'),
  maxMessageBytes: MAX_SYNC_MESSAGE_BYTES,
  /** Dead connections (laptop lid closed, wifi gone) are noticed within two intervals. */
  pingIntervalMs: 30_000,
  /** A snapshot every 500 updates keeps loads and late joins cheap without rewriting often. */
  compactAfterUpdates: 500,
  compactAfterBytes: 1024 * 1024,
  /**
   * 30 broadcasts a second per room look continuous to people (a remote stroke moves at 30 fps)
   * while several people drawing at once cost one message per recipient per 33 ms, not per update.
   */
  broadcastsPerSecond: 30,
  broadcastBurst: 8,
  /**
   * A room where more than 30 updates a second arrive (several people typing or drawing at once)
   * broadcasts every 100 ms: each recipient gets at most 10 messages a second from it, and the
   * server writes a few times less per delivered update, at the price of a tenth of a second.
   */
  busyUpdatesPerSecond: 30,
  busyIntervalMs: 100,
  /** Per sync connection; the numbers and why are beside the limits themselves (README: Limits). */
  messageRateLimits: MESSAGE_RATE_LIMITS,
  earlyFrameLimits: EARLY_FRAME_LIMITS,
  /** New connections per address, live documents and control plane together. */
  connectionRateLimit: CONNECTION_RATE_LIMIT,
  /**
   * A shutdown (SIGTERM/SIGINT) that has not finished by then exits 1: storing what is pending takes
   * milliseconds, so this long means storage hangs, and an orchestrator's kill (often 30 s) should
   * not be what ends it.
   */
  shutdownTimeoutMs: 10_000,
} as const;

export class ConfigError extends Error {}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT ? Number(env.PORT) : defaultConfiguration.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST || defaultConfiguration.host;
  return {
    ...defaultConfiguration,
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR || defaultConfiguration.dataDir),
    redisUrl: env.REDIS_URL || undefined,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    organizerKey: env.ORGANIZER_KEY || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    tldrawLicenseKey: env.TLDRAW_LICENSE_KEY || undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    trustProxy: setting(() => {
      clientAddressFrom(env.TRUST_PROXY); // refuses what it cannot read
      return env.TRUST_PROXY?.trim() || undefined;
    }),
    scheduleEmbedOrigins: setting(() => scheduleEmbedOrigins(env.SCHEDULE_EMBED_ORIGINS)),
  };
}

/** A setting read now, so that a mistake in it stops the start with its reason. */
function setting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

export function defaultPublicUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
