import {
  findConflict,
  toUtcIso,
  type CreateEventInput,
  type CreatedSession,
  type EventInfo,
  type OrganizerProposal,
  type ProposalInfo,
  type ProposalInput,
  type ProposalStatus,
  type ProposalUpdate,
  type ScheduleExportInput,
  type ScheduleInput,
  type ScheduledSession,
} from '@roundtable/shared';
import type { EventRecord, ProposalRecord, Storage } from '../storage/index.js';
import { newSessionId, newToken, timingSafeEqualStrings, type SessionService } from '../sessions/index.js';
import { EventError } from './EventError.js';
import type { ModeratorMailer } from './moderatorEmail.js';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'events' });

export interface EventServiceOptions {
  publicUrl: string;
  /** ORGANIZER_KEY: creates events, and organizes every one of them. */
  organizerKey?: string | undefined;
  /** Emails the moderator link on scheduling; null without SMTP. */
  mailer: ModeratorMailer | null;
}

export interface CreatedEvent extends EventInfo {
  organizerToken: string;
  links: { schedule: string; submit: string; organize: string };
}

export interface SubmittedProposal {
  id: string;
  status: ProposalStatus;
  editToken: string;
  links: { edit: string };
}

/** The public schedule (contract: `GET /api/events/:id/schedule`). */
export interface PublicSchedule {
  event: EventInfo;
  rooms: EventInfo['rooms'];
  sessions: (Omit<ScheduledSession, 'sessionId' | 'proposalId'> & { id: string; links: { follower: string } })[];
}

/** How many times a schedule write is retried when another organizer wrote first. */
const SCHEDULE_ATTEMPTS = 5;

/**
 * Events, their proposals and the schedule: everything before a session runs. Stored through the
 * same Storage as sessions; a session is made (by the SessionService) when a proposal is scheduled.
 */
export class EventService {
  constructor(
    private readonly storage: Storage,
    private readonly sessions: SessionService,
    private readonly options: EventServiceOptions,
  ) {}

  async create(input: CreateEventInput): Promise<CreatedEvent> {
    const record: EventRecord = {
      id: newSessionId(),
      name: input.name,
      timezone: input.timezone,
      startsAt: toUtcIso(input.startsAt),
      endsAt: toUtcIso(input.endsAt),
      ...(input.mailingList && { mailingList: input.mailingList }),
      suggestedTopics: input.suggestedTopics ?? [],
      rooms: input.rooms.map((room, i) => ({ id: `room-${i + 1}`, ...room })),
      createdAt: new Date().toISOString(),
      organizerToken: newToken(),
    };
    await this.storage.createEvent(record);
    return { ...publicEvent(record), organizerToken: record.organizerToken, links: this.eventLinks(record) };
  }

  async event(eventId: string): Promise<EventRecord> {
    const event = await this.storage.getEvent(eventId);
    if (!event) throw new EventError(404, 'unknown event');
    return event;
  }

  view(event: EventRecord): EventInfo {
    return publicEvent(event);
  }

  async submit(eventId: string, input: ProposalInput): Promise<SubmittedProposal> {
    const event = await this.event(eventId);
    const now = new Date().toISOString();
    const record: ProposalRecord = {
      id: newSessionId(),
      eventId: event.id,
      status: 'submitted',
      ...input,
      topics: input.topics ?? [],
      createdAt: now,
      updatedAt: now,
      editToken: newToken(),
    };
    await this.storage.saveProposal(record);
    return { id: record.id, status: record.status, editToken: record.editToken, links: { edit: this.editLink(record) } };
  }

  /** A proposal for its proposer (edit token) or an organizer. */
  async proposal(eventId: string, proposalId: string, token: string | undefined): Promise<ProposalInfo> {
    const { proposal } = await this.proposalFor(eventId, proposalId, token);
    return publicProposal(proposal);
  }

  /** The proposer edits until the proposal is scheduled (or declined). */
  async update(eventId: string, proposalId: string, token: string | undefined, update: ProposalUpdate): Promise<ProposalInfo> {
    const { proposal } = await this.proposalFor(eventId, proposalId, token);
    if (proposal.status === 'scheduled' || proposal.status === 'declined') {
      throw new EventError(409, `the proposal is ${proposal.status}: it can no longer be changed`);
    }
    const next: ProposalRecord = {
      ...proposal,
      ...update,
      proposer: { ...proposal.proposer, ...update.proposer },
      updatedAt: new Date().toISOString(),
    };
    await this.storage.saveProposal(next);
    return publicProposal(next);
  }

