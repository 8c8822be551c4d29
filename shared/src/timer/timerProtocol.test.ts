import { describe, expect, it } from 'vitest';
import { timerCommandSchema } from './timerProtocol.js';

describe('timer command schema', () => {
  it('accepts every action, and extend only with whole minutes 1..60', () => {
    for (const action of ['start', 'present', 'discuss', 'end']) expect(timerCommandSchema.safeParse({ action }).success).toBe(true);
    expect(timerCommandSchema.safeParse({ action: 'extend', minutes: 5 }).success).toBe(true);
    for (const bad of [
      { action: 'extend' },
      { action: 'extend', minutes: 0 },
      { action: 'extend', minutes: 61 },
      { action: 'extend', minutes: 2.5 },
      { action: 'present', minutes: 5 },
      { action: 'pause' },
      {},
      null,
      'start',
    ]) {
      expect(timerCommandSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
