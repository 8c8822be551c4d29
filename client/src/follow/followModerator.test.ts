// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { followModerator } from './followModerator';
import { cleanAll, onCleanup, peer, relay, watchingBoard } from './testBoards';

afterEach(cleanAll);

/** The projector: a read-only board that shares no presence. */
function projector() {
  const board = watchingBoard('follower');
  const following: boolean[] = [];
  const stop = followModerator(board.editor, board.awareness, (f) => following.push(f));
  onCleanup(stop);
  return { ...board, following };
}

describe('followModerator', () => {
  it('follows the moderator, not an attendee, and again when the moderator comes back', () => {
    const { editor, awareness, following } = projector();
    expect(editor.getInstanceState().followingUserId).toBeNull();

    relay(peer('attendee'), awareness);
    expect(editor.getInstanceState().followingUserId).toBeNull();

    const moderator = peer('moderator');
    relay(moderator, awareness);
    expect(editor.getInstanceState().followingUserId).toBe(String(moderator.clientID));
    expect(following.at(-1)).toBe(true);

    removeAwarenessStates(awareness, [moderator.clientID], 'remote');
    expect(editor.getInstanceState().followingUserId).toBeNull();
    expect(following.at(-1)).toBe(false);

    const back = peer('moderator');
    relay(back, awareness);
    expect(editor.getInstanceState().followingUserId).toBe(String(back.clientID));
  });

  it('sends no presence of its own', async () => {
    const { awareness } = projector();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(awareness.getLocalState()?.presence ?? null).toBeNull();
  });
});
