// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { OrganizerPage } from './OrganizerPage';
import { button, byTestId, cleanup, click, control, json, region, render, type, until, type SentRequest } from './pageTesting';

const EVENT = {
  id: 'ev1',
  name: 'Xen Summit 2026',
  timezone: 'Europe/Lisbon', // UTC+00:00 in December
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T18:00:00.000Z',
  suggestedTopics: [],
  rooms: [
    { id: 'room-1', name: 'Room A', capacity: 30, projector: true },
    { id: 'room-2', name: 'Room B', capacity: 12, projector: false },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
};

const proposal = (id: string, title: string, status: string, extra: object = {}) => ({
  id,
  eventId: 'ev1',
  status,
  title,
  problem: 'p',
  contribute: 'c',
  preparation: [{ url: 'https://example.org/doc' }],
  proposer: { name: 'Ada Lovelace', email: 'ada@example.org' },
  durationMinutes: 50,
  topics: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const EXISTING = {
  id: 's-existing',
  title: 'Existing talk',
  roomId: 'room-1',
  startsAt: '2026-12-01T10:00:00.000Z',
  endsAt: '2026-12-01T10:50:00.000Z',
  moderatorName: 'Bob',
  links: { follower: 'https://rt.example/s/s-existing?token=f' },
};

const CREATED_SESSION = {
  id: 's-new',
  title: 'vGPU migration',
  links: {
    moderator: 'https://rt.example/s/s-new?token=mod',
    attendee: 'https://rt.example/s/s-new?token=att',
    follower: 'https://rt.example/s/s-new?token=fol',
  },
};

afterEach(cleanup);

describe('the organizer page', () => {
  it('accepts, explains a conflict in the room’s terms, then schedules and hands over the moderator link', async () => {
    let proposals = [proposal('p1', 'vGPU migration', 'submitted'), proposal('p2', 'Old idea', 'declined')];
    let sessions = [EXISTING];
    let scheduleAnswer = json(409, { error: 'the room is taken at that time', conflict: { kind: 'room-taken', sessionId: 's-existing' } });
    const requests = render(OrganizerPage, { eventId: 'ev1', token: 'org-token' }, ({ method, url }: SentRequest) => {
      const path = url.pathname;
      if (path === '/api/events/ev1') return json(200, EVENT);
      if (path === '/api/events/ev1/proposals') return json(200, proposals);
      if (path === '/api/events/ev1/schedule') return json(200, { event: EVENT, rooms: EVENT.rooms, sessions });
      if (method === 'POST' && path.endsWith('/p1/accept')) return json(200, proposal('p1', 'vGPU migration', 'accepted'));
      if (method === 'POST' && path.endsWith('/p1/schedule')) {
        const answer = scheduleAnswer;
        if (answer.status === 201) {
          proposals = [proposal('p1', 'vGPU migration', 'scheduled', { sessionId: 's-new' }), proposals[1]!];
          sessions = [...sessions, { ...EXISTING, id: 's-new', title: 'vGPU migration', startsAt: '2026-12-01T11:00:00.000Z', endsAt: '2026-12-01T11:50:00.000Z', moderatorName: 'Ada Lovelace' }];
        }
        return answer;
      }
      return json(404, { error: `unexpected ${method} ${path}` });
    });

    await until(() => expect(region('vGPU migration')).not.toBeNull());
    const card = region('vGPU migration')!;
    expect(card.textContent).toContain('Ada Lovelace');
    expect(byTestId('proposal-status', card)?.textContent).toBe('submitted');
    expect(button('Accept', region('Old idea')!)).not.toBeNull(); // a declined proposal can be taken back
    expect(button('Schedule', region('Old idea')!)).toBeNull();

    click(button('Accept', card));
    await until(() => expect(byTestId('proposal-status', card)?.textContent).toBe('accepted'));
    expect(button('Accept', card)).toBeNull();
    expect(requests.find((r) => r.url.pathname.endsWith('/accept'))?.headers['authorization']).toBe('Bearer org-token');

    const room = control<HTMLSelectElement>('Room', card);
    expect([...room.options].map((o) => o.textContent)).toEqual(['Room A · 30 seats · 📽 projector', 'Room B · 12 seats']);
    const start = control('Start', card);
    expect(start.value).toBe('2026-12-01T09:00'); // the event's start, on its own clocks
    type(start, '2026-12-01T10:30');
    click(button('Schedule', card));
    await until(() => expect(byTestId('schedule-problem', card)?.textContent).toBe('Room A is taken then by “Existing talk” (10:00–10:50, moderated by Bob).'));

    scheduleAnswer = json(201, { session: CREATED_SESSION, emailed: true });
    type(start, '2026-12-01T11:00');
    click(button('Schedule', card));
    await until(() => expect(card.querySelector('a[data-testid="moderator-link"]')?.textContent).toBe('Moderator link for vGPU migration'));
    expect(card.querySelector('a[data-testid="moderator-link"]')?.getAttribute('href')).toBe(CREATED_SESSION.links.moderator);
    expect(byTestId('moderator-emailed', card)?.textContent).toBe('Emailed to the proposer.');
    expect(requests.filter((r) => r.url.pathname.endsWith('/schedule') && r.method === 'POST').map((r) => r.body)).toEqual([
      { roomId: 'room-1', startsAt: '2026-12-01T10:30:00+00:00' },
      { roomId: 'room-1', startsAt: '2026-12-01T11:00:00+00:00' },
    ]);
    await until(() => expect(document.querySelectorAll('[data-testid="compact-session"]')).toHaveLength(2));
    expect(byTestId('proposal-status', card)?.textContent).toBe('scheduled');
    expect(button('Schedule', card)).toBeNull();
    expect(byTestId('scheduled-slot', card)?.textContent).toContain('11:00–11:50');
  });

  it('says when the slot is outside the event', async () => {
    render(OrganizerPage, { eventId: 'ev1', token: 'org-token' }, ({ method, url }) => {
      if (url.pathname === '/api/events/ev1') return json(200, EVENT);
      if (url.pathname === '/api/events/ev1/proposals') return json(200, [proposal('p1', 'Late one', 'accepted')]);
      if (url.pathname === '/api/events/ev1/schedule') return json(200, { event: EVENT, rooms: EVENT.rooms, sessions: [] });
      if (method === 'POST') return json(409, { error: 'outside', conflict: { kind: 'outside-event' } });
      return json(404, {});
    });
    await until(() => expect(region('Late one')).not.toBeNull());
    const card = region('Late one')!;
    type(control<HTMLSelectElement>('Room', card), 'room-2');
    type(control('Start', card), '2026-12-01T17:30');
    click(button('Schedule', card));
    await until(() => expect(byTestId('schedule-problem', card)?.textContent).toMatch(/^That is outside the event: a 50 min session/));
  });

  it('refuses without a token, and shows the server’s word on a wrong one', async () => {
    render(OrganizerPage, { eventId: 'ev1', token: '' }, () => json(200, EVENT));
    expect(document.querySelector('[role="alert"]')?.textContent).toMatch(/organizer link/);
    cleanup();
    render(OrganizerPage, { eventId: 'ev1', token: 'wrong' }, ({ url }) =>
      url.pathname.endsWith('/proposals') ? json(401, { error: 'invalid organizer token for this event' }) : json(200, EVENT),
    );
    await until(() => expect(document.querySelector('[role="alert"]')?.textContent).toBe('invalid organizer token for this event'));
  });
});
