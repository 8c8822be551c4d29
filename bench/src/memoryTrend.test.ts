import { describe, expect, it } from 'vitest';
import { memoryTrend, slope } from './memoryTrend.js';

describe('memoryTrend', () => {
  it('fits a line through the samples', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2);
    expect(slope([0, 1, 2], [4, 4, 4])).toBe(0);
    expect(slope([5, 5], [1, 2])).toBe(0);
  });

  it('leaves out the warm-up (the first sixth) and reports the slope per 10 minutes', () => {
    // 60 min at one sample a minute: climbing 20 MiB in the first 10 min, then flat with noise
    const samples = Array.from({ length: 61 }, (_, m) => ({
      atS: m * 60,
      rssMiB: m < 10 ? 100 + 2 * m : 120 + (m % 2),
      heapUsedMiB: m < 10 ? 40 + m : 50 + 0.05 * (m - 10),
    }));
    const trend = memoryTrend(samples, 3600)!;
    expect(trend.warmedUpAtS).toBe(600);
    expect(trend.rssAtWarmUpMiB).toBe(120);
    expect(Math.abs(trend.rssSlopeMiBPer10Min)).toBeLessThan(0.1);
    expect(trend.heapSlopeMiBPer10Min).toBeCloseTo(0.5);
    expect(trend.rssMaxMiB).toBe(121);
  });

  it('needs two warmed-up samples, and leaves the heap out where a process did not report one', () => {
    expect(memoryTrend([{ atS: 0, rssMiB: 1, heapUsedMiB: null }], 60)).toBeNull();
    const trend = memoryTrend([{ atS: 20, rssMiB: 1, heapUsedMiB: null }, { atS: 40, rssMiB: 2, heapUsedMiB: 3 }], 60)!;
    expect(trend.heapAtWarmUpMiB).toBeNull();
  });
});
