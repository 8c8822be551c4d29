/**
 * ISO 8601 instants as the events API takes them: a date and a time WITH `Z` or an offset.
 * A time without one would mean "local time somewhere", which the server cannot know, so it is refused
 * instead of being read in the server's own zone.
 */

export const ISO_INSTANT_MESSAGE = 'must be ISO 8601 with Z or an offset';

// Extended format only (`2026-10-25T09:30:00+01:00`), seconds and fraction optional: a browser's
// datetime-local input yields minutes only. Basic-format offsets (`+0100`) are refused because
// `Date.parse` reads them differently across engines.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Epoch milliseconds of an ISO 8601 instant with `Z` or an offset, or null where the text is not one
 * (wrong shape, no offset, or an impossible date such as February 30). Parsed by hand so every
 * engine agrees on what is valid.
 */
export function parseIsoInstant(value: string): number | null {
  const match = ISO_INSTANT.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, offH, offM] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (!zulu) {
    const offsetHours = Number(offH);
    const offsetMins = Number(offM);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  // Milliseconds only: finer digits are truncated, as Date would.
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - offsetMinutes * 60_000;
}

/** `2026-10-25T10:00:00+02:00` -> `2026-10-25T08:00:00.000Z`: how every stored instant is written. */
export function toUtcIso(value: string): string {
  const ms = parseIsoInstant(value);
  if (ms === null) throw new RangeError(`${JSON.stringify(value)} ${ISO_INSTANT_MESSAGE}`);
  return new Date(ms).toISOString();
}
