import { exportedSessions, type ExportedSession, type ScheduleExportInput } from './scheduleExport.js';
import { slugify, stableNumberId, stableUuid } from './stableIds.js';
import { localIso, localParts, nextDate, zonedInstant } from './zonedTime.js';

/**
 * The schedule in frab's JSON shape (as pretalx and frab export it and Giggity, ConfClerk and the
 * c3voc tools read it). Field names are theirs, hence the snake_case.
 */
export interface FrabSchedule {
  schedule: {
    version: string;
    base_url: string;
    conference: FrabConference;
  };
}

export interface FrabConference {
  acronym: string;
  title: string;
  /** `YYYY-MM-DD` in the event's time zone. */
  start: string;
  end: string;
  daysCount: number;
  timeslot_duration: string;
  time_zone_name: string;
  rooms: { name: string; guid: string }[];
  days: FrabDay[];
}

export interface FrabDay {
  /** 1 for the first day, as frab and pretalx number them. */
  index: number;
  date: string;
  day_start: string;
  day_end: string;
  /** Room name -> its sessions that day, by start time; every room is listed, empty or not. */
  rooms: Record<string, FrabEvent[]>;
}

export interface FrabEvent {
  id: number;
  guid: string;
  date: string;
  start: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  subtitle: string;
  track: string | null;
  type: string;
  language: string;
  abstract: string;
  description: string;
  recording_license: string;
  do_not_record: boolean;
  persons: { id: number; public_name: string }[];
  links: { url: string; title: string }[];
  attachments: { url: string; title: string }[];
}

/** The grid frab clients snap to; our sessions start on any minute, which they display fine. */
const TIMESLOT_DURATION = '00:15';
/** A guard against a broken event turning the day loop endless; events last at most 14 days. */
const MAX_DAYS = 400;

const pad = (n: number) => String(n).padStart(2, '0');

function hoursMinutes(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function frabEvent(item: ExportedSession, input: ScheduleExportInput, acronym: string): FrabEvent {
  const timeZone = input.event.timezone;
  const { session } = item;
  const id = stableNumberId(session.sessionId);
  return {
    id,
    guid: stableUuid(session.sessionId),
    date: localIso(item.startMs, timeZone),
    start: localParts(item.startMs, timeZone).time,
    duration: hoursMinutes(item.endMs - item.startMs),
    room: item.roomName,
    slug: [acronym, String(id), slugify(session.title)].filter(Boolean).join('-'),
    url: item.followerUrl ?? input.scheduleUrl ?? '',
    title: session.title,
    subtitle: '',
    track: item.topics[0] ?? null,
    type: 'design session',
    language: 'en',
    abstract: item.problem,
    description: item.contribute,
    recording_license: '',
    // Design sessions are never recorded: the minutes are their record.
    do_not_record: true,
    persons: session.moderatorName
      ? [{ id: stableNumberId(`person:${session.moderatorName}`), public_name: session.moderatorName }]
      : [],
    links: item.preparation.map((link) => ({ url: link.url, title: link.label?.trim() || link.url })),
    attachments: [],
  };
}

/** Calendar dates from `first` to `last` inclusive (`YYYY-MM-DD` strings compare as dates). */
function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last && dates.length < MAX_DAYS; date = nextDate(date)) dates.push(date);
  return dates;
}

export function scheduleToFrab(input: ScheduleExportInput): FrabSchedule {
  const { event } = input;
  const timeZone = event.timezone;
  const eventStart = Date.parse(event.startsAt);
  const eventEnd = Date.parse(event.endsAt);
  const acronym = slugify(event.name) || event.id;
  const items = exportedSessions(input);

  const dateOf = (ms: number) => localParts(ms, timeZone).date;
  // The event's end is exclusive: an event ending at midnight does not own the day that starts then.
  const sessionDates = items.map((item) => dateOf(item.startMs));
  const firstDate = [dateOf(eventStart), ...sessionDates].sort()[0] ?? dateOf(eventStart);
  const lastDate = [dateOf(Math.max(eventStart, eventEnd - 1)), ...sessionDates].sort().at(-1) ?? firstDate;

  // Rooms sessions name but the event no longer lists still get a column, so no session is lost.
  const roomNames = [...new Set([...input.rooms.map((room) => room.name), ...items.map((item) => item.roomName)])];

  const days = datesBetween(firstDate, lastDate).map((date, index): FrabDay => {
    const midnight = zonedInstant(date, '00:00', timeZone);
    const nextMidnight = zonedInstant(nextDate(date), '00:00', timeZone);
    const onThisDay = items.filter((item) => dateOf(item.startMs) === date);
    return {
      index: index + 1,
      date,
      day_start: localIso(Math.max(midnight, Math.min(eventStart, nextMidnight)), timeZone),
      day_end: localIso(Math.min(nextMidnight, Math.max(eventEnd, midnight)), timeZone),
      // fromEntries defines own properties, so even a room named "__proto__" keeps its column.
      rooms: Object.fromEntries(
        roomNames.map((name) => [
          name,
          onThisDay.filter((item) => item.roomName === name).map((item) => frabEvent(item, input, acronym)),
        ]),
      ),
    };
  });

  const conference: FrabConference = {
    acronym,
    title: event.name,
    start: firstDate,
    end: lastDate,
    daysCount: days.length,
    timeslot_duration: TIMESLOT_DURATION,
    time_zone_name: timeZone,
    rooms: input.rooms.map((room) => ({ name: room.name, guid: stableUuid(`room:${room.id}`) })),
    days,
  };
  return {
    schedule: {
      // Derived from the content: a client re-imports when it changes, and only then.
      version: stableNumberId(JSON.stringify(conference)).toString(36),
      base_url: input.scheduleUrl ?? '',
      conference,
    },
  };
}
