import { ServerResponse, type IncomingMessage } from 'node:http';
import { refuseRequest, refuseUpgrade, type ClientAddress, type ConnectionRateLimiter } from '../limits/index.js';

/**
 * An engine.io middleware that counts each new socket.io connection against its address's rate
 * (`CONNECTION_RATE_LIMIT`, shared with the live documents) and answers one over it with HTTP 429
 * and Retry-After, before the handshake. Refused there, not by a socket.io middleware: socket.io
 * clients retry a failed transport on their own, with their backoff, whereas a middleware's refusal
 * is final for them (a page would stay "refused" until reloaded).
 */
export function limitHandshakes(limiter: ConnectionRateLimiter, clientAddress: ClientAddress) {
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    // Only a request without a session id opens a connection; long-polling's later requests carry one.
    if (new URL(req.url ?? '/', 'http://localhost').searchParams.has('sid')) return next();
    const verdict = limiter.admit(clientAddress(req));
    if (verdict.ok) return next();
    // For an upgrade engine.io hands a stand-in response that writes nothing: the answer goes on the socket.
    if (res instanceof ServerResponse) refuseRequest(res, verdict.retryAfterMs);
    else refuseUpgrade(req.socket, verdict.retryAfterMs);
  };
}