  /** For organizers: every proposal, and for a scheduled one its session's links (they hand them over). */
  async list(eventId: string, token: string | undefined): Promise<OrganizerProposal[]> {
    await this.organizer(eventId, token);
    const proposals = await this.storage.listProposals(eventId);
    return Promise.all(
      proposals.map(async (proposal) => {
        const session = proposal.sessionId ? await this.storage.getSession(proposal.sessionId) : null;
        if (!session) return publicProposal(proposal);
        const [moderator, attendee, follower] = (['moderator', 'attendee', 'follower'] as const).map((role) => this.sessions.linkFor(session, role));
        return { ...publicProposal(proposal), sessionLinks: { moderator: moderator!, attendee: attendee!, follower: follower! } };
      }),
    );
  }

  async decide(eventId: string, proposalId: string, token: string | undefined, status: 'accepted' | 'declined'): Promise<ProposalInfo> {
    await this.organizer(eventId, token);
    const proposal = await this.proposalOf(eventId, proposalId);
    if (proposal.status === 'scheduled') throw new EventError(409, 'the proposal is scheduled already', { conflict: { kind: 'already-scheduled', sessionId: proposal.sessionId } });
    const next = { ...proposal, status, updatedAt: new Date().toISOString() };
    await this.storage.saveProposal(next);
    return publicProposal(next);
  }

  /**
   * Places a proposal into a room and time and makes its session. The slot is reserved first
   * (compare-and-set on the event's schedule, so two organizers cannot book one room at once),
   * then the session is made with the id reserved for it.
   */
  async schedule(eventId: string, proposalId: string, token: string | undefined, input: ScheduleInput) {
    const event = await this.organizer(eventId, token);
    const proposal = await this.proposalOf(eventId, proposalId);
    if (proposal.status === 'scheduled') {
      throw new EventError(409, 'the proposal is scheduled already', { conflict: { kind: 'already-scheduled', sessionId: proposal.sessionId } });
    }
    if (proposal.status === 'declined') throw new EventError(409, 'the proposal was declined: accept it first', { conflict: { kind: 'declined' } });
    const startsAt = Date.parse(input.startsAt);
    const sessionId = newSessionId();
    const room = event.rooms.find((r) => r.id === input.roomId);
    let entry: ScheduledSession | null = null;
    for (let attempt = 0; attempt < SCHEDULE_ATTEMPTS && !entry; attempt++) {
      const stored = await this.storage.loadSchedule(event.id);
      const conflict = findConflict(event, stored.sessions, {
        roomId: input.roomId,
        startsAt,
        durationMinutes: proposal.durationMinutes,
        proposalId: proposal.id,
      });
      if (conflict) throw conflictError(conflict);
      const candidate: ScheduledSession = {
        sessionId,
        proposalId: proposal.id,
        roomId: input.roomId,
        title: proposal.title,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + proposal.durationMinutes * 60_000).toISOString(),
        moderatorName: proposal.proposer.name,
      };
      if ((await this.storage.saveSchedule(event.id, [...stored.sessions, candidate], stored.version)) !== null) entry = candidate;
    }
    if (!entry || !room) throw new EventError(503, 'the schedule kept changing under this request; try again');

