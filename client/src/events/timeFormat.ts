import { localParts } from '@roundtable/shared';

// A date alone (`YYYY-MM-DD`) names a day on the event's calendar; it is formatted as UTC so that
// no zone moves it to the day before or after.
const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** `2026-10-24` -> `Sat 24 Oct 2026`. */
export function formatDate(date: string): string {
  const ms = Date.parse(`${date}T12:00:00Z`);
  return Number.isNaN(ms) ? date : DAY_FORMAT.format(ms).replace(',', '');
}

/** `HH:MM` on the clocks of `timeZone`. */
export function formatTime(iso: string | number, timeZone: string): string {
  return localParts(typeof iso === 'number' ? iso : Date.parse(iso), timeZone).time;
}

/**
 * A span as people say it, in the zone's local time: `Sat 24 Oct 2026, 10:00–10:50`, or with both
 * dates when it crosses midnight: `Sat 24 Oct 2026, 23:30 – Sun 25 Oct 2026, 00:20`.
 */
export function formatSpan(startIso: string, endIso: string, timeZone: string): string {
  const start = localParts(Date.parse(startIso), timeZone);
  const end = localParts(Date.parse(endIso), timeZone);
  if (start.date === end.date) return `${formatDate(start.date)}, ${start.time}–${end.time}`;
  return `${formatDate(start.date)}, ${start.time} – ${formatDate(end.date)}, ${end.time}`;
}

/** `50 min`, `1 h`, `1 h 20 min`. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
