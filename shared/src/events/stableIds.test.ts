import { describe, expect, it } from 'vitest';
import { slugify, stableNumberId, stableUuid } from './stableIds.js';

describe('stableNumberId', () => {
  it('is a positive safe integer, the same for the same text', () => {
    const id = stableNumberId('s_4f2a9c');
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(id).toBeGreaterThan(0);
    expect(stableNumberId('s_4f2a9c')).toBe(id);
  });

  it('spreads nearby ids apart', () => {
    const ids = new Set(Array.from({ length: 10_000 }, (_, i) => stableNumberId(`session-${i}`)));
    expect(ids.size).toBe(10_000);
  });
});

describe('stableUuid', () => {
  it('is a deterministic UUID of version 8 with the RFC variant', () => {
    const uuid = stableUuid('s_4f2a9c');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('s_4f2a9c')).toBe(uuid);
    expect(stableUuid('s_4f2a9d')).not.toBe(uuid);
  });
});

describe('slugify', () => {
  it('keeps letters and digits of any script, joined by dashes', () => {
    expect(slugify('Grant tables: who pays?')).toBe('grant-tables-who-pays');
    expect(slugify('  Überprüfung der Größe  ')).toBe('uberprufung-der-große');
    expect(slugify('Ключ и 2 слота')).toBe('ключ-и-2-слота');
    expect(slugify('!!!')).toBe('');
  });
});
