import type { Request } from 'express';
import type { SessionService } from '../sessions/index.js';
import { HttpError } from './errors.js';

/** The token of a request: `Authorization: Bearer <token>` or `?token=<token>`. */
export function requestToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const query = req.query.token;
  return typeof query === 'string' && query.length > 0 ? query : undefined;
}

/**
 * The session of `/api/sessions/:id/...` and the caller's role in it, or the contract's error:
 * 404 for an unknown session whatever the token, then 401 for a missing or wrong token.
 */
export async function authorizeRequest(sessions: SessionService, req: Request) {
  const auth = await sessions.authorize(String(req.params.id), requestToken(req));
  if (!auth.ok) {
    throw auth.failure === 'unknown-session'
      ? new HttpError(404, 'unknown session')
      : new HttpError(401, 'invalid or missing token for this session');
  }
  return auth;
}
