import { describe, expect, it } from 'vitest';
import { BroadcastPacer, type PacingOptions } from './BroadcastPacer.js';

const options: PacingOptions = { broadcastsPerSecond: 30, broadcastBurst: 3, busyUpdatesPerSecond: 40, busyIntervalMs: 100 };

function pacer(overrides: Partial<PacingOptions> = {}) {
  const clock = { now: 0 };
  return { clock, pacer: new BroadcastPacer({ ...options, ...overrides }, () => clock.now) };
}

describe('BroadcastPacer', () => {
  it('lets a burst through, then spaces broadcasts at the rate', () => {
    const { clock, pacer: p } = pacer();
    expect([p.take(), p.take(), p.take()]).toEqual([0, 0, 0]);
    const wait = p.take();
    expect(wait).toBe(34); // one token takes 1000/30 ms
    clock.now += wait;
    expect(p.take()).toBe(0);
  });

  it('never lets a room at a steady rate below the cap wait', () => {
    const { clock, pacer: p } = pacer();
    for (let i = 0; i < 100; i++) {
      p.noteUpdate();
      expect(p.take()).toBe(0);
      clock.now += 1000 / 20;
    }
    expect(p.busy).toBe(false);
  });

  it('refills up to the burst only', () => {
    const { clock, pacer: p } = pacer({ broadcastBurst: 2 });
    clock.now = 10_000;
    expect([p.take(), p.take()]).toEqual([0, 0]);
    expect(p.take()).toBeGreaterThan(0);
  });

  it('broadcasts a busy room once per interval, and a room that calms down at once again', () => {
    const { clock, pacer: p } = pacer();
    // 60 updates a second for three seconds, a broadcast asked for whenever nothing is waiting
    let nextBroadcast = 0;
    const broadcasts: number[] = [];
    for (let t = 0; t < 3000; t += 1000 / 60) {
      clock.now = t;
      p.noteUpdate();
      if (t >= nextBroadcast) {
        const wait = p.take();
        nextBroadcast = t + wait;
        broadcasts.push(nextBroadcast);
      }
    }
    expect(p.busy).toBe(true);
    const lastSecond = broadcasts.filter((at) => at >= 2000 && at < 3000);
    expect(lastSecond.length).toBeGreaterThanOrEqual(9);
    expect(lastSecond.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < lastSecond.length; i++) expect(lastSecond[i]! - lastSecond[i - 1]!).toBeGreaterThanOrEqual(100);

    clock.now = 6000; // three seconds of silence
    p.noteUpdate();
    expect(p.busy).toBe(false);
    expect(p.take()).toBe(0);
  });
});
