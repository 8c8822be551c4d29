import { describe, expect, it } from 'vitest';
import { FlushThrottle } from './FlushThrottle.js';

describe('FlushThrottle', () => {
  it('lets a burst through, then spaces flushes at the rate', () => {
    let now = 0;
    const throttle = new FlushThrottle(30, 3, () => now);
    expect([throttle.take(), throttle.take(), throttle.take()]).toEqual([0, 0, 0]);
    const wait = throttle.take();
    expect(wait).toBe(34); // one token takes 1000/30 ms
    now += wait;
    expect(throttle.take()).toBe(0);
  });

  it('never lets a room at a steady rate below the cap wait', () => {
    let now = 0;
    const throttle = new FlushThrottle(30, 3, () => now);
    for (let i = 0; i < 100; i++) {
      expect(throttle.take()).toBe(0);
      now += 1000 / 20;
    }
  });

  it('refills up to the burst only', () => {
    let now = 0;
    const throttle = new FlushThrottle(30, 2, () => now);
    now = 10_000;
    expect([throttle.take(), throttle.take()]).toEqual([0, 0]);
    expect(throttle.take()).toBeGreaterThan(0);
  });
});