    let session: CreatedSession;
    try {
      session = await this.sessions.create(
        {
          title: proposal.title,
          durationMinutes: proposal.durationMinutes,
          problem: proposal.problem,
          contribute: proposal.contribute,
          preparation: proposal.preparation,
          moderatorName: proposal.proposer.name,
          ...(event.mailingList && { mailingList: event.mailingList }),
          capacity: room.capacity,
        },
        {
          id: sessionId,
          slot: {
            eventId: event.id,
            eventName: event.name,
            roomId: room.id,
            roomName: room.name,
            projector: room.projector,
            startsAt: entry.startsAt,
            endsAt: entry.endsAt,
            timezone: event.timezone,
          },
        },
      );
    } catch (error) {
      await this.release(event.id, sessionId).catch(() => {}); // best effort: the slot is free again
      throw error;
    }
    await this.storage.saveProposal({ ...proposal, status: 'scheduled', sessionId, updatedAt: new Date().toISOString() });
    const emailed = await this.emailModerator(event, proposal, session);
    return { session, emailed };
  }

  async publicSchedule(eventId: string): Promise<PublicSchedule> {
    const event = await this.event(eventId);
    const { sessions } = await this.storage.loadSchedule(event.id);
    const links = await this.followerLinks(sessions);
    return {
      event: publicEvent(event),
      rooms: event.rooms,
      sessions: [...sessions]
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.roomId.localeCompare(b.roomId))
        .map(({ sessionId, proposalId: _p, ...rest }) => ({ id: sessionId, ...rest, links: { follower: links[sessionId] ?? '' } })),
    };
  }

  /** What the calendar exports are made from: the schedule with each session's proposal and follower link. */
  async exportInput(eventId: string): Promise<ScheduleExportInput> {
    const event = await this.event(eventId);
    const [{ sessions }, proposals] = await Promise.all([this.storage.loadSchedule(event.id), this.storage.listProposals(event.id)]);
    return {
      event: publicEvent(event),
      rooms: event.rooms,
      sessions,
      links: await this.followerLinks(sessions),
      now: Date.now(),
      proposals: proposals.map(({ id, problem, contribute, preparation, topics }) => ({ id, problem, contribute, preparation, topics })),
      scheduleUrl: this.eventLinks(event).schedule,
    };
  }

  /** The follower link of each scheduled session: what the public schedule may hand out. */
  async followerLinks(sessions: ScheduledSession[]): Promise<Record<string, string>> {
    const entries = await Promise.all(
      sessions.map(async (s) => {
        const session = await this.storage.getSession(s.sessionId);
        return [s.sessionId, session ? this.sessions.linkFor(session, 'follower') : ''] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  private async release(eventId: string, sessionId: string): Promise<void> {
    for (let attempt = 0; attempt < SCHEDULE_ATTEMPTS; attempt++) {
      const stored = await this.storage.loadSchedule(eventId);
      const rest = stored.sessions.filter((s) => s.sessionId !== sessionId);
      if ((await this.storage.saveSchedule(eventId, rest, stored.version)) !== null) return;
    }
  }

  private async emailModerator(event: EventRecord, proposal: ProposalRecord, session: CreatedSession): Promise<boolean> {
    if (!this.options.mailer) return false;
    try {
      await this.options.mailer.sendModeratorLink(event, proposal, session);
      return true;
    } catch (error) {
      // The organizer still sees the link to hand over; the answer says the email did not go.
      log.error({ err: error, session: session.id }, 'could not email the moderator link');
      return false;
    }
  }

  /** The event, if `token` is its organizer token or the ORGANIZER_KEY; 401 or 403 otherwise. */
  private async organizer(eventId: string, token: string | undefined): Promise<EventRecord> {
    const event = await this.event(eventId);
    if (!token) throw new EventError(401, 'this needs the organizer token of the event');
    if (timingSafeEqualStrings(token, event.organizerToken)) return event;
    if (this.options.organizerKey && timingSafeEqualStrings(token, this.options.organizerKey)) return event;
    if (await this.isOtherKindOfToken(event.id, token)) {
      throw new EventError(403, 'this token does not organize the event (it is a session or proposal token)');
    }
    throw new EventError(401, 'invalid organizer token for this event');
  }

  private async isOtherKindOfToken(eventId: string, token: string): Promise<boolean> {
    if (await this.storage.findToken(token)) return true;
    const proposals = await this.storage.listProposals(eventId);
    return proposals.some((p) => timingSafeEqualStrings(p.editToken, token));
  }

  private async proposalOf(eventId: string, proposalId: string): Promise<ProposalRecord> {
    const proposal = await this.storage.getProposal(proposalId);
    if (!proposal || proposal.eventId !== eventId) throw new EventError(404, 'unknown proposal');
    return proposal;
  }

  /** The proposal, for its edit token or an organizer credential. */
  private async proposalFor(eventId: string, proposalId: string, token: string | undefined) {
    const event = await this.event(eventId);
    const proposal = await this.proposalOf(eventId, proposalId);
    if (!token) throw new EventError(401, 'this needs the proposal\'s private link (its token)');
    if (timingSafeEqualStrings(token, proposal.editToken)) return { event, proposal };
    await this.organizer(eventId, token);
    return { event, proposal };
  }

  private eventLinks(event: EventRecord): CreatedEvent['links'] {
    const base = `${this.options.publicUrl}/e/${event.id}`;
    return { schedule: base, submit: `${base}/submit`, organize: `${base}/organize?token=${encodeURIComponent(event.organizerToken)}` };
  }

  private editLink(proposal: ProposalRecord): string {
    return `${this.options.publicUrl}/e/${proposal.eventId}/proposals/${proposal.id}?token=${encodeURIComponent(proposal.editToken)}`;
  }
}

function conflictError(conflict: NonNullable<ReturnType<typeof findConflict>>): EventError {
  const messages = {
    'unknown-room': 'the event has no such room',
    'outside-event': 'the session would not fit within the event\'s start and end',
    'room-taken': 'the room is taken at that time',
  } as const;
  return new EventError(409, messages[conflict.kind], { conflict });
}

function publicEvent(event: EventRecord): EventInfo {
  const { organizerToken: _token, ...info } = event;
  return info;
}

function publicProposal(proposal: ProposalRecord): ProposalInfo {
  const { editToken: _token, ...info } = proposal;
  return info;
}
