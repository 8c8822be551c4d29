import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration, formatSpan, formatTime } from './timeFormat';

describe('time formats', () => {
  it('names a calendar date without shifting it', () => {
    expect(formatDate('2026-10-24')).toBe('Sat 24 Oct 2026');
    expect(formatDate('2026-01-01')).toBe('Thu 1 Jan 2026');
  });

  it('shows times on the event clocks', () => {
    expect(formatTime('2026-10-24T08:00:00.000Z', 'Europe/Berlin')).toBe('10:00');
    expect(formatTime(Date.parse('2026-10-24T08:00:00.000Z'), 'Asia/Kolkata')).toBe('13:30');
  });

  it('writes a span with one date, or both when it crosses midnight there', () => {
    expect(formatSpan('2026-10-24T08:00:00.000Z', '2026-10-24T08:50:00.000Z', 'Europe/Berlin')).toBe('Sat 24 Oct 2026, 10:00–10:50');
    expect(formatSpan('2026-10-24T21:30:00.000Z', '2026-10-24T22:20:00.000Z', 'Europe/Berlin')).toBe(
      'Sat 24 Oct 2026, 23:30 – Sun 25 Oct 2026, 00:20',
    );
    expect(formatSpan('2026-10-24T21:30:00.000Z', '2026-10-24T22:20:00.000Z', 'UTC')).toBe('Sat 24 Oct 2026, 21:30–22:20');
  });

  it('writes lengths in hours and minutes', () => {
    expect(formatDuration(25)).toBe('25 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(80)).toBe('1 h 20 min');
  });
});
