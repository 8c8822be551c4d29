import { exportedSessions, type ExportedSession, type ScheduleExportInput } from './scheduleExport.js';

/** RFC 5545 3.1: a content line is at most 75 octets, excluding the CRLF. */
const MAX_LINE_OCTETS = 75;
const CRLF = '\r\n';

/** RFC 5545 3.3.11 TEXT: backslash, semicolon and comma are escaped, line breaks become `\n`. */
export function escapeICalText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line into chunks of at most 75 UTF-8 octets, continuation lines starting with a
 * space (which counts toward their 75). Splits only between code points: a multi-byte character cut in
 * half is invalid UTF-8, which several calendar apps then show as garbage.
 */
export function foldICalLine(line: string): string {
  const chunks: string[] = [];
  let chunk = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      chunks.push(chunk);
      chunk = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1; // the leading space of a continuation line
    }
    chunk += char;
    octets += size;
  }
  chunks.push(chunk);
  return chunks.join(`${CRLF} `);
}

/** Undoes folding (RFC 5545 3.1): a CRLF followed by one space or tab is removed. */
export function unfoldICalendar(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

/** `20261025T083000Z`: DATE-TIME in UTC form, which needs no VTIMEZONE. */
export function icalUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function description(item: ExportedSession): string {
  const sections: string[] = [];
  if (item.problem) sections.push(item.problem);
  if (item.contribute) sections.push(`How to contribute:\n${item.contribute}`);
  if (item.preparation.length > 0) {
    const links = item.preparation.map((link) => {
      const label = link.label?.replace(/\s+/g, ' ').trim();
      return label ? `- ${label}: ${link.url}` : `- ${link.url}`;
    });
    sections.push(`Preparation:\n${links.join('\n')}`);
  }
  if (item.session.moderatorName) sections.push(`Moderator: ${item.session.moderatorName}`);
  if (item.followerUrl) sections.push(`Follow the session: ${item.followerUrl}`);
  return sections.join('\n\n');
}

function vevent(item: ExportedSession, dtstamp: string): string[] {
  const location = item.room?.projector ? `${item.roomName} (projector)` : item.roomName;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${item.session.sessionId}@roundtable`,
    `DTSTAMP:${dtstamp}`,
    `DTSTART:${icalUtc(item.startMs)}`,
    `DTEND:${icalUtc(item.endMs)}`,
    `SUMMARY:${escapeICalText(item.session.title)}`,
    `LOCATION:${escapeICalText(location)}`,
    `DESCRIPTION:${escapeICalText(description(item))}`,
  ];
  // Each category is TEXT on its own; the commas between them are the list separator.
  if (item.topics.length > 0) lines.push(`CATEGORIES:${item.topics.map(escapeICalText).join(',')}`);
  // URL is a URI value, not TEXT: it is written as is.
  if (item.followerUrl) lines.push(`URL:${item.followerUrl}`);
  lines.push('END:VEVENT');
  return lines;
}

/**
 * The schedule as an RFC 5545 calendar to subscribe to. Times are UTC (`...Z`), so no VTIMEZONE is
 * needed and every calendar app shows them in its user's own zone; X-WR-TIMEZONE names the event's
 * zone for the apps that display it.
 */
export function scheduleToICalendar(input: ScheduleExportInput): string {
  const dtstamp = icalUtc(input.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Roundtable//Schedule//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeICalText(input.event.name)}`,
    `X-WR-TIMEZONE:${input.event.timezone}`,
    ...exportedSessions(input).flatMap((item) => vevent(item, dtstamp)),
    'END:VCALENDAR',
  ];
  // Every content line ends in CRLF, the last one included (RFC 5545 3.1, 3.4).
  return lines.map(foldICalLine).join(CRLF) + CRLF;
}
