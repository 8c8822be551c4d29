import { describe, expect, it } from 'vitest';
import { canEdit, countByRole, countsTowardCapacity, isRole } from './roles.js';

describe('roles', () => {
  it('lets moderators and attendees edit and take seats, followers neither', () => {
    expect([canEdit('moderator'), canEdit('attendee'), canEdit('follower')]).toEqual([true, true, false]);
    expect(['moderator', 'attendee', 'follower'].map((r) => countsTowardCapacity(r as never))).toEqual([true, true, false]);
  });

  it('recognises only the three roles', () => {
    expect(isRole('follower')).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('counts roles, every role present, skipping unknown ones', () => {
    expect(countByRole(['attendee', 'follower', undefined, 'follower'])).toEqual({ moderator: 0, attendee: 1, follower: 2 });
  });
});
