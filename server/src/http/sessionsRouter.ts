import { Router } from 'express';
import { createSessionSchema } from '@roundtable/shared';
import { timingSafeEqualStrings, type SessionService } from '../sessions/index.js';
import { authorizeRequest, requestToken } from './auth.js';
import { HttpError, parseBody } from './errors.js';

export interface SessionsRouterOptions {
  sessions: SessionService;
  /** When set, creating a session needs it as a bearer token. */
  organizerKey?: string;
}

export function sessionsRouter({ sessions, organizerKey }: SessionsRouterOptions): Router {
  const router = Router();

  router.post('/api/sessions', async (req, res) => {
    if (organizerKey !== undefined) {
      const key = requestToken(req);
      if (!key || !timingSafeEqualStrings(key, organizerKey)) {
        throw new HttpError(401, 'creating a session needs the organizer key: Authorization: Bearer <ORGANIZER_KEY>');
      }
    }
    const input = parseBody(createSessionSchema, req.body);
    res.status(201).json(await sessions.create(input));
  });

  router.get('/api/sessions/:id', async (req, res) => {
    const auth = await authorizeRequest(sessions, req);
    res.json(sessions.view(auth.session, auth.role));
  });

  return router;
}
