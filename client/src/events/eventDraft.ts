import { createEventSchema, resolveTimeZone, validationDetails } from '@roundtable/shared';
import { fieldErrors, type FieldErrors } from './fieldErrors';
import { localInputToIso } from './zonedInput';

export interface RoomRow {
  name: string;
  capacity: string;
  projector: boolean;
}

/** The create-event form as typed. Start and end are datetime-local values on the clocks of `timezone`. */
export interface EventDraft {
  name: string;
  timezone: string;
  startsAt: string;
  endsAt: string;
  mailingList: string;
  /** Comma separated. */
  topics: string;
  rooms: RoomRow[];
}

export const EMPTY_ROOM_ROW: RoomRow = { name: '', capacity: '30', projector: false };

export function emptyEventDraft(timezone: string): EventDraft {
  return { name: '', timezone, startsAt: '', endsAt: '', mailingList: '', topics: '', rooms: [EMPTY_ROOM_ROW] };
}

/** `"migration, storage,,"` -> `["migration", "storage"]`. */
export function splitTopics(text: string): string[] {
  return text
    .split(',')
    .map((topic) => topic.trim())
    .filter((topic) => topic !== '');
}

/**
 * The body of `POST /api/events`. Start and end carry the offset of the chosen zone at that date;
 * they are left out (so "required") when empty or when the zone is not one the browser knows.
 */
export function eventBody(draft: EventDraft) {
  const timezone = draft.timezone.trim();
  const startsAt = localInputToIso(draft.startsAt, timezone);
  const endsAt = localInputToIso(draft.endsAt, timezone);
  const topics = splitTopics(draft.topics);
  return {
    name: draft.name.trim(),
    timezone,
    ...(startsAt !== null && { startsAt }),
    ...(endsAt !== null && { endsAt }),
    ...(draft.mailingList.trim() && { mailingList: draft.mailingList.trim() }),
    ...(topics.length > 0 && { suggestedTopics: topics }),
    rooms: draft.rooms.map((room) => ({
      name: room.name.trim(),
      capacity: room.capacity.trim() === '' ? Number.NaN : Number(room.capacity),
      projector: room.projector,
    })),
  };
}

export function eventFields(draft: EventDraft): string[] {
  return [
    'name',
    'timezone',
    'startsAt',
    'endsAt',
    'mailingList',
    'suggestedTopics',
    'rooms',
    ...draft.rooms.flatMap((_, i) => [`rooms.${i}.name`, `rooms.${i}.capacity`, `rooms.${i}.projector`]),
  ];
}

/** The server's rules, checked before sending. Times in an unknown zone are not judged: the zone is the problem. */
export function checkEvent(draft: EventDraft): FieldErrors {
  const body = eventBody(draft);
  const result = createEventSchema.safeParse(body);
  if (result.success) return { byField: {}, general: [] };
  const zoneKnown = resolveTimeZone(body.timezone) !== null;
  const details = validationDetails(result.error).filter(
    (detail) => zoneKnown || (detail.path !== 'startsAt' && detail.path !== 'endsAt'),
  );
  // suggestedTopics.N is the Nth topic after splitting: the whole text field shows it.
  return fieldErrors(details, eventFields(draft), body);
}
