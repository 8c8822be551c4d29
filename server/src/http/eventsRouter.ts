import { Router, type Request } from 'express';
import {
  createEventSchema,
  proposalSchema,
  proposalUpdateSchema,
  scheduleSchema,
  scheduleToFrab,
  scheduleToICalendar,
} from '@roundtable/shared';
import { timingSafeEqualStrings } from '../sessions/index.js';
import type { EventService } from '../events/index.js';
import { requestToken } from './auth.js';
import { HttpError, parseBody } from './errors.js';

export interface EventsRouterOptions {
  events: EventService;
  /** When set, creating an event needs it as a bearer token. */
  organizerKey?: string;
}

/** Events, proposals and the schedule (contract: "Events, proposals and the schedule"). */
export function eventsRouter({ events, organizerKey }: EventsRouterOptions): Router {
  const router = Router();
  const token = (req: Request) => requestToken(req);
  const ids = (req: Request) => ({ eventId: String(req.params.id), proposalId: String(req.params.proposalId) });

  router.post('/api/events', async (req, res) => {
    if (organizerKey !== undefined) {
      const key = token(req);
      if (!key || !timingSafeEqualStrings(key, organizerKey)) {
        throw new HttpError(401, 'creating an event needs the organizer key: Authorization: Bearer <ORGANIZER_KEY>');
      }
    }
    res.status(201).json(await events.create(parseBody(createEventSchema, req.body)));
  });

  router.get('/api/events/:id', async (req, res) => {
    res.json(events.view(await events.event(ids(req).eventId)));
  });

  router.post('/api/events/:id/proposals', async (req, res) => {
    const { eventId } = ids(req);
    await events.event(eventId); // 404 before 400: the form of an unknown event is no use
    res.status(201).json(await events.submit(eventId, parseBody(proposalSchema, req.body)));
  });

  router.get('/api/events/:id/proposals', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await events.list(ids(req).eventId, token(req)));
  });

  router.get('/api/events/:id/proposals/:proposalId', async (req, res) => {
    const { eventId, proposalId } = ids(req);
    res.set('Cache-Control', 'no-store').json(await events.proposal(eventId, proposalId, token(req)));
  });

  router.patch('/api/events/:id/proposals/:proposalId', async (req, res) => {
    const { eventId, proposalId } = ids(req);
    const update = parseBody(proposalUpdateSchema, req.body);
    res.json(await events.update(eventId, proposalId, token(req), update));
  });

  for (const [action, status] of [
    ['accept', 'accepted'],
    ['decline', 'declined'],
  ] as const) {
    router.post(`/api/events/:id/proposals/:proposalId/${action}`, async (req, res) => {
      const { eventId, proposalId } = ids(req);
      res.json(await events.decide(eventId, proposalId, token(req), status));
    });
  }

  router.post('/api/events/:id/proposals/:proposalId/schedule', async (req, res) => {
    const { eventId, proposalId } = ids(req);
    const input = parseBody(scheduleSchema, req.body);
    res.status(201).json(await events.schedule(eventId, proposalId, token(req), input));
  });

  router.get('/api/events/:id/schedule', async (req, res) => {
    res.set('Cache-Control', 'no-cache').json(await events.publicSchedule(ids(req).eventId));
  });

  router.get('/api/events/:id/schedule.ics', async (req, res) => {
    const calendar = scheduleToICalendar(await events.exportInput(ids(req).eventId));
    res
      .set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="schedule.ics"', 'Cache-Control': 'no-cache' })
      .send(calendar);
  });

  router.get('/api/events/:id/schedule.frab.json', async (req, res) => {
    res.set('Cache-Control', 'no-cache').json(scheduleToFrab(await events.exportInput(ids(req).eventId)));
  });

  return router;
}
