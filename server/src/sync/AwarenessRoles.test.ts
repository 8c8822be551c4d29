import { describe, expect, it } from 'vitest';
import { AwarenessRoles } from './AwarenessRoles.js';

describe('AwarenessRoles', () => {
  it('stamps the connection\'s role and tells a stamped client\'s renewal from a change', () => {
    const roles = new AwarenessRoles();
    const states = new Map<number, Record<string, unknown>>([[1, { role: 'moderator', user: 'Mallory' }]]);
    expect(roles.stamp(states, 1, 'follower')).toBe(true);
    expect(states.get(1)).toEqual({ role: 'follower', user: 'Mallory' });
    // y-protocols keeps the newly received object on every update: the same claim again
    states.set(1, { role: 'moderator', user: 'Mallory' });
    expect(roles.stamp(states, 1, 'follower')).toBe(false);
    expect(states.get(1)).toEqual({ role: 'follower', user: 'Mallory' });
    states.set(1, { user: 'Mallory', cursor: 3 });
    expect(roles.stamp(states, 1, 'follower')).toBe(true);
    // A client that says the right role is taken at its word, and a change again.
    states.set(1, { role: 'follower', user: 'Mallory', cursor: 3 });
    expect(roles.stamp(states, 1, 'follower')).toBe(true);
  });

  it('replaces a state that is not an object by one holding only the role', () => {
    const roles = new AwarenessRoles();
    const states = new Map<number, Record<string, unknown>>([[1, 42 as unknown as Record<string, unknown>]]);
    roles.stamp(states, 1, 'attendee');
    expect(states.get(1)).toEqual({ role: 'attendee' });
  });

  it('sorts followers\' states out by their role, and a removed state by what it was', () => {
    const roles = new AwarenessRoles();
    expect(roles.sortOut(1, { role: 'follower' })).toBe(true);
    expect(roles.sortOut(2, { role: 'moderator' })).toBe(false);
    expect(roles.sortOut(3, {})).toBe(false);
    expect(roles.isFollower(1)).toBe(true);
    expect(roles.sortOut(1, undefined)).toBe(true);
    expect(roles.isFollower(1)).toBe(false);
    expect(roles.sortOut(2, undefined)).toBe(false);
  });
});
