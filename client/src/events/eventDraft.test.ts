import { describe, expect, it } from 'vitest';
import { checkEvent, emptyEventDraft, eventBody, splitTopics, type EventDraft } from './eventDraft';

const filled: EventDraft = {
  name: 'KVM Forum',
  timezone: 'Europe/Berlin',
  startsAt: '2026-10-24T09:00',
  endsAt: '2026-10-25T18:00',
  mailingList: '',
  topics: ' migration, storage ,, ',
  rooms: [
    { name: 'Hall A', capacity: '30', projector: true },
    { name: 'Room B', capacity: '12', projector: false },
  ],
};

describe('eventBody', () => {
  it('reads start and end on the clocks of the chosen zone, with each day its own offset', () => {
    expect(eventBody(filled)).toEqual({
      name: 'KVM Forum',
      timezone: 'Europe/Berlin',
      startsAt: '2026-10-24T09:00:00+02:00',
      endsAt: '2026-10-25T18:00:00+01:00',
      suggestedTopics: ['migration', 'storage'],
      rooms: [
        { name: 'Hall A', capacity: 30, projector: true },
        { name: 'Room B', capacity: 12, projector: false },
      ],
    });
    expect(eventBody({ ...filled, timezone: 'America/New_York' }).startsAt).toBe('2026-10-24T09:00:00-04:00');
  });

  it('splits topics on commas', () => {
    expect(splitTopics('a, b c ,,d')).toEqual(['a', 'b c', 'd']);
    expect(splitTopics('  ')).toEqual([]);
  });
});

describe('checkEvent', () => {
  it('passes a complete event', () => {
    expect(checkEvent(filled)).toEqual({ byField: {}, general: [] });
  });

  it('names the empty fields and the broken room rows', () => {
    const errors = checkEvent({ ...emptyEventDraft('Europe/Berlin'), rooms: [{ name: '', capacity: '31', projector: false }] });
    expect(errors.byField).toEqual({
      name: 'required',
      startsAt: 'required',
      endsAt: 'required',
      'rooms.0.name': 'required',
      'rooms.0.capacity': 'at most 30',
    });
  });

  it('blames an unknown zone, not the times it cannot read', () => {
    expect(checkEvent({ ...filled, timezone: 'Berlin' }).byField).toEqual({
      timezone: 'must be an IANA time zone name, e.g. Europe/Berlin',
    });
  });

  it('checks the order of the times, and duplicate rooms and topics', () => {
    const errors = checkEvent({
      ...filled,
      endsAt: '2026-10-24T08:00',
      topics: 'storage, Storage',
      rooms: [filled.rooms[0]!, { name: 'hall a', capacity: '5', projector: false }],
    });
    expect(errors.byField).toEqual({
      endsAt: 'must be after startsAt',
      suggestedTopics: 'topics must be unique',
      'rooms.1.name': 'room names must be unique',
    });
  });
});
