import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventLoopDelay } from './EventLoopDelay.js';

describe('EventLoopDelay', () => {
  let clock = 0;
  let delay: EventLoopDelay;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    clock = 0;
    delay = new EventLoopDelay({ resolutionMs: 10, windowMs: 1_000, windows: 3, now: () => clock });
  });
  afterEach(() => {
    delay.stop();
    vi.useRealTimers();
  });

  /** The loop runs freely for `ms`: every tick on time. */
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 10) {
      clock += 10;
      vi.advanceTimersByTime(10);
    }
  };
  /** Something holds the loop for `ms`: the next tick comes that late. */
  const stall = (ms: number) => {
    clock += 10 + ms;
    vi.advanceTimersByTime(10);
  };

  it('reads 0 before any sample, then the ticks\' lateness, in seconds', () => {
    expect(delay.reading()).toEqual({ p50: 0, p99: 0, max: 0 });
    run(500);
    stall(250);
    const reading = delay.reading();
    expect(reading.max).toBeCloseTo(0.25, 2);
    expect(reading.p50).toBeLessThan(0.001);
  });

  it('holds a delay of a minute or more as a minute, to 1 %', () => {
    run(100);
    stall(90_000);
    expect(delay.reading().max).toBeCloseTo(60, 0);
  });

  it('is not emptied by reading it: every scraper sees the same stall', () => {
    run(100);
    stall(250);
    const first = delay.reading();
    expect(delay.reading()).toEqual(first);
    run(100);
    expect(delay.reading().max).toBe(first.max);
  });

  it('keeps a stall while its window is among the last ones kept, then lets it go', () => {
    run(100);
    stall(250); // in the first window, which ends at 1 s
    run(2_500); // two more windows begin: the stall's is still kept
    expect(delay.reading().max).toBeCloseTo(0.25, 2);
    run(400); // a fourth window begins: the first goes
    expect(delay.reading().max).toBeLessThan(0.001);
  });
});
