import { describe, expect, it } from 'vitest';
import { escapeICalText, foldICalLine, icalUtc, scheduleToICalendar, unfoldICalendar } from './icalendar.js';
import { sampleExportInput, sampleSession } from './testSchedule.js';

const octets = (text: string) => new TextEncoder().encode(text).length;

/** Undoes TEXT escaping, as a calendar app reads a value. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function property(calendar: string, name: string): string[] {
  return unfoldICalendar(calendar)
    .split('\r\n')
    .filter((line) => line.startsWith(`${name}:`))
    .map((line) => line.slice(name.length + 1));
}

describe('escapeICalText', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeICalText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(unescapeText(escapeICalText('back\\slash\\n; and, so\non'))).toBe('back\\slash\\n; and, so\non');
  });
});

describe('foldICalLine', () => {
  it('leaves a line of 75 octets alone and folds longer ones', () => {
    const exact = `SUMMARY:${'x'.repeat(67)}`;
    expect(foldICalLine(exact)).toBe(exact);
    const folded = foldICalLine(`${exact}y`);
    expect(folded).toBe(`${exact}\r\n y`);
  });

  it('keeps every physical line within 75 octets without splitting a character', () => {
    const text = `DESCRIPTION:${'Größe 日本語 emoji 🎉👩‍💻 '.repeat(20)}`;
    const folded = foldICalLine(text);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(5);
    lines.forEach((line, index) => {
      expect(octets(line)).toBeLessThanOrEqual(75);
      if (index > 0) expect(line.startsWith(' ')).toBe(true);
      // A split surrogate pair or byte sequence would show as U+FFFD after a round trip.
      expect(new TextDecoder().decode(new TextEncoder().encode(line))).toBe(line);
      expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
    });
    expect(unfoldICalendar(folded)).toBe(text);
    // Lines fill up: only the last one may be short by more than one character's octets.
    lines.slice(0, -1).forEach((line) => expect(octets(line)).toBeGreaterThan(71));
  });
});

describe('icalUtc', () => {
  it('writes the UTC basic form', () => {
    expect(icalUtc(Date.UTC(2026, 9, 25, 9, 5, 7, 999))).toBe('20261025T090507Z');
  });
});

describe('scheduleToICalendar', () => {
  const calendar = scheduleToICalendar(sampleExportInput());

  it('is a published calendar with the event name and zone', () => {
    const lines = calendar.split('\r\n');
    expect(lines.slice(0, 7)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Roundtable//Schedule//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:KVM Forum 2026',
      'X-WR-TIMEZONE:Europe/Berlin',
    ]);
    expect(calendar.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // CRLF everywhere: no bare LF or CR.
    expect(calendar.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    calendar.split('\r\n').forEach((line) => expect(octets(line)).toBeLessThanOrEqual(75));
  });

  it('writes one event per session in UTC, in start order', () => {
    expect(property(calendar, 'UID')).toEqual(['s1@roundtable', 's2@roundtable']);
    expect(property(calendar, 'DTSTAMP')).toEqual(['20261001T120000Z', '20261001T120000Z']);
    expect(property(calendar, 'DTSTART')).toEqual(['20261024T080000Z', '20261025T090000Z']);
    expect(property(calendar, 'DTEND')).toEqual(['20261024T090000Z', '20261025T095000Z']);
    expect(property(calendar, 'SUMMARY')).toEqual(['vTPM migration', 'Storage\\; caching\\, and you']);
    expect(property(calendar, 'LOCATION')).toEqual(['Hall A (projector)', 'Room B']);
    expect(property(calendar, 'URL')).toEqual(['https://rt.example/s/s1?token=f1', 'https://rt.example/s/s2?token=f2']);
    expect(property(calendar, 'CATEGORIES')).toEqual(['migration']);
    expect(calendar).not.toContain('VTIMEZONE');
  });

  it('describes the problem, how to contribute, the preparation and the follower link', () => {
    const [first, second] = property(calendar, 'DESCRIPTION').map(unescapeText);
    expect(first).toBe(
      [
        'State of the vTPM is lost on migration.',
        'How to contribute:\nBring your migration war stories.',
        'Preparation:\n- Design doc: https://example.org/vtpm\n- https://example.org/b',
        'Moderator: Ada Lovelace',
        'Follow the session: https://rt.example/s/s1?token=f1',
      ].join('\n\n'),
    );
    expect(second).toContain('Line one\nLine two, with a comma; and a semicolon \\ backslash');
    // The proposer's e-mail address is not published.
    expect(calendar).not.toContain('ada@example.org');
  });

  it('folds long UTF-8 titles and unfolds to the original', () => {
    const title = 'Überlegungen zur Migration von vTPM-Zuständen — 日本語のタイトル, mit Kommas; und 🎉';
    const long = scheduleToICalendar(
      sampleExportInput({ sessions: [sampleSession({ title })], proposals: [] }),
    );
    long.split('\r\n').forEach((line) => expect(octets(line)).toBeLessThanOrEqual(75));
    expect(long).toMatch(/\r\n /);
    expect(property(long, 'SUMMARY').map(unescapeText)).toEqual([title]);
  });

  it('is an empty calendar without sessions', () => {
    const empty = scheduleToICalendar(sampleExportInput({ sessions: [] }));
    expect(empty).not.toContain('BEGIN:VEVENT');
    expect(empty.split('\r\n').at(-2)).toBe('END:VCALENDAR');
  });
});
