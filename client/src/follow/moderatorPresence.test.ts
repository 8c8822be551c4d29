import { describe, expect, it } from 'vitest';
import { moderatorUserIds } from './moderatorPresence';

const presence = (userId: string, lastActivityTimestamp: number) => ({ typeName: 'instance_presence', userId, lastActivityTimestamp });

describe('moderatorUserIds', () => {
  it('finds the moderator’s boards, the most recently active first', () => {
    const states = new Map<number, object>([
      [1, { role: 'attendee', presence: presence('1', 900) }],
      [2, { role: 'moderator', presence: presence('2', 100) }],
      [3, { role: 'moderator', presence: presence('3', 500) }],
      [4, { role: 'follower', presence: presence('4', 999) }],
    ]);
    expect(moderatorUserIds(states, 99)).toEqual(['3', '2']);
  });

  it('skips a moderator without a board, anything that is not a presence, and itself', () => {
    const states = new Map<number, object>([
      [1, { role: 'moderator' }],
      [2, { role: 'moderator', presence: null }],
      [3, { role: 'moderator', presence: { typeName: 'shape', userId: '3' } }],
      [4, { role: 'moderator', presence: presence('4', 1) }],
    ]);
    expect(moderatorUserIds(states, 4)).toEqual([]);
  });
});
