import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { TokenBuckets, type BucketRule } from './TokenBuckets.js';
import { addressBucket } from './addressBucket.js';

/**
 * New connections one network address may open: websocket upgrades of the live documents and
 * socket.io handshakes of the control plane, counted together. 1,000 at once, then 200 a second.
 *
 * Generous on purpose, because one address is often many people: a venue's whole Wi-Fi behind one
 * NAT, or every client at once behind a reverse proxy not named in TRUST_PROXY. After a server restart or a
 * Wi-Fi outage a summit's 30 rooms of 30, plus followers, come back within the clients' backoff
 * (a few seconds), two connections a page: about 2,000, the first 1,000 at once and the rest within
 * 5 s, retrying on their own. What it stops is one source opening thousands a second (a runaway
 * script, a reconnect loop); 200 a second costs the server one token lookup each. The load
 * benchmark opens its 1,060 connections at 250 a second from one address and stays inside.
 */
export const CONNECTION_RATE_LIMIT: BucketRule = { burst: 1_000, refillMs: 5 };

/** Addresses remembered at most; the least recently seen are forgotten first (they start full again). */
const MAX_ADDRESSES = 100_000;

export type ConnectionVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * The per-address limit on new connections (`CONNECTION_RATE_LIMIT`), shared by every endpoint of a
 * process. An IPv6 host counts by its /64 (`addressBucket`). Held in memory by each process: a
 * limit against floods, not an accounting.
 */
export class ConnectionRateLimiter {
  private readonly buckets: TokenBuckets;

  constructor(rule: BucketRule = CONNECTION_RATE_LIMIT, now: () => number = Date.now) {
    this.buckets = new TokenBuckets(rule, now, MAX_ADDRESSES);
  }

  /** Counts a new connection from `address`, or refuses it (counting nothing) while the address is over its rate. */
  admit(address: string | undefined): ConnectionVerdict {
    const key = addressBucket(address ?? 'unknown');
    const retryAfterMs = this.buckets.waitMs(key);
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    this.buckets.take(key);
    return { ok: true };
  }
}

/** What a refused connection is told: `429` with `Retry-After` in whole seconds (at least 1) and why. */
export function tooManyConnections(retryAfterMs: number): { status: 429; headers: Record<string, string>; body: string } {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const body = `too many connections from your address; retry in ${seconds} s\n`;
  return {
    status: 429,
    headers: { 'Retry-After': String(seconds), 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) },
    body,
  };
}

/** Refuses a websocket upgrade on its raw socket, before any websocket exists: plain HTTP 429. */
export function refuseUpgrade(socket: Duplex, retryAfterMs: number): void {
  const { headers, body } = tooManyConnections(retryAfterMs);
  const head = Object.entries({ ...headers, Connection: 'close' }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 429 Too Many Requests\r\n${head.join('')}\r\n${body}`);
}

/** Refuses an HTTP request (a socket.io long-polling handshake) with the same 429. */
export function refuseRequest(res: ServerResponse, retryAfterMs: number): void {
  const { status, headers, body } = tooManyConnections(retryAfterMs);
  res.writeHead(status, headers).end(body);
}
