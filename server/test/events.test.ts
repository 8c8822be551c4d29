import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession, SessionView } from '@roundtable/shared';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import { createSession, startServer } from './helpers.js';
import { TestSmtpServer } from './smtpServer.js';

const ORGANIZER_KEY = 'organizer-key-for-tests';

interface CreatedEvent {
  id: string;
  rooms: { id: string; name: string; capacity: number; projector: boolean }[];
  organizerToken: string;
  links: { schedule: string; submit: string; organize: string };
}

const eventBody = {
  name: 'Xen Summit 2026',
  timezone: 'Europe/Lisbon',
  startsAt: '2026-12-01T09:00:00+00:00',
  endsAt: '2026-12-01T18:00:00Z',
  mailingList: 'xen-devel@example.org',
  suggestedTopics: ['scheduling', 'security'],
  rooms: [
    { name: 'Room A', capacity: 30, projector: true },
    { name: 'Room B', capacity: 12, projector: false },
  ],
};

const proposalBody = {
  title: 'Live migration of vGPUs',
  problem: 'vGPU state cannot be migrated today.',
  contribute: 'Bring your migration failure logs.',
  preparation: [{ url: 'https://example.org/vgpu.pdf', label: 'Design notes' }],
  proposer: { name: 'Ada Lovelace', email: 'ada@example.org' },
  durationMinutes: 50,
  topics: ['scheduling'],
};

function call(server: RoundtableServer, method: string, path: string, body?: unknown, token?: string) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

