import { describe, expect, it } from 'vitest';
import { validationDetails } from '../validation.js';
import {
  createEventSchema,
  proposalSchema,
  proposalUpdateSchema,
  resolveTimeZone,
  scheduleSchema,
} from './eventSchemas.js';

const validEvent = {
  name: '  KVM Forum  ',
  timezone: 'Europe/Berlin',
  startsAt: '2026-10-24T09:00:00+02:00',
  endsAt: '2026-10-25T18:00:00+01:00',
  mailingList: 'devel@lists.example.org',
  suggestedTopics: [' migration ', 'storage'],
  rooms: [
    { name: 'Hall A', capacity: 30, projector: true },
    { name: 'Room B', capacity: 1, projector: false },
  ],
};

const validProposal = {
  title: 'vTPM migration',
  problem: 'State is lost.',
  contribute: 'Bring stories.',
  preparation: [{ url: 'https://example.org/doc', label: 'Design' }],
  proposer: { name: 'Ada', email: 'ada@example.org' },
  durationMinutes: 50,
  topics: ['migration'],
};

function pathsOf(result: { success: boolean; error?: unknown }): string[] {
  expect(result.success).toBe(false);
  return validationDetails(result.error as Parameters<typeof validationDetails>[0]).map((d) => d.path);
}

function messageAt(result: { success: boolean; error?: unknown }, path: string): string | undefined {
  return validationDetails(result.error as Parameters<typeof validationDetails>[0]).find((d) => d.path === path)
    ?.message;
}

