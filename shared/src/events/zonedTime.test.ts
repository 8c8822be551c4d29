import { describe, expect, it } from 'vitest';
import { localIso, localParts, nextDate, offsetMinutes, zonedInstant } from './zonedTime.js';

const utc = (iso: string) => Date.parse(iso);

describe('localParts', () => {
  it('follows Europe/Berlin across the end of DST (2026-10-25 03:00 CEST -> 02:00 CET)', () => {
    expect(localParts(utc('2026-10-24T22:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-10-25',
      time: '00:30',
      offset: '+02:00',
    });
    // The hour 02:00..03:00 happens twice: first in summer time, then in winter time.
    expect(localParts(utc('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-10-25',
      time: '02:30',
      offset: '+02:00',
    });
    expect(localParts(utc('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-10-25',
      time: '02:30',
      offset: '+01:00',
    });
    expect(localParts(utc('2026-10-25T09:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-10-25',
      time: '10:00',
      offset: '+01:00',
    });
  });

  it('writes midnight as 00:00 and handles zones west of UTC and with half hours', () => {
    expect(localParts(utc('2026-10-24T22:00:00Z'), 'Europe/Berlin').time).toBe('00:00');
    expect(localParts(utc('2026-07-01T03:00:00Z'), 'America/New_York')).toEqual({
      date: '2026-06-30',
      time: '23:00',
      offset: '-04:00',
    });
    expect(localParts(utc('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-01-01',
      time: '05:30',
      offset: '+05:30',
    });
    expect(localParts(utc('2026-01-01T00:00:00Z'), 'UTC').offset).toBe('+00:00');
  });

  it('ignores seconds and milliseconds of the instant for the offset', () => {
    expect(offsetMinutes(utc('2026-03-29T00:59:59.999Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(utc('2026-03-29T01:00:00.000Z'), 'Europe/Berlin')).toBe(120);
  });
});

describe('localIso', () => {
  it('writes the local clock with its offset', () => {
    expect(localIso(utc('2026-10-25T00:30:15Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:15+02:00');
    expect(localIso(utc('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
  });
});

describe('zonedInstant', () => {
  it('finds the instant of a local time on either side of the change', () => {
    expect(zonedInstant('2026-10-25', '00:00', 'Europe/Berlin')).toBe(utc('2026-10-24T22:00:00Z'));
    expect(zonedInstant('2026-10-26', '00:00', 'Europe/Berlin')).toBe(utc('2026-10-25T23:00:00Z'));
    expect(zonedInstant('2026-07-01', '09:15', 'America/New_York')).toBe(utc('2026-07-01T13:15:00Z'));
  });

  it('takes the earlier of a repeated hour and moves a skipped time forward', () => {
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin')).toBe(utc('2026-10-25T00:30:00Z'));
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'));
  });
});

describe('nextDate', () => {
  it('rolls over months and years', () => {
    expect(nextDate('2026-10-25')).toBe('2026-10-26');
    expect(nextDate('2026-10-31')).toBe('2026-11-01');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
  });
});