describe('events, proposals and the schedule', () => {
  let smtp: TestSmtpServer;
  let server: RoundtableServer;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startServer({ organizerKey: ORGANIZER_KEY, smtpUrl: smtp.url, mailFrom: 'Summit <summit@example.org>' });
  });
  afterAll(async () => {
    await server.stop();
    await smtp.stop();
  });

  const newEvent = async (body: unknown = eventBody) => json<CreatedEvent>(await call(server, 'POST', '/api/events', body, ORGANIZER_KEY), 201);
  const submit = async (eventId: string, body: unknown = proposalBody) =>
    json<{ id: string; status: string; editToken: string; links: { edit: string } }>(await call(server, 'POST', `/api/events/${eventId}/proposals`, body), 201);

  it('creates an event with the organizer key only, answering its rooms, token and links', async () => {
    expect((await call(server, 'POST', '/api/events', eventBody)).status).toBe(401);
    expect((await call(server, 'POST', '/api/events', eventBody, 'wrong')).status).toBe(401);
    const event = await newEvent();
    expect(event).toMatchObject({ name: 'Xen Summit 2026', timezone: 'Europe/Lisbon', startsAt: '2026-12-01T09:00:00.000Z' });
    expect(event.rooms.map((r) => [r.name, r.capacity, r.projector])).toEqual([
      ['Room A', 30, true],
      ['Room B', 12, false],
    ]);
    expect(new Set(event.rooms.map((r) => r.id)).size).toBe(2);
    expect(event.organizerToken.length).toBeGreaterThanOrEqual(22);
    expect(event.links.organize).toContain(encodeURIComponent(event.organizerToken));
    expect(event.links.submit).toMatch(new RegExp(`/e/${event.id}/submit$`));
    const pub = await json<Record<string, unknown>>(await call(server, 'GET', `/api/events/${event.id}`), 200);
    expect(pub).not.toHaveProperty('organizerToken');
  });

  it('answers 400 naming every broken field of an event', async () => {
    const res = await call(server, 'POST', '/api/events', { ...eventBody, timezone: 'Mars/Olympus', startsAt: '2026-12-01T09:00', rooms: [{ name: 'X', capacity: 31, projector: 'yes' }] }, ORGANIZER_KEY);
    const body = await json<{ error: string; details: { path: string }[] }>(res, 400);
    expect(body.details.map((d) => d.path)).toEqual(expect.arrayContaining(['timezone', 'startsAt', 'rooms.0.capacity', 'rooms.0.projector']));
  });

  it('takes proposals from anyone, with per-field errors, and lets the proposer see and edit theirs', async () => {
    const event = await newEvent();
    const broken = await call(server, 'POST', `/api/events/${event.id}/proposals`, {
      ...proposalBody,
      problem: '',
      proposer: { name: 'Ada', email: 'not-an-email' },
      preparation: [{ url: 'javascript:alert(1)' }],
    });
    const errors = await json<{ details: { path: string }[] }>(broken, 400);
    expect(errors.details.map((d) => d.path)).toEqual(expect.arrayContaining(['problem', 'proposer.email', 'preparation.0.url']));
    expect((await call(server, 'POST', `/api/events/nope/proposals`, proposalBody)).status).toBe(404);

    const proposal = await submit(event.id);
    expect(proposal.status).toBe('submitted');
    expect(proposal.links.edit).toContain(proposal.editToken ? encodeURIComponent(proposal.editToken) : 'x');
    const path = `/api/events/${event.id}/proposals/${proposal.id}`;
    expect(await json(await call(server, 'GET', path, undefined, proposal.editToken), 200)).toMatchObject({ title: proposalBody.title, status: 'submitted' });
    expect((await call(server, 'GET', path)).status).toBe(401);
    expect((await call(server, 'GET', path, undefined, 'wrong')).status).toBe(401);
    const edited = await json<{ title: string; problem: string }>(await call(server, 'PATCH', path, { title: 'Live migration of vGPUs, v2' }, proposal.editToken), 200);
    expect(edited).toMatchObject({ title: 'Live migration of vGPUs, v2', problem: proposalBody.problem });
    expect((await call(server, 'PATCH', path, { preparation: [{ url: 'ftp://x' }] }, proposal.editToken)).status).toBe(400);
  });

  it('lets only the organizer list, accept, decline and schedule; a token of another kind is 403', async () => {
    const event = await newEvent();
    const proposal = await submit(event.id);
    const session = await createSession(server.url, undefined, { authorization: `Bearer ${ORGANIZER_KEY}` });
    const list = `/api/events/${event.id}/proposals`;
    expect((await call(server, 'GET', list)).status).toBe(401);
    expect((await call(server, 'GET', list, undefined, 'wrong')).status).toBe(401);
    expect((await call(server, 'GET', list, undefined, proposal.editToken)).status).toBe(403);
    expect((await call(server, 'GET', list, undefined, session.tokens.moderator)).status).toBe(403);
    const listed = await json<{ id: string; status: string }[]>(await call(server, 'GET', list, undefined, event.organizerToken), 200);
    expect(listed.map((p) => [p.id, p.status])).toEqual([[proposal.id, 'submitted']]);
    expect(listed[0]).not.toHaveProperty('editToken');
    // the organizer key organizes every event
    expect((await call(server, 'GET', list, undefined, ORGANIZER_KEY)).status).toBe(200);

    const decline = await json<{ status: string }>(await call(server, 'POST', `${list}/${proposal.id}/decline`, undefined, event.organizerToken), 200);
    expect(decline.status).toBe('declined');
    expect((await call(server, 'PATCH', `${list}/${proposal.id}`, { title: 'x' }, proposal.editToken)).status).toBe(409);
    const accept = await json<{ status: string }>(await call(server, 'POST', `${list}/${proposal.id}/accept`, undefined, event.organizerToken), 200);
    expect(accept.status).toBe('accepted');
    expect((await call(server, 'POST', `${list}/${proposal.id}/schedule`, { roomId: event.rooms[0]!.id, startsAt: '2026-12-01T10:00:00Z' }, proposal.editToken)).status).toBe(403);
  });

  it('schedules a proposal into a room: the session carries the proposal, the proposer moderates, and is emailed the link', async () => {
    const event = await newEvent();
    const proposal = await submit(event.id);
    const before = smtp.received.length;
    const res = await call(server, 'POST', `/api/events/${event.id}/proposals/${proposal.id}/schedule`, { roomId: event.rooms[1]!.id, startsAt: '2026-12-01T10:00:00+01:00' }, event.organizerToken);
    const { session, emailed } = await json<{ session: CreatedSession; emailed: boolean }>(res, 201);
    expect(session).toMatchObject({
      title: proposalBody.title,
      problem: proposalBody.problem,
      contribute: proposalBody.contribute,
      preparation: proposalBody.preparation,
      moderatorName: 'Ada Lovelace',
      mailingList: 'xen-devel@example.org',
      capacity: 12,
      durationMinutes: 50,
    });
    expect(session.links.moderator).toContain(`/s/${session.id}?token=`);
    const view = await json<SessionView>(await call(server, 'GET', `/api/sessions/${session.id}`, undefined, session.tokens.moderator), 200);
    expect(view.role).toBe('moderator');
    expect(view.slot).toMatchObject({ roomName: 'Room B', startsAt: '2026-12-01T09:00:00.000Z', endsAt: '2026-12-01T09:50:00.000Z', projector: false });

    expect(emailed).toBe(true);
    expect(smtp.received.length).toBe(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['ada@example.org']);
    expect(mail.raw.toString('utf8').replace(/=\r\n/g, '')).toContain(session.id);

    const listed = await json<{ id: string; status: string; sessionId?: string }[]>(
      await call(server, 'GET', `/api/events/${event.id}/proposals`, undefined, event.organizerToken),
      200,
    );
    expect(listed[0]).toMatchObject({ status: 'scheduled', sessionId: session.id, sessionLinks: session.links });
    expect((await call(server, 'PATCH', `/api/events/${event.id}/proposals/${proposal.id}`, { title: 'late' }, proposal.editToken)).status).toBe(409);
  });

  it('answers 409 naming the conflict: room taken, outside the event, unknown room, longer than the event', async () => {
    const event = await newEvent();
    const room = event.rooms[0]!.id;
    const schedule = async (startsAt: string, roomId = room, body = proposalBody) => {
      const p = await submit(event.id, body);
      return call(server, 'POST', `/api/events/${event.id}/proposals/${p.id}/schedule`, { roomId, startsAt }, event.organizerToken);
    };
    const first = await json<{ session: CreatedSession }>(await schedule('2026-12-01T10:00:00Z'), 201);
    const taken = await json<{ conflict: { kind: string; sessionId?: string } }>(await schedule('2026-12-01T10:30:00Z'), 409);
    expect(taken.conflict).toEqual({ kind: 'room-taken', sessionId: first.session.id });
    await json(await schedule('2026-12-01T10:50:00Z'), 201); // back to back is fine
    await json(await schedule('2026-12-01T10:30:00Z', event.rooms[1]!.id), 201); // another room is free
    expect((await json<{ conflict: { kind: string } }>(await schedule('2026-12-01T08:00:00Z'), 409)).conflict.kind).toBe('outside-event');
    expect((await json<{ conflict: { kind: string } }>(await schedule('2026-12-01T17:30:00Z'), 409)).conflict.kind).toBe('outside-event');
    expect((await json<{ conflict: { kind: string } }>(await schedule('2026-12-01T12:00:00Z', 'no-such-room'), 409)).conflict.kind).toBe('unknown-room');
    expect((await schedule('2026-12-01T12:00:00')).status).toBe(400); // no offset
  });

  it('never double-books a room when two organizers schedule at once', async () => {
    const event = await newEvent();
    const proposals = await Promise.all([submit(event.id), submit(event.id), submit(event.id), submit(event.id)]);
    const answers = await Promise.all(
      proposals.map((p) =>
        call(server, 'POST', `/api/events/${event.id}/proposals/${p.id}/schedule`, { roomId: event.rooms[0]!.id, startsAt: '2026-12-01T14:00:00Z' }, event.organizerToken),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const schedule = await json<{ sessions: unknown[] }>(await call(server, 'GET', `/api/events/${event.id}/schedule`), 200);
    expect(schedule.sessions).toHaveLength(1);
  });

  it('publishes the schedule with follower links only, as JSON, iCalendar and frab JSON', async () => {
    const event = await newEvent();
    const p = await submit(event.id);
    const { session } = await json<{ session: CreatedSession }>(
      await call(server, 'POST', `/api/events/${event.id}/proposals/${p.id}/schedule`, { roomId: event.rooms[0]!.id, startsAt: '2026-12-01T11:00:00Z' }, event.organizerToken),
      201,
    );
    const schedule = await json<{ event: Record<string, unknown>; rooms: unknown[]; sessions: { id: string; title: string; roomId: string; startsAt: string; endsAt: string; links: Record<string, string> }[] }>(
      await call(server, 'GET', `/api/events/${event.id}/schedule`),
      200,
    );
    expect(schedule.event).not.toHaveProperty('organizerToken');
    expect(schedule.rooms).toHaveLength(2);
    expect(schedule.sessions).toEqual([
      {
        id: session.id,
        title: proposalBody.title,
        roomId: event.rooms[0]!.id,
        startsAt: '2026-12-01T11:00:00.000Z',
        endsAt: '2026-12-01T11:50:00.000Z',
        moderatorName: 'Ada Lovelace',
        links: { follower: session.links.follower },
      },
    ]);
    const all = JSON.stringify(schedule);
    for (const secret of [session.tokens.moderator, session.tokens.attendee, event.organizerToken, p.editToken]) expect(all).not.toContain(secret);

    const ics = await call(server, 'GET', `/api/events/${event.id}/schedule.ics`);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = await ics.text();
    expect(calendar.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(calendar).toContain('DTSTART:20261201T110000Z');
    expect(calendar).toContain('DTEND:20261201T115000Z');
    expect(calendar).toContain(`UID:${session.id}@roundtable`);
    for (const line of calendar.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const frab = await json<{ schedule: { conference: { title: string; days: { rooms: Record<string, { title: string; start: string; duration: string }[]> }[] } } }>(
      await call(server, 'GET', `/api/events/${event.id}/schedule.frab.json`),
      200,
    );
    expect(frab.schedule.conference.title).toBe('Xen Summit 2026');
    // Lisbon is on UTC in December
    expect(frab.schedule.conference.days[0]!.rooms['Room A']).toEqual([expect.objectContaining({ title: proposalBody.title, start: '11:00', duration: '00:50' })]);
  });
});
