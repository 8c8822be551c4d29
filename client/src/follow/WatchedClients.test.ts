import { describe, expect, it } from 'vitest';
import { WatchedClients } from './WatchedClients';

describe('WatchedClients', () => {
  const me = 7;

  it('counts the clients that follow this board, nobody else', () => {
    const watched = new WatchedClients(me);
    watched.noteAll(
      new Map<number, object>([
        [1, { role: 'follower', following: '7' }],
        [2, { role: 'attendee', following: '7' }],
        [3, { role: 'follower', following: null }],
        [4, { role: 'follower', following: '8' }],
        [5, { role: 'follower' }],
      ]),
    );
    expect(watched.followerCount).toBe(2);
  });

  it('is concerned by moderators and by who starts or stops following this board, not by the others', () => {
    const states = new Map<number, object>([
      [1, { role: 'moderator' }],
      [2, { role: 'follower', following: '7' }],
      [3, { role: 'attendee', presence: { cursor: 1 } }],
      [4, { role: 'follower', following: '1' }],
      [me, { role: 'moderator' }],
    ]);
    const watched = new WatchedClients(me);
    watched.noteAll(states);
    expect(watched.concerns(states, [3, 4, me])).toBe(false); // a cursor, a follower of someone else, this board
    expect(watched.concerns(states, [2])).toBe(false); // a renewal: still following
    expect(watched.concerns(states, [1])).toBe(true);

    states.set(2, { role: 'follower', following: null });
    expect(watched.concerns(states, [2])).toBe(true);
    states.set(3, { role: 'attendee', following: '7' });
    expect(watched.concerns(states, [3])).toBe(true);
    states.set(5, { role: 'moderator' });
    expect(watched.concerns(states, [5])).toBe(true); // a moderator who joined

    watched.noteAll(states);
    states.delete(1);
    states.delete(3);
    expect(watched.concerns(states, [1])).toBe(true); // the moderator left
    expect(watched.concerns(states, [3])).toBe(true); // a follower left
    expect(watched.concerns(states, [6])).toBe(false);
  });
});
