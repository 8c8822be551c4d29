import { describe, expect, it } from 'vitest';
import { parseIsoInstant, toUtcIso } from './isoInstant.js';

describe('parseIsoInstant', () => {
  it('reads Z and offsets, with or without seconds and fraction', () => {
    expect(parseIsoInstant('2026-10-25T08:00:00Z')).toBe(Date.UTC(2026, 9, 25, 8));
    expect(parseIsoInstant('2026-10-25T10:00+02:00')).toBe(Date.UTC(2026, 9, 25, 8));
    expect(parseIsoInstant('2026-10-25T03:30:00.5-04:30')).toBe(Date.UTC(2026, 9, 25, 8, 0, 0, 500));
    expect(parseIsoInstant('2026-10-25T08:00:00.123456789Z')).toBe(Date.UTC(2026, 9, 25, 8, 0, 0, 123));
  });

  it('refuses times without Z or offset, and impossible dates', () => {
    for (const value of [
      '2026-10-25T08:00:00',
      '2026-10-25',
      '2026-10-25 08:00:00Z',
      '2026-10-25T08:00:00+0200',
      '2026-02-30T08:00:00Z',
      '2026-13-01T08:00:00Z',
      '2026-10-25T24:00:00Z',
      '2026-10-25T08:00:00+24:00',
      'tomorrow',
      '',
    ]) {
      expect(parseIsoInstant(value), value).toBeNull();
    }
    expect(parseIsoInstant('2028-02-29T00:00:00Z')).not.toBeNull();
  });
});

describe('toUtcIso', () => {
  it('normalises to UTC with Z', () => {
    expect(toUtcIso('2026-10-25T10:00:00+02:00')).toBe('2026-10-25T08:00:00.000Z');
    expect(toUtcIso('2026-10-25T08:00Z')).toBe('2026-10-25T08:00:00.000Z');
  });

  it('throws on text the schemas would refuse', () => {
    expect(() => toUtcIso('2026-10-25T10:00:00')).toThrow(/with Z or an offset/);
  });
});
