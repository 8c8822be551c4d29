/** What every Redis connection of the server shares: closing without hanging, and error text. */

/** A graceful close waits for replies; a Redis that stops answering meanwhile must not hold up a shutdown. */
const CLOSE_TIMEOUT_MS = 1000;

/** The part of a node-redis client (plain or type-mapped) that closing needs. */
export interface ClosableRedisClient {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  close(): Promise<unknown>;
  destroy(): void;
}

/**
 * Closes gracefully when Redis is there, else at once. node-redis's close() waits for every
 * pending reply, including a blocking read's or one queued while reconnecting: without this a
 * server stopped during an outage would never exit.
 */
export async function closeRedisClient(client: ClosableRedisClient, { blocking = false } = {}): Promise<void> {
  if (!client.isOpen) return;
  // Reconnecting, or parked in a blocking command: nothing worth waiting for.
  if (!client.isReady || blocking) return client.destroy();
  let timeout: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timeout = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS);
  });
  const outcome = await Promise.race([client.close(), gaveUp]);
  clearTimeout(timeout);
  if (outcome === 'timeout' && client.isOpen) client.destroy();
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Node reports a refused connection to a name with several addresses as an AggregateError
 * without a message, and the client wraps the last one in an error with that same message.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error && !error.message && 'originalError' in error) return describeError(error.originalError);
  if (error instanceof AggregateError && !error.message) return error.errors.map(describeError).join('; ');
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}
