import { z } from 'zod';
import { MAX_SESSION_CAPACITY, MAX_SESSION_DURATION_MINUTES } from '../limits.js';
import { preparationLinkSchema, type PreparationLink } from '../session.js';
import {
  MAX_EVENT_DAYS,
  MAX_EVENT_ROOMS,
  MAX_PREPARATION_LINKS,
  MAX_PROPOSAL_TOPICS,
  MAX_SUGGESTED_TOPICS,
  MAX_TOPIC_LENGTH,
  MIN_PROPOSAL_MINUTES,
} from './eventLimits.js';
import { ISO_INSTANT_MESSAGE, parseIsoInstant } from './isoInstant.js';

const DAY_MS = 24 * 60 * 60_000;

/** An instant with `Z` or an offset; the text is kept as given (the server stores `toUtcIso` of it). */
export const isoInstantSchema = z.string().refine((value) => parseIsoInstant(value) !== null, {
  message: ISO_INSTANT_MESSAGE,
});

// Offsets and abbreviations that happen to resolve ("+02:00" on newer engines) are refused: an
// offset has no daylight-saving rules, so local dates and times of a schedule would be wrong.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*$/;

/** The engine's spelling of a zone it knows ("europe/berlin" -> "Europe/Berlin"), or null. */
export function resolveTimeZone(name: string): string | null {
  if (!IANA_NAME.test(name) || name.length > 64) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    // Keep the caller's name where the engine swaps in another alias ("Etc/UTC" -> "UTC"): both are
    // valid; only the letter case is corrected.
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .transform((name, ctx) => {
    const resolved = resolveTimeZone(name);
    if (resolved === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone name, e.g. Europe/Berlin' });
      return z.NEVER;
    }
    return resolved;
  });

const topicSchema = z.string().trim().min(1).max(MAX_TOPIC_LENGTH);
const emailSchema = z.string().trim().max(320).pipe(z.email());

/** Duplicates compared without letter case: "Room A" and "room a" would confuse everyone. */
function firstDuplicates(values: string[]): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  values.forEach((value, index) => {
    const key = value.toLowerCase();
    if (seen.has(key)) duplicates.push(index);
    seen.add(key);
  });
  return duplicates;
}

const roomSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  capacity: z.number().int().min(1).max(MAX_SESSION_CAPACITY),
  projector: z.boolean(),
});

const roomsSchema = z
  .array(roomSchema)
  .min(1)
  .max(MAX_EVENT_ROOMS)
  .superRefine((rooms, ctx) => {
    for (const index of firstDuplicates(rooms.map((room) => room.name))) {
      ctx.addIssue({ code: 'custom', path: [index, 'name'], message: 'room names must be unique' });
    }
  });

const suggestedTopicsSchema = z
  .array(topicSchema)
  .max(MAX_SUGGESTED_TOPICS)
  .superRefine((topics, ctx) => {
    for (const index of firstDuplicates(topics)) {
      ctx.addIssue({ code: 'custom', path: [index], message: 'topics must be unique' });
    }
  });

/** Body of `POST /api/events`. */
export const createEventSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    timezone: timeZoneSchema,
    startsAt: isoInstantSchema,
    endsAt: isoInstantSchema,
    mailingList: emailSchema.optional(),
    suggestedTopics: suggestedTopicsSchema.optional(),
    rooms: roomsSchema,
  })
  .superRefine((event, ctx) => {
    const start = parseIsoInstant(event.startsAt);
    const end = parseIsoInstant(event.endsAt);
    if (start === null || end === null) return;
    if (end <= start) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    } else if (end - start > MAX_EVENT_DAYS * DAY_MS) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `an event lasts at most ${MAX_EVENT_DAYS} days` });
    }
  }, {
    // Check the order of the times even when other fields are broken, so one 400 names every problem.
    when: (payload) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !payload.issues.some((issue) => issue.path?.[0] === 'startsAt' || issue.path?.[0] === 'endsAt'),
  });

const proposerSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: emailSchema,
});

const proposalFields = {
  title: z.string().trim().min(1).max(200),
  problem: z.string().trim().min(1).max(20_000),
  contribute: z.string().trim().min(1).max(20_000),
  // Every proposal states its preparation material: attendees read it before they come.
  preparation: z
    .array(preparationLinkSchema)
    .min(1, 'add at least one preparation link')
    .max(MAX_PREPARATION_LINKS),
  proposer: proposerSchema,
  durationMinutes: z.number().int().min(MIN_PROPOSAL_MINUTES).max(MAX_SESSION_DURATION_MINUTES),
  topics: z.array(topicSchema).max(MAX_PROPOSAL_TOPICS).optional(),
};

/** Body of `POST /api/events/:id/proposals`. */
export const proposalSchema = z.strictObject(proposalFields);

/** A proposer's edit: any of the proposal's fields, each under the same rules; unknown fields refused. */
export const proposalUpdateSchema = z
  .strictObject({ ...proposalFields, proposer: proposerSchema.partial() })
  .partial();

/** Body of `POST /api/events/:id/proposals/:proposalId/schedule`. */
export const scheduleSchema = z.strictObject({
  roomId: z.string().min(1).max(100),
  startsAt: isoInstantSchema,
});

export type CreateEventInput = z.infer<typeof createEventSchema>;
export type ProposalInput = z.infer<typeof proposalSchema>;
export type ProposalUpdate = z.infer<typeof proposalUpdateSchema>;
export type ScheduleInput = z.infer<typeof scheduleSchema>;

export interface EventRoom {
  id: string;
  name: string;
  capacity: number;
  projector: boolean;
}

/** An event as stored and shown; every instant is UTC ISO with `Z` (`toUtcIso`). */
export interface EventInfo {
  id: string;
  name: string;
  timezone: string;
  startsAt: string;
  endsAt: string;
  mailingList?: string;
  suggestedTopics: string[];
  rooms: EventRoom[];
  createdAt: string;
}

export const PROPOSAL_STATUSES = ['submitted', 'accepted', 'declined', 'scheduled'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalInfo {
  id: string;
  eventId: string;
  status: ProposalStatus;
  title: string;
  problem: string;
  contribute: string;
  preparation: PreparationLink[];
  proposer: { name: string; email: string };
  durationMinutes: number;
  topics: string[];
  createdAt: string;
  updatedAt: string;
  /** The session it became, once scheduled. */
  sessionId?: string;
}

/** A proposal as organizers list it: once scheduled, with its session's links to hand over. */
export interface OrganizerProposal extends ProposalInfo {
  sessionLinks?: { moderator: string; attendee: string; follower: string };
}

/** A proposal placed in a room at a time; instants are UTC ISO with `Z`. */
export interface ScheduledSession {
  sessionId: string;
  proposalId: string;
  roomId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  moderatorName: string;
}
