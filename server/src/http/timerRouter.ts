import { Router } from 'express';
import type { SessionService } from '../sessions/index.js';
import type { TimerService } from '../timer/index.js';
import { authorizeRequest } from './auth.js';

export interface TimerRouterOptions {
  sessions: SessionService;
  timers: TimerService;
}

/** `GET /api/sessions/:id/timer`: the TimerState, for any token (scripts, the minutes export). */
export function timerRouter({ sessions, timers }: TimerRouterOptions): Router {
  const router = Router();
  router.get('/api/sessions/:id/timer', async (req, res) => {
    const auth = await authorizeRequest(sessions, req);
    res.set('Cache-Control', 'no-store').json(await timers.state(auth.session));
  });
  return router;
}
