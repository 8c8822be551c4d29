import { react, type Editor } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { moderatorUserIds } from './moderatorPresence';

/**
 * Keeps `editor` following the moderator's viewport with tldraw's own follow mode. tldraw stops
 * following when the leader leaves or someone scrolls the projector; here it starts again as soon
 * as a moderator's board is there, which awareness tells on every change of anyone's presence.
 * Calls `onFollowing` whenever following starts or stops. Returns the function that stops it all.
 */
export function followModerator(editor: Editor, awareness: Awareness, onFollowing: (following: boolean) => void): () => void {
  const follow = () => {
    const present = new Set(editor.getCollaborators().map((c) => c.userId));
    const moderators = moderatorUserIds(awareness.getStates(), awareness.clientID).filter((id) => present.has(id));
    const current = editor.getInstanceState().followingUserId;
    if (current !== null && moderators.includes(current)) return;
    if (moderators.length > 0) editor.startFollowingUser(moderators[0]!);
    else if (current !== null) editor.stopFollowingUser();
  };
  // Registered after the board's own awareness listener, so the presence records are in the store.
  awareness.on('update', follow);
  follow();
  const stopReporting = react('report following', () => onFollowing(editor.getInstanceState().followingUserId !== null));
  return () => {
    awareness.off('update', follow);
    stopReporting();
  };
}
