/**
 * An event with a scheduled day for tests of the schedule rules and exports (here and in the server).
 * Berlin, over the night DST ends (2026-10-25 03:00 CEST -> 02:00 CET), so the exports' local times are
 * tested where they are hardest.
 */
import type { EventInfo, ProposalInfo, ScheduledSession } from './eventSchemas.js';
import type { ScheduleExportInput } from './scheduleExport.js';

export const SAMPLE_EVENT: EventInfo = {
  id: 'ev1',
  name: 'KVM Forum 2026',
  timezone: 'Europe/Berlin',
  startsAt: '2026-10-24T07:00:00.000Z', // 09:00 CEST
  endsAt: '2026-10-25T17:00:00.000Z', // 18:00 CET
  mailingList: 'devel@lists.example.org',
  suggestedTopics: ['migration', 'storage'],
  rooms: [
    { id: 'r1', name: 'Hall A', capacity: 30, projector: true },
    { id: 'r2', name: 'Room B', capacity: 12, projector: false },
  ],
  createdAt: '2026-09-01T10:00:00.000Z',
};

export function sampleSession(overrides: Partial<ScheduledSession> = {}): ScheduledSession {
  return {
    sessionId: 's1',
    proposalId: 'p1',
    roomId: 'r1',
    title: 'vTPM migration',
    startsAt: '2026-10-24T08:00:00.000Z',
    endsAt: '2026-10-24T09:00:00.000Z',
    moderatorName: 'Ada Lovelace',
    ...overrides,
  };
}

export const SAMPLE_SESSIONS: ScheduledSession[] = [
  sampleSession(),
  sampleSession({
    sessionId: 's2',
    proposalId: 'p2',
    roomId: 'r2',
    title: 'Storage; caching, and you',
    startsAt: '2026-10-25T09:00:00.000Z', // 10:00 CET, after the change
    endsAt: '2026-10-25T09:50:00.000Z',
    moderatorName: 'Grace Hopper',
  }),
];

export function sampleProposal(overrides: Partial<ProposalInfo> = {}): ProposalInfo {
  return {
    id: 'p1',
    eventId: 'ev1',
    status: 'scheduled',
    title: 'vTPM migration',
    problem: 'State of the vTPM is lost on migration.',
    contribute: 'Bring your migration war stories.',
    preparation: [{ url: 'https://example.org/vtpm', label: 'Design doc' }, { url: 'https://example.org/b' }],
    proposer: { name: 'Ada Lovelace', email: 'ada@example.org' },
    durationMinutes: 60,
    topics: ['migration'],
    createdAt: '2026-09-02T10:00:00.000Z',
    updatedAt: '2026-09-02T10:00:00.000Z',
    sessionId: 's1',
    ...overrides,
  };
}

export function sampleExportInput(overrides: Partial<ScheduleExportInput> = {}): ScheduleExportInput {
  return {
    event: SAMPLE_EVENT,
    rooms: SAMPLE_EVENT.rooms,
    sessions: SAMPLE_SESSIONS,
    links: { s1: 'https://rt.example/s/s1?token=f1', s2: 'https://rt.example/s/s2?token=f2' },
    now: Date.UTC(2026, 9, 1, 12, 0, 0),
    proposals: [
      sampleProposal(),
      sampleProposal({
        id: 'p2',
        title: 'Storage; caching, and you',
        problem: 'Line one\nLine two, with a comma; and a semicolon \\ backslash',
        contribute: 'Measure.',
        preparation: [{ url: 'https://example.org/storage' }],
        topics: [],
        sessionId: 's2',
      }),
    ],
    scheduleUrl: 'https://rt.example/events/ev1',
    ...overrides,
  };
}
