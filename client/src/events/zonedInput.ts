import { localIso, localParts, parseIsoInstant, resolveTimeZone, zonedInstant } from '@roundtable/shared';

// What a datetime-local input holds: wall time, no zone. Browsers add seconds only when `step` asks for them.
const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/;

/**
 * The instant a datetime-local value means on the clocks of `timeZone` (not the browser's), or null
 * for a value that is not a real date and time, or a zone no engine knows. In the hour a DST change
 * repeats, the earlier instant; in the hour it skips, the clock time read with the offset before it.
 */
export function localInputToMs(value: string, timeZone: string): number | null {
  const match = LOCAL_INPUT.exec(value);
  const zone = resolveTimeZone(timeZone);
  if (!match || zone === null) return null;
  const [, date = '', time = ''] = match;
  if (parseIsoInstant(`${date}T${time}Z`) === null) return null; // February 30, 25:00
  return zonedInstant(date, time, zone);
}

/** A datetime-local value as the API takes it: ISO 8601 with the zone's offset then (`…T10:00:00+02:00`). */
export function localInputToIso(value: string, timeZone: string): string | null {
  const ms = localInputToMs(value, timeZone);
  return ms === null ? null : localIso(ms, resolveTimeZone(timeZone) ?? timeZone);
}

/** An instant as a datetime-local value on the clocks of `timeZone`: `YYYY-MM-DDTHH:MM`. */
export function msToLocalInput(ms: number, timeZone: string): string {
  const { date, time } = localParts(ms, timeZone);
  return `${date}T${time}`;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every zone the browser knows, for suggestions; empty where the engine cannot list them. */
export function timeZoneNames(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}
