import { describe, expect, it } from 'vitest';
import type { Role } from '@roundtable/shared';
import { minuteTakerChoices } from './minuteTakerChoices';

const person = (name: string, role: Role, isMe = false) => ({ name, role, isMe });

describe('minuteTakerChoices', () => {
  it('lists the people with a seat, each once, by name; followers only watch', () => {
    const people = [person('Zoe', 'attendee'), person('Ann', 'moderator', true), person('Fay', 'follower'), person('Zoe', 'attendee')];
    expect(minuteTakerChoices(people, null)).toEqual([
      { name: 'Ann', label: 'Ann (you)' },
      { name: 'Zoe', label: 'Zoe' },
    ]);
  });

  it('marks the viewer even when another tab of the same name came first', () => {
    expect(minuteTakerChoices([person('Ann', 'attendee'), person('Ann', 'attendee', true)], null)).toEqual([{ name: 'Ann', label: 'Ann (you)' }]);
  });

  it('keeps a minute-taker who has left, marked', () => {
    expect(minuteTakerChoices([person('Ann', 'moderator', true)], 'Bob')).toEqual([
      { name: 'Ann', label: 'Ann (you)' },
      { name: 'Bob', label: 'Bob (not here)' },
    ]);
    expect(minuteTakerChoices([person('Bob', 'attendee')], 'Bob')).toEqual([{ name: 'Bob', label: 'Bob' }]);
  });
});
