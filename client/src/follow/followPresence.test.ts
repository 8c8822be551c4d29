import { describe, expect, it } from 'vitest';
import { SummonWatch, nextSummon } from './followPresence';

describe('SummonWatch', () => {
  it('reports a moderator’s summon once, and not the one already there when first seen', () => {
    const watch = new SummonWatch();
    const states = new Map<number, object>([[1, { role: 'moderator', summon: 100 }]]);
    expect(watch.check(states)).toEqual([]);
    expect(watch.check(states)).toEqual([]);
    states.set(1, { role: 'moderator', summon: 200 });
    expect(watch.check(states)).toEqual([1]);
    expect(watch.check(states)).toEqual([]);
  });

  it('reports a first summon of a moderator seen before with none', () => {
    const watch = new SummonWatch();
    const states = new Map<number, object>([[1, { role: 'moderator' }]]);
    watch.check(states);
    states.set(1, { role: 'moderator', summon: 5 });
    expect(watch.check(states)).toEqual([1]);
    states.set(1, { role: 'moderator', summon: 6 });
    expect(watch.check(states)).toEqual([1]);
  });

  it('ignores summons of anyone but a moderator, and garbage', () => {
    const watch = new SummonWatch();
    const states = new Map<number, object>([
      [1, { role: 'attendee', summon: 1 }],
      [2, { role: 'moderator', summon: 'x' }],
    ]);
    watch.check(states);
    states.set(1, { role: 'attendee', summon: 2 });
    states.set(2, { role: 'moderator', summon: Number.POSITIVE_INFINITY });
    expect(watch.check(states)).toEqual([]);
  });

  it('forgets a moderator who left, so a return is a first sighting', () => {
    const watch = new SummonWatch();
    const states = new Map<number, object>([[1, { role: 'moderator', summon: 1 }]]);
    watch.check(states);
    states.delete(1);
    watch.check(states);
    states.set(1, { role: 'moderator', summon: 9 });
    expect(watch.check(states)).toEqual([]);
  });
});

describe('nextSummon', () => {
  it('grows even when the clock does not', () => {
    expect(nextSummon(undefined, 1000)).toBe(1000);
    expect(nextSummon(1000, 1000)).toBe(1001);
    expect(nextSummon(5000, 1000)).toBe(5001);
    expect(nextSummon(10, 1000)).toBe(1000);
  });
});
