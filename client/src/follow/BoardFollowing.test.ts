// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { Box } from 'tldraw';
import { BoardFollowing, type FollowView } from './BoardFollowing';
import { cleanAll, onCleanup, peer, relay, watchingBoard } from './testBoards';
import { moderatorBoards } from './moderatorPresence';

// The leader search, counted (it keeps its implementation).
vi.mock('./moderatorPresence', { spy: true });

afterEach(cleanAll);

function board(role: 'follower' | 'attendee' | 'moderator') {
  const made = watchingBoard(role);
  const views: FollowView[] = [];
  const following = new BoardFollowing(made.editor, made.awareness, { followByDefault: role === 'follower', onChange: (v) => views.push(v) });
  onCleanup(() => following.destroy());
  const followedId = () => made.editor.getInstanceState().followingUserId;
  return { ...made, following, views, followedId, view: () => views.at(-1)! };
}

describe('BoardFollowing', () => {
  it('has a follower follow the moderator, say so in awareness, and wait for a moderator who left', () => {
    const f = board('follower');
    expect(f.view()).toMatchObject({ wanted: true, following: false, leader: null });
    relay(peer('attendee'), f.awareness);
    expect(f.followedId()).toBeNull();

    const mo = peer('moderator');
    relay(mo, f.awareness);
    const moId = String(mo.clientID);
    expect(f.followedId()).toBe(moId);
    expect(f.view()).toMatchObject({ wanted: true, following: true, leader: { userId: moId, name: `moderator ${mo.clientID}` } });
    expect(f.awareness.getLocalState()?.following).toBe(moId);

    // The moderator reloads: still wanted, followed again as soon as the board is back.
    removeAwarenessStates(f.awareness, [mo.clientID], 'remote');
    expect(f.view()).toMatchObject({ wanted: true, following: false, leader: null });
    expect(f.awareness.getLocalState()?.following).toBeNull();
    const back = peer('moderator');
    relay(back, f.awareness);
    expect(f.followedId()).toBe(String(back.clientID));
  });

  it('stops when the person looks around, stays stopped, and follows again on request', () => {
    const f = board('follower');
    const mo = peer('moderator');
    relay(mo, f.awareness);
    expect(f.view().following).toBe(true);

    f.editor.setCamera({ x: 10, y: 20, z: 1 }); // a pan: tldraw stops following
    expect(f.view()).toMatchObject({ wanted: false, following: false });
    relay(mo, f.awareness); // the moderator moves on: we stay where we are
    expect(f.followedId()).toBeNull();
    expect(f.awareness.getLocalState()?.following).toBeNull();

    f.following.follow();
    expect(f.followedId()).toBe(String(mo.clientID));
    f.following.stopFollowing();
    expect(f.view()).toMatchObject({ wanted: false, following: false });
  });

  it('leaves an attendee free, and moves it once on "bring everyone to me"', () => {
    const a = board('attendee');
    const mo = peer('moderator', { x: -2000, y: -1000, z: 1 });
    relay(mo, a.awareness);
    expect(a.view()).toMatchObject({ wanted: false, following: false, leader: { userId: String(mo.clientID) } });
    a.editor.updateViewportScreenBounds(new Box(0, 0, 1000, 700));
    const before = a.editor.getViewportPageBounds().center;

    mo.setLocalStateField('summon', 1);
    relay(mo, a.awareness);
    expect(a.followedId()).toBeNull(); // moved, not following
    a.editor.emit('tick', 1000); // let the camera animation finish
    const after = a.editor.getViewportPageBounds().center;
    // the moderator sees 1200 x 800 from (2000, 1000): its centre is (2600, 1400)
    expect(after.x).toBeCloseTo(2600, 0);
    expect(after.y).toBeCloseTo(1400, 0);
    expect(after.x).not.toBeCloseTo(before.x, 0);
    expect(a.view().wanted).toBe(false);
  });

  it('brings back a follower who looked around, and ignores a summon made before it came', () => {
    const mo = peer('moderator');
    mo.setLocalStateField('summon', 5);
    const f = board('follower');
    relay(mo, f.awareness);
    expect(f.view().following).toBe(true);
    f.editor.setCamera({ x: 10, y: 20, z: 1 });
    expect(f.view().wanted).toBe(false);
    relay(mo, f.awareness); // same summon as before: nothing
    expect(f.view().wanted).toBe(false);

    mo.setLocalStateField('summon', 6);
    relay(mo, f.awareness);
    expect(f.view()).toMatchObject({ wanted: true, following: true });
  });

  it('counts who follows the moderator and sends the summon', () => {
    const m = board('moderator');
    const myId = String(m.awareness.clientID);
    const f1 = peer('follower');
    f1.setLocalStateField('following', myId);
    const f2 = peer('follower');
    f2.setLocalStateField('following', null);
    relay(f1, m.awareness);
    relay(f2, m.awareness);
    expect(m.view().followers).toBe(1);

    m.following.bringEveryone();
    const first = m.awareness.getLocalState()?.summon as number;
    m.following.bringEveryone();
    expect(m.awareness.getLocalState()?.summon).toBeGreaterThan(first);
  });

  it('keeps the moderator’s count as followers come, stop following and leave', () => {
    const m = board('moderator');
    const myId = String(m.awareness.clientID);
    const f1 = peer('follower');
    const f2 = peer('follower');
    for (const f of [f1, f2]) {
      f.setLocalStateField('following', myId);
      relay(f, m.awareness);
    }
    expect(m.view().followers).toBe(2);
    f1.setLocalStateField('following', null);
    relay(f1, m.awareness);
    expect(m.view().followers).toBe(1);
    removeAwarenessStates(m.awareness, [f2.clientID], 'remote');
    expect(m.view().followers).toBe(0);
  });

  it('does no following work for a burst of attendees’ cursors or followers’ renewals', () => {
    const m = board('moderator');
    const f = board('follower');
    const mo = peer('moderator');
    relay(mo, f.awareness);
    const follower = peer('follower');
    follower.setLocalStateField('following', String(m.awareness.clientID));
    relay(follower, m.awareness);
    const attendees = [peer('attendee'), peer('attendee'), peer('attendee')];
    for (const a of attendees) for (const b of [m, f]) relay(a, b.awareness);
    expect(m.view().followers).toBe(1);
    expect(f.view().following).toBe(true);

    const leaderSearch = vi.mocked(moderatorBoards);
    leaderSearch.mockClear();
    const views = [m.views.length, f.views.length];
    for (let frame = 0; frame < 60; frame++) {
      for (const a of attendees) {
        a.setLocalStateField('presence', { ...a.getLocalState()!.presence, cursor: { x: frame, y: frame, type: 'default', rotation: 0 } });
        relay(a, m.awareness);
        relay(a, f.awareness);
      }
      follower.setLocalState(follower.getLocalState()); // a renewal: the same state, a new clock
      relay(follower, m.awareness);
    }
    // This board's own moves neither (its presence changes every frame the person draws).
    for (let frame = 0; frame < 10; frame++) m.awareness.setLocalStateField('presence', { frame });
    expect(leaderSearch).not.toHaveBeenCalled();
    expect([m.views.length, f.views.length]).toEqual(views);

    // Any change of the moderator's is news to the follower.
    mo.setLocalState(mo.getLocalState());
    relay(mo, f.awareness);
    expect(leaderSearch).toHaveBeenCalledTimes(1);
    // So is its own state saying something else than what it follows: it is put right.
    f.awareness.setLocalState({ ...f.awareness.getLocalState(), following: null });
    expect(f.awareness.getLocalState()?.following).toBe(String(mo.clientID));
  });
});
