// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { byTestId, cleanup, json, render, until } from './pageTesting';
import { SchedulePage } from './SchedulePage';

const EVENT = {
  id: 'ev1',
  name: 'KVM Forum',
  timezone: 'Europe/Berlin',
  startsAt: '2026-10-24T07:00:00.000Z',
  endsAt: '2026-10-25T17:00:00.000Z',
  suggestedTopics: [],
  rooms: [
    { id: 'r1', name: 'Hall A', capacity: 30, projector: true },
    { id: 'r2', name: 'Room B', capacity: 12, projector: false },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
};

const session = (id: string, title: string, roomId: string, startsAt: string, minutes: number) => ({
  id,
  title,
  roomId,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString(),
  moderatorName: 'Ada',
  links: { follower: `https://rt.example/s/${id}?token=f` },
});

const SESSIONS = [
  session('s1', 'vTPM migration', 'r1', '2026-10-24T08:00:00.000Z', 50), // 10:00–10:50 in Berlin
  session('s2', 'Dirty rings', 'r1', '2026-10-24T09:00:00.000Z', 25),
  session('s3', 'Storage', 'r2', '2026-10-24T08:30:00.000Z', 80),
  session('s4', 'Day two', 'r2', '2026-10-25T08:00:00.000Z', 50), // 09:00 in Berlin: winter time
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(Date.parse('2026-10-24T08:20:00.000Z')); // 10:20 in Berlin
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const sessionItem = (title: string) =>
  [...document.querySelectorAll<HTMLElement>('[data-testid="schedule-session"]')].find((li) => li.querySelector('.session-title')?.textContent === title)!;

describe('the public schedule', () => {
  it('shows each day by room in the event time zone, each session linking to its follower view', async () => {
    const requests = render(SchedulePage, { eventId: 'ev1' }, () => json(200, { event: EVENT, rooms: EVENT.rooms, sessions: SESSIONS }));
    await until(() => expect(document.querySelectorAll('[data-testid="schedule-session"]')).toHaveLength(4));
    expect(requests[0]!.url.pathname).toBe('/api/events/ev1/schedule');
    expect(byTestId('schedule-zone')?.textContent).toBe('All times are Europe/Berlin time (now UTC+02:00).');
    expect([...document.querySelectorAll('.schedule-day h2')].map((h) => h.textContent)).toEqual(['Sat 24 Oct 2026', 'Sun 25 Oct 2026']);

    const link = sessionItem('vTPM migration').querySelector('a')!;
    expect(link.textContent).toBe('vTPM migration');
    expect(link.getAttribute('href')).toBe('https://rt.example/s/s1?token=f');
    expect(sessionItem('vTPM migration').querySelector('.session-time')?.textContent).toBe('10:00–10:50');
    expect(sessionItem('Day two').querySelector('.session-time')?.textContent).toBe('09:00–09:50');

    const firstDay = document.querySelector('.schedule-day')!;
    const rooms = [...firstDay.querySelectorAll('section[data-testid="schedule-room"]')];
    expect(rooms.map((room) => room.getAttribute('aria-label'))).toEqual(['Hall A', 'Room B']);
    expect(rooms[0]!.querySelector('h3')?.textContent).toBe('Hall A 📽projector · 30 seats');
    expect(rooms[0]!.querySelector('.visually-hidden')?.textContent).toBe('projector');
    expect(rooms[1]!.querySelector('.projector-mark')).toBeNull();
    // Hall A on day one: 10:00–10:50 then 11:00–11:25, rows from 10:00 (row line 2) in quarter hours.
    expect(sessionItem('vTPM migration').style.gridRow).toBe('2 / 6');
    expect(sessionItem('Dirty rings').style.gridRow).toBe('6 / 8');
    expect(sessionItem('Storage').style.gridColumn).toBe('3');

    const links = [...document.querySelectorAll('nav[aria-label="Schedule links"] a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Propose a session', '/e/ev1/submit'],
      ['Calendar (.ics)', '/api/events/ev1/schedule.ics'],
      ['Schedule as frab JSON', '/api/events/ev1/schedule.frab.json'],
    ]);
  });

  it('marks now and next, and moves them on as time passes', async () => {
    render(SchedulePage, { eventId: 'ev1' }, () => json(200, { event: EVENT, rooms: EVENT.rooms, sessions: SESSIONS }));
    await until(() => expect(document.querySelectorAll('[data-testid="schedule-session"]')).toHaveLength(4));
    const states = () => Object.fromEntries(SESSIONS.map((s) => [s.title, sessionItem(s.title).dataset['state'] ?? '']));
    expect(states()).toEqual({ 'vTPM migration': 'now', 'Dirty rings': 'next', Storage: 'next', 'Day two': '' });
    expect(sessionItem('vTPM migration').textContent).toContain('Now');

    vi.setSystemTime(Date.parse('2026-10-24T08:55:00.000Z')); // 10:55: Storage runs, Dirty rings is next
    act(() => vi.advanceTimersByTime(30_000));
    await until(() => expect(states()).toEqual({ 'vTPM migration': '', 'Dirty rings': 'next', Storage: 'now', 'Day two': 'next' }));
  });

  it('says so when nothing is scheduled yet, and when the event is unknown', async () => {
    render(SchedulePage, { eventId: 'ev1' }, () => json(200, { event: EVENT, rooms: EVENT.rooms, sessions: [] }));
    await until(() => expect(document.body.textContent).toContain('Nothing is scheduled yet.'));
    cleanup();
    render(SchedulePage, { eventId: 'nope' }, () => json(404, { error: 'unknown event' }));
    await until(() => expect(document.querySelector('[role="alert"]')?.textContent).toBe('unknown event'));
  });
});
