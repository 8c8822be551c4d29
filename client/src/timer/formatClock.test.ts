import { describe, expect, it } from 'vitest';
import { formatClock } from './formatClock';

describe('formatClock', () => {
  it('writes minutes and seconds, rounding the seconds up', () => {
    expect(formatClock(15_000)).toBe('00:15');
    expect(formatClock(14_001)).toBe('00:15');
    expect(formatClock(45 * 60_000)).toBe('45:00');
    expect(formatClock(0)).toBe('00:00');
  });

  it('adds the hours from an hour on', () => {
    expect(formatClock(3 * 3600_000 + 5 * 60_000 + 7_000)).toBe('3:05:07');
  });

  it('puts a minus sign before a time over its end', () => {
    expect(formatClock(-1)).toBe('\u221200:01');
    expect(formatClock(-125_000)).toBe('\u221202:05');
  });
});
