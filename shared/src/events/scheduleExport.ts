import type { PreparationLink } from '../session.js';
import type { EventInfo, EventRoom, ProposalInfo, ScheduledSession } from './eventSchemas.js';

/** The public parts of a proposal an export shows; the proposer's e-mail is deliberately not among them. */
export type ProposalDetails = Pick<ProposalInfo, 'id' | 'problem' | 'contribute' | 'preparation' | 'topics'>;

/** What every schedule export (iCalendar, frab JSON) is made from. */
export interface ScheduleExportInput {
  event: EventInfo;
  rooms: EventRoom[];
  sessions: ScheduledSession[];
  /** Session id -> its follower link (read-only view of the live session). */
  links: Record<string, string>;
  /** Epoch ms the export is made at (iCalendar's DTSTAMP). */
  now: number;
  /** The proposals the sessions came from, for their problem, how to contribute, links and topics. */
  proposals?: ProposalDetails[];
  /** The public schedule page (frab's `base_url`). */
  scheduleUrl?: string;
}

/** One session with everything an export writes about it. */
export interface ExportedSession {
  session: ScheduledSession;
  startMs: number;
  endMs: number;
  room: EventRoom | undefined;
  /** The room's name, or the bare id should the room be gone. */
  roomName: string;
  followerUrl: string | undefined;
  problem: string;
  contribute: string;
  preparation: PreparationLink[];
  topics: string[];
}

/** The sessions in the order every export lists them: by start, then room order, then title. */
export function exportedSessions(input: ScheduleExportInput): ExportedSession[] {
  const rooms = new Map(input.rooms.map((room, index) => [room.id, { room, index }]));
  const proposals = new Map((input.proposals ?? []).map((proposal) => [proposal.id, proposal]));
  return input.sessions
    .map((session): ExportedSession => {
      const room = rooms.get(session.roomId)?.room;
      const proposal = proposals.get(session.proposalId);
      return {
        session,
        startMs: Date.parse(session.startsAt),
        endMs: Date.parse(session.endsAt),
        room,
        roomName: room?.name ?? session.roomId,
        followerUrl: input.links[session.sessionId],
        problem: proposal?.problem ?? '',
        contribute: proposal?.contribute ?? '',
        preparation: proposal?.preparation ?? [],
        topics: proposal?.topics ?? [],
      };
    })
    .sort(
      (a, b) =>
        a.startMs - b.startMs ||
        (rooms.get(a.session.roomId)?.index ?? Infinity) - (rooms.get(b.session.roomId)?.index ?? Infinity) ||
        a.session.title.localeCompare(b.session.title),
    );
}
