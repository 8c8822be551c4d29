import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

/** What is logged without `LOG_LEVEL`: one line per request and connection, and every problem. */
export const DEFAULT_LOG_LEVEL = 'info';

/**
 * The server's one logger: JSON lines on stdout, one object per event, with the level as a word
 * and an ISO time. Components log through children (`logger.child({ component: 'sync' })`), and a
 * request or a connection through a child of those carrying its id, so every line it causes can be
 * found by that id.
 *
 * Never log tokens (they travel in `?token=` and `Authorization`), document contents or email bodies:
 * call sites log paths without their query, and ids, codes and counts rather than payloads. The
 * redaction below is a last net for a header or token object logged by mistake.
 */
export const logger: Logger = pino(
  {
    level: process.env.LOG_LEVEL || DEFAULT_LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.cookie'], censor: '[redacted]' },
  },
  // Written at once, not from a buffer: the lines just before an exit or a crash are the ones that
  // matter most, and an asynchronous write still in flight at process.exit() is lost. The server
  // logs per request and per connection, never per update, so this costs little.
  pino.destination({ dest: 1, sync: true }),
);

/** A short random id for a request or a connection: 8 characters, unique enough to grep a day of logs by. */
export function newLogId(): string {
  return randomBytes(6).toString('base64url');
}
