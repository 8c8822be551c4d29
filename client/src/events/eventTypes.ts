import type { CreatedSession, EventInfo } from '@roundtable/shared';

/** Answer of `POST /api/events`: the event, its organizer token and the three links to hand out. */
export interface CreatedEvent extends EventInfo {
  organizerToken: string;
  links: { schedule: string; submit: string; organize: string };
}

/** Answer of `POST /api/events/:id/proposals`. */
export interface SubmittedProposal {
  id: string;
  status: string;
  editToken: string;
  /** `edit`: the proposer's private link, the only way back to the proposal. */
  links: { edit: string };
}

/** One session of the public schedule; instants are UTC ISO with `Z`. */
export interface PublicSession {
  id: string;
  title: string;
  roomId: string;
  startsAt: string;
  endsAt: string;
  moderatorName: string;
  links: { follower: string };
}

/** Answer of `GET /api/events/:id/schedule`. */
export interface PublicSchedule {
  event: EventInfo;
  rooms: EventInfo['rooms'];
  sessions: PublicSession[];
}

/** Answer of `POST /api/events/:id/proposals/:pid/schedule`. */
export interface ScheduleResult {
  session: CreatedSession;
  /** Whether the moderator link went to the proposer by email (false without SMTP, or when it failed). */
  emailed: boolean;
}

export const CONFLICT_KINDS = ['room-taken', 'outside-event', 'unknown-room', 'already-scheduled', 'declined'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** The `conflict` of a 409 from accept, decline or schedule. */
export interface ScheduleConflictInfo {
  kind: ConflictKind;
  /** The session in the way (`room-taken`) or the one the proposal became (`already-scheduled`). */
  sessionId?: string;
}
