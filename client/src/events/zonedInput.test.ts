import { describe, expect, it } from 'vitest';
import { localInputToIso, localInputToMs, msToLocalInput } from './zonedInput';

describe('datetime-local values in the event time zone', () => {
  it('reads the wall time on the clocks of the given zone, whatever the browser zone', () => {
    expect(localInputToIso('2026-10-24T10:00', 'Europe/Berlin')).toBe('2026-10-24T10:00:00+02:00');
    expect(localInputToMs('2026-10-24T10:00', 'Europe/Berlin')).toBe(Date.parse('2026-10-24T08:00:00Z'));
    expect(localInputToIso('2026-12-01T09:30', 'America/New_York')).toBe('2026-12-01T09:30:00-05:00');
    expect(localInputToIso('2026-12-01T09:30', 'Asia/Kathmandu')).toBe('2026-12-01T09:30:00+05:45');
    expect(localInputToIso('2026-12-01T09:30:00', 'UTC')).toBe('2026-12-01T09:30:00+00:00');
  });

  it('takes the offset of the day itself across a DST change', () => {
    // Berlin leaves summer time on 25 October 2026 at 03:00.
    expect(localInputToIso('2026-10-25T10:00', 'Europe/Berlin')).toBe('2026-10-25T10:00:00+01:00');
    // 02:30 is repeated that night: the earlier instant, still summer time.
    expect(localInputToIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    // 02:30 is skipped on 29 March 2026: read with the offset before the change, it is 03:30 summer time.
    expect(localInputToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('refuses what is not a date and time, and unknown zones', () => {
    expect(localInputToMs('', 'Europe/Berlin')).toBeNull();
    expect(localInputToMs('2026-02-30T10:00', 'Europe/Berlin')).toBeNull();
    expect(localInputToMs('2026-10-24T25:00', 'Europe/Berlin')).toBeNull();
    expect(localInputToMs('2026-10-24 10:00', 'Europe/Berlin')).toBeNull();
    expect(localInputToMs('2026-10-24T10:00Z', 'Europe/Berlin')).toBeNull();
    expect(localInputToMs('2026-10-24T10:00', 'Mars/Olympus_Mons')).toBeNull();
    expect(localInputToMs('2026-10-24T10:00', '+02:00')).toBeNull();
  });

  it('writes an instant back as the zone shows it, round trip', () => {
    const ms = Date.parse('2026-10-24T08:00:00Z');
    expect(msToLocalInput(ms, 'Europe/Berlin')).toBe('2026-10-24T10:00');
    expect(msToLocalInput(ms, 'America/Los_Angeles')).toBe('2026-10-24T01:00');
    for (const zone of ['Europe/Lisbon', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
      expect(localInputToMs(msToLocalInput(ms, zone), zone)).toBe(ms);
    }
  });
});
