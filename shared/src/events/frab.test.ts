import { describe, expect, it } from 'vitest';
import { scheduleToFrab } from './frab.js';
import { stableNumberId, stableUuid } from './stableIds.js';
import { SAMPLE_EVENT, sampleExportInput, sampleSession } from './testSchedule.js';

describe('scheduleToFrab', () => {
  const { schedule } = scheduleToFrab(sampleExportInput());
  const { conference } = schedule;

  it('describes the conference in its own time zone', () => {
    expect(schedule.base_url).toBe('https://rt.example/events/ev1');
    expect(schedule.version).toMatch(/^[0-9a-z]+$/);
    expect(conference).toMatchObject({
      acronym: 'kvm-forum-2026',
      title: 'KVM Forum 2026',
      start: '2026-10-24',
      end: '2026-10-25',
      daysCount: 2,
      timeslot_duration: '00:15',
      time_zone_name: 'Europe/Berlin',
      rooms: [
        { name: 'Hall A', guid: stableUuid('room:r1') },
        { name: 'Room B', guid: stableUuid('room:r2') },
      ],
    });
  });

  it('has one entry per local day, bounded by the event and by midnight across the DST change', () => {
    expect(conference.days.map(({ rooms: _rooms, ...day }) => day)).toEqual([
      { index: 1, date: '2026-10-24', day_start: '2026-10-24T09:00:00+02:00', day_end: '2026-10-25T00:00:00+02:00' },
      { index: 2, date: '2026-10-25', day_start: '2026-10-25T00:00:00+02:00', day_end: '2026-10-25T18:00:00+01:00' },
    ]);
    expect(Object.keys(conference.days[0]!.rooms)).toEqual(['Hall A', 'Room B']);
    expect(conference.days[0]!.rooms['Room B']).toEqual([]);
  });

  it('writes each session as a frab event with local times', () => {
    const id = stableNumberId('s1');
    expect(conference.days[0]!.rooms['Hall A']).toEqual([
      {
        id,
        guid: stableUuid('s1'),
        date: '2026-10-24T10:00:00+02:00',
        start: '10:00',
        duration: '01:00',
        room: 'Hall A',
        slug: `kvm-forum-2026-${id}-vtpm-migration`,
        url: 'https://rt.example/s/s1?token=f1',
        title: 'vTPM migration',
        subtitle: '',
        track: 'migration',
        type: 'design session',
        language: 'en',
        abstract: 'State of the vTPM is lost on migration.',
        description: 'Bring your migration war stories.',
        recording_license: '',
        do_not_record: true,
        persons: [{ id: stableNumberId('person:Ada Lovelace'), public_name: 'Ada Lovelace' }],
        links: [
          { url: 'https://example.org/vtpm', title: 'Design doc' },
          { url: 'https://example.org/b', title: 'https://example.org/b' },
        ],
        attachments: [],
      },
    ]);
    const second = conference.days[1]!.rooms['Room B']![0]!;
    expect(second).toMatchObject({ date: '2026-10-25T10:00:00+01:00', start: '10:00', duration: '00:50', track: null });
  });

  it('is deterministic, and its version follows the content', () => {
    expect(scheduleToFrab(sampleExportInput({ now: 0 }))).toEqual(scheduleToFrab(sampleExportInput()));
    const moved = scheduleToFrab(
      sampleExportInput({ sessions: [sampleSession({ startsAt: '2026-10-24T08:15:00.000Z' })] }),
    );
    expect(moved.schedule.version).not.toBe(schedule.version);
  });

  it('survives JSON and keeps a room named like a prototype key', () => {
    const rooms = [{ id: 'r1', name: '__proto__', capacity: 5, projector: false }];
    const odd = scheduleToFrab(sampleExportInput({ event: { ...SAMPLE_EVENT, rooms }, rooms, sessions: [sampleSession()] }));
    const parsed = JSON.parse(JSON.stringify(odd)) as typeof odd;
    expect(Object.keys(parsed.schedule.conference.days[0]!.rooms)).toEqual(['__proto__']);
  });

  it('ends the day before an event that ends at midnight', () => {
    const event = { ...SAMPLE_EVENT, endsAt: '2026-10-25T23:00:00.000Z' }; // 2026-10-26 00:00 CET
    const { conference: c } = scheduleToFrab(sampleExportInput({ event, sessions: [] })).schedule;
    expect(c.end).toBe('2026-10-25');
    expect(c.daysCount).toBe(2);
    expect(c.days[1]!.day_end).toBe('2026-10-26T00:00:00+01:00');
  });
});
