/**
 * Local dates and times in a named time zone with nothing but Intl (no date library: this module is
 * bundled into the browser too). Every function takes epoch milliseconds and an IANA zone name.
 */

export interface LocalParts {
  /** `YYYY-MM-DD` on the zone's calendar. */
  date: string;
  /** `HH:MM`, 24-hour clock. */
  time: string;
  /** The zone's offset from UTC at that instant, `+01:00` / `-03:30` (`+00:00` for UTC). */
  offset: string;
}

// Building a DateTimeFormat is costly (tens of microseconds) and exports call this per session.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false: some engines write midnight as "24" under the latter.
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields['year'] ?? 1970,
    month: fields['month'] ?? 1,
    day: fields['day'] ?? 1,
    hour: (fields['hour'] ?? 0) % 24,
    minute: fields['minute'] ?? 0,
    second: fields['second'] ?? 0,
  };
}

function wallAsUtc(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

/** Minutes the zone is ahead of UTC at `ms` (negative west of Greenwich). */
export function offsetMinutes(ms: number, timeZone: string): number {
  // The wall clock read as if it were UTC, minus the real instant (whole seconds: Intl shows no ms).
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Math.round((wallAsUtc(wallClock(ms, timeZone)) - wholeSecond) / 60_000);
}

const DAY_MS = 24 * 60 * 60_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const wall = wallClock(ms, timeZone);
  return {
    date: `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`,
    time: `${pad(wall.hour)}:${pad(wall.minute)}`,
    offset: formatOffset(offsetMinutes(ms, timeZone)),
  };
}

/** `2026-10-25T10:00:00+01:00`: the instant as the zone's clock shows it, as frab and pretalx write it. */
export function localIso(ms: number, timeZone: string): string {
  const wall = wallClock(ms, timeZone);
  const { date, time, offset } = localParts(ms, timeZone);
  return `${date}T${time}:${pad(wall.second)}${offset}`;
}

/**
 * The instant the zone's clock shows `date` `time` (`YYYY-MM-DD`, `HH:MM`). Resolved as Temporal's
 * "compatible" rule does: in the hour DST repeats, the earlier instant; in the hour it skips, the
 * clock time is read with the offset before the change (02:30 in a 02:00->03:00 gap is 03:30).
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wall = wallAsUtc({ year, month, day, hour, minute, second: 0 });
  // Zones change offset at most once within a day either side, so these are the only candidates.
  const offsetBefore = offsetMinutes(wall - DAY_MS, timeZone);
  const offsetAfter = offsetMinutes(wall + DAY_MS, timeZone);
  const candidates = [wall - offsetBefore * 60_000, wall - offsetAfter * 60_000]
    .filter((ms) => wallAsUtc(wallClock(ms, timeZone)) === wall)
    .sort((a, b) => a - b);
  return candidates[0] ?? wall - offsetBefore * 60_000;
}

/** The calendar date after `date` (`YYYY-MM-DD`), zone-free. */
export function nextDate(date: string): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const next = new Date(0);
  next.setUTCFullYear(year, month - 1, day + 1);
  return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}
