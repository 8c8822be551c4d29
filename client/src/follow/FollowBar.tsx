import type { FollowView } from './BoardFollowing';

export interface FollowActions {
  follow: () => void;
  stopFollowing: () => void;
  bringEveryone: () => void;
}

/**
 * Above the board: for the moderator, "bring everyone to me" and how many follow; for everyone
 * else, whom they follow, with one click to stop and one to follow again.
 */
export function FollowBar({ view, moderator, actions }: { view: FollowView | null; moderator: boolean; actions: FollowActions }) {
  if (!view) return null;
  if (moderator) {
    return (
      <div className="follow-bar" role="group" aria-label="Following">
        <button type="button" className="tool" data-testid="bring-everyone" onClick={actions.bringEveryone}
          title="Moves everyone’s board to what you see now; remote participants then follow you again">
          Bring everyone to me
        </button>
        <span className="hint" data-testid="followers-count" aria-live="polite">
          {view.followers === 1 ? '1 person follows your view' : `${view.followers} people follow your view`}
        </span>
      </div>
    );
  }
  return (
    <div className="follow-bar" role="group" aria-label="Following" data-testid="follow-bar" data-following={view.following}>
      {view.following && view.leader && (
        <>
          <span className="following-note" role="status">
            <span className="dot live" aria-hidden="true" /> Following {view.leader.name}’s view
          </span>
          <button type="button" className="tool" onClick={actions.stopFollowing}>
            Stop following
          </button>
        </>
      )}
      {!view.following && view.wanted && (
        <span className="hint" role="status">
          Waiting for the moderator’s board…
        </span>
      )}
      {!view.wanted && view.leader && (
        <button type="button" className="tool" onClick={actions.follow}>
          Follow {view.leader.name}
        </button>
      )}
    </div>
  );
}
