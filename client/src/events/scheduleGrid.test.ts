import { describe, expect, it } from 'vitest';
import { scheduleDays } from './scheduleGrid';

const rooms = [{ id: 'a' }, { id: 'b' }];
const session = (id: string, roomId: string, startsAt: string, minutes: number) => ({
  id,
  roomId,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString(),
});

const summary = (days: ReturnType<typeof scheduleDays>) =>
  days.map((day) => ({
    date: day.date,
    times: day.rows.map((row) => row.time),
    placements: day.placements.map((p) => [p.session.id, p.column, p.rowStart, p.rowEnd]),
    byRoom: day.byRoom.map((list) => list.map((s) => s.id)),
  }));

describe('scheduleDays', () => {
  it('draws rooms as columns and quarter hours as rows, from the first session to the end of the last', () => {
    const days = scheduleDays(
      rooms,
      [session('s2', 'b', '2026-10-24T08:30:00Z', 25), session('s1', 'a', '2026-10-24T08:00:00Z', 50)],
      'Europe/Berlin',
    );
    expect(summary(days)).toEqual([
      {
        date: '2026-10-24',
        times: ['10:00', '10:15', '10:30', '10:45'],
        placements: [
          ['s1', 0, 0, 4],
          ['s2', 1, 2, 4],
        ],
        byRoom: [['s1'], ['s2']],
      },
    ]);
  });

  it('snaps odd minutes outwards and never puts two sessions of a room in one cell', () => {
    const days = scheduleDays(
      rooms,
      [session('s1', 'a', '2026-10-24T08:05:00Z', 45), session('s2', 'a', '2026-10-24T08:50:00Z', 5)],
      'UTC',
    );
    expect(summary(days)[0]!.placements).toEqual([
      ['s1', 0, 0, 4], // 08:05–08:50 drawn 08:00–09:00
      ['s2', 0, 4, 5], // 08:50–08:55 drawn from the row after
    ]);
    expect(summary(days)[0]!.times).toEqual(['08:00', '08:15', '08:30', '08:45', '09:00']);
  });

  it('splits days on the event calendar, not UTC, and keeps a session crossing midnight on its first day', () => {
    const days = scheduleDays(
      rooms,
      [
        session('late', 'a', '2026-12-01T22:30:00Z', 60), // 23:30–00:30 in Berlin
        session('morning', 'b', '2026-12-02T08:00:00Z', 30),
        session('early', 'b', '2026-12-01T22:00:00Z', 15), // 23:00 in Berlin, still 1 December
      ],
      'Europe/Berlin',
    );
    expect(summary(days)).toEqual([
      {
        date: '2026-12-01',
        times: ['23:00', '23:15', '23:30', '23:45', '00:00', '00:15'],
        placements: [
          ['early', 1, 0, 1],
          ['late', 0, 2, 6],
        ],
        byRoom: [['late'], ['early']],
      },
      { date: '2026-12-02', times: ['09:00', '09:15'], placements: [['morning', 1, 0, 2]], byRoom: [[], ['morning']] },
    ]);
  });

  it('labels rows with the wall clock through a DST change', () => {
    // Berlin: 03:00 summer time becomes 02:00 winter time on 25 October 2026.
    const days = scheduleDays(rooms, [session('night', 'a', '2026-10-25T00:30:00Z', 60)], 'Europe/Berlin');
    expect(summary(days)[0]!.times).toEqual(['02:30', '02:45', '02:00', '02:15']);
  });

  it('lays out half-hour zones on local quarter hours', () => {
    const days = scheduleDays(rooms, [session('s', 'a', '2026-10-24T04:00:00Z', 30)], 'Asia/Kolkata');
    expect(summary(days)[0]!.times).toEqual(['09:30', '09:45']);
  });

  it('leaves out sessions of unknown rooms and is empty without sessions', () => {
    expect(scheduleDays(rooms, [session('x', 'gone', '2026-10-24T08:00:00Z', 30)], 'UTC')).toEqual([]);
    expect(scheduleDays(rooms, [], 'UTC')).toEqual([]);
  });
});