describe('resolveTimeZone', () => {
  it('accepts IANA names and corrects their letter case', () => {
    expect(resolveTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(resolveTimeZone('Etc/GMT+2')).toBe('Etc/GMT+2');
  });

  it('refuses offsets and names no engine knows', () => {
    for (const name of ['+02:00', '-05:00', 'GMT+2:00', 'Mars/Olympus_Mons', '', 'Europe/', '../etc/passwd']) {
      expect(resolveTimeZone(name), name).toBeNull();
    }
  });
});

describe('createEventSchema', () => {
  it('accepts the contract body, trimmed', () => {
    const event = createEventSchema.parse(validEvent);
    expect(event.name).toBe('KVM Forum');
    expect(event.suggestedTopics).toEqual(['migration', 'storage']);
    expect(event.startsAt).toBe('2026-10-24T09:00:00+02:00');
  });

  it('names every broken field', () => {
    const result = createEventSchema.safeParse({
      name: '',
      timezone: '+02:00',
      startsAt: '2026-10-24T09:00:00',
      endsAt: 'soon',
      mailingList: 'not-an-email',
      suggestedTopics: ['a', 'A', ''],
      rooms: [
        { name: 'Hall', capacity: 31, projector: true },
        { name: 'hall', capacity: 0, projector: 'yes' },
      ],
      extra: 1,
    });
    expect(pathsOf(result)).toEqual(
      expect.arrayContaining([
        'name',
        'timezone',
        'startsAt',
        'endsAt',
        'mailingList',
        'suggestedTopics.2',
        'rooms.0.capacity',
        'rooms.1.capacity',
        'rooms.1.projector',
        '',
      ]),
    );
    expect(messageAt(result, 'startsAt')).toBe('must be ISO 8601 with Z or an offset');
  });

  it('refuses duplicate room names and topics, case aside', () => {
    const result = createEventSchema.safeParse({
      ...validEvent,
      suggestedTopics: ['Storage', 'storage '],
      rooms: [
        { name: 'Hall A', capacity: 30, projector: true },
        { name: ' hall a', capacity: 10, projector: false },
      ],
    });
    expect(pathsOf(result)).toEqual(['suggestedTopics.1', 'rooms.1.name']);
  });

  it('needs at least one room, at most 100, and at most 50 topics', () => {
    expect(pathsOf(createEventSchema.safeParse({ ...validEvent, rooms: [] }))).toEqual(['rooms']);
    const rooms = Array.from({ length: 101 }, (_, i) => ({ name: `R${i}`, capacity: 5, projector: false }));
    expect(pathsOf(createEventSchema.safeParse({ ...validEvent, rooms }))).toEqual(['rooms']);
    const suggestedTopics = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expect(pathsOf(createEventSchema.safeParse({ ...validEvent, suggestedTopics }))).toEqual(['suggestedTopics']);
  });

  it('needs the end after the start, at most 14 days later, even beside other errors', () => {
    const backwards = createEventSchema.safeParse({ ...validEvent, name: '', endsAt: '2026-10-24T07:00:00Z' });
    expect(pathsOf(backwards)).toEqual(['name', 'endsAt']);
    expect(messageAt(backwards, 'endsAt')).toBe('must be after startsAt');
    const same = createEventSchema.safeParse({ ...validEvent, endsAt: validEvent.startsAt });
    expect(pathsOf(same)).toEqual(['endsAt']);
    const fourteenDays = { ...validEvent, startsAt: '2026-10-01T00:00:00Z', endsAt: '2026-10-15T00:00:00Z' };
    expect(createEventSchema.safeParse(fourteenDays).success).toBe(true);
    const tooLong = createEventSchema.safeParse({ ...fourteenDays, endsAt: '2026-10-15T00:01:00Z' });
    expect(pathsOf(tooLong)).toEqual(['endsAt']);
  });

  it('reports only the broken time, not an order it cannot judge', () => {
    const result = createEventSchema.safeParse({ ...validEvent, startsAt: '2026-10-24' });
    expect(pathsOf(result)).toEqual(['startsAt']);
  });

  it('answers a body that is not an object', () => {
    expect(pathsOf(createEventSchema.safeParse(null))).toEqual(['']);
  });
});

describe('proposalSchema', () => {
  it('accepts the contract body', () => {
    expect(proposalSchema.parse(validProposal)).toEqual(validProposal);
    const { topics: _topics, ...withoutTopics } = validProposal;
    expect(proposalSchema.safeParse(withoutTopics).success).toBe(true);
  });

  it('names every broken field with a dotted path', () => {
    const result = proposalSchema.safeParse({
      title: ' ',
      problem: '',
      contribute: 'x'.repeat(20_001),
      preparation: [{ url: 'https://ok.example' }, { url: 'javascript:alert(1)' }, { url: 'https://x.example', note: 1 }],
      proposer: { name: 'Ada', email: 'ada-at-example.org' },
      durationMinutes: 9,
      topics: ['ok', 'x'.repeat(61)],
      status: 'accepted',
    });
    expect(pathsOf(result)).toEqual(
      expect.arrayContaining([
        'title',
        'problem',
        'contribute',
        'preparation.1.url',
        'preparation.2',
        'proposer.email',
        'durationMinutes',
        'topics.1',
        '',
      ]),
    );
  });

  it('needs at least one preparation link and a duration of 10..480 whole minutes', () => {
    const noLinks = proposalSchema.safeParse({ ...validProposal, preparation: [] });
    expect(pathsOf(noLinks)).toEqual(['preparation']);
    expect(messageAt(noLinks, 'preparation')).toBe('add at least one preparation link');
    expect(pathsOf(proposalSchema.safeParse({ ...validProposal, preparation: undefined }))).toEqual(['preparation']);
    expect(proposalSchema.safeParse({ ...validProposal, durationMinutes: 10 }).success).toBe(true);
    expect(proposalSchema.safeParse({ ...validProposal, durationMinutes: 480 }).success).toBe(true);
    expect(pathsOf(proposalSchema.safeParse({ ...validProposal, durationMinutes: 481 }))).toEqual(['durationMinutes']);
    expect(pathsOf(proposalSchema.safeParse({ ...validProposal, durationMinutes: 30.5 }))).toEqual(['durationMinutes']);
  });

  it('needs the whole proposer', () => {
    const result = proposalSchema.safeParse({ ...validProposal, proposer: { email: 'ada@example.org' } });
    expect(pathsOf(result)).toEqual(['proposer.name']);
  });
});

describe('proposalUpdateSchema', () => {
  it('takes any subset of the fields, the proposer partly too', () => {
    expect(proposalUpdateSchema.parse({})).toEqual({});
    expect(proposalUpdateSchema.parse({ title: ' New ' })).toEqual({ title: 'New' });
    expect(proposalUpdateSchema.parse({ proposer: { email: 'b@example.org' } })).toEqual({
      proposer: { email: 'b@example.org' },
    });
  });

  it('keeps every rule and stays strict', () => {
    const result = proposalUpdateSchema.safeParse({
      preparation: [],
      durationMinutes: 5,
      proposer: { email: 'nope', phone: '123' },
      status: 'accepted',
    });
    expect(pathsOf(result)).toEqual(
      expect.arrayContaining(['preparation', 'durationMinutes', 'proposer.email', 'proposer', '']),
    );
  });
});

describe('scheduleSchema', () => {
  it('takes a room and an instant with an offset', () => {
    expect(scheduleSchema.parse({ roomId: 'r1', startsAt: '2026-10-24T10:00+02:00' })).toEqual({
      roomId: 'r1',
      startsAt: '2026-10-24T10:00+02:00',
    });
    const result = scheduleSchema.safeParse({ roomId: '', startsAt: '2026-10-24T10:00' });
    expect(pathsOf(result)).toEqual(['roomId', 'startsAt']);
    expect(messageAt(result, 'startsAt')).toBe('must be ISO 8601 with Z or an offset');
  });
});
