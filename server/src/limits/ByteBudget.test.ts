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

  it('lets a frame larger than the burst wait only until the budget is full, and charges it in full', () => {
    let now = 0;
    const budget = new ByteBudget({ burst: 1000, perSecond: 1000 }, () => now);
    expect(budget.waitMs(5000)).toBe(0);
    budget.take(5000); // 4,000 in debt: large frames pass at the rate too
    expect(budget.waitMs(5000)).toBe(5000);
    now += 4999;
    expect(budget.waitMs(5000)).toBe(1);
    now += 1;
    expect(budget.waitMs(5000)).toBe(0);
    now += 60_000;
    expect(budget.waitMs(5000)).toBe(0);
  });

  it('does not go into debt when the clock steps back', () => {
    let now = 10_000;
    const budget = new ByteBudget({ burst: 1000, perSecond: 1000 }, () => now);
    now -= 5000;
    expect(budget.waitMs(1000)).toBe(0);
  });

  it('refuses a rule that could never refill', () => {
    expect(() => new ByteBudget({ burst: 1000, perSecond: 0 })).toThrow(RangeError);
    expect(() => new ByteBudget({ burst: 0, perSecond: 10 })).toThrow(RangeError);
  });
});
