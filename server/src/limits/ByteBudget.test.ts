import { describe, expect, it } from 'vitest';
import { ByteBudget } from './ByteBudget.js';

describe('ByteBudget', () => {
  it('spends its burst at once, then refills continuously, and tells how long to wait', () => {
    let now = 0;
    const budget = new ByteBudget({ burst: 1000, perSecond: 500 }, () => now);
    expect(budget.waitMs(1000)).toBe(0);
    budget.take(1000);
    expect(budget.waitMs(1)).toBe(2);
    expect(budget.waitMs(250)).toBe(500);
    now += 500;
    expect(budget.waitMs(250)).toBe(0);
    expect(budget.waitMs(251)).toBe(2);
    now += 60_000; // never more than the burst
    expect(budget.waitMs(1000)).toBe(0);
    budget.take(1000);
    expect(budget.waitMs(1)).toBeGreaterThan(0);
  });

  it('counts a frame larger than the burst as the burst, so it is refused only until the budget is full', () => {
    let now = 0;
    const budget = new ByteBudget({ burst: 1000, perSecond: 1000 }, () => now);
    expect(budget.waitMs(5000)).toBe(0);
    budget.take(5000);
    expect(budget.waitMs(5000)).toBe(1000);
    now += 1000;
    expect(budget.waitMs(5000)).toBe(0);
  });
});
