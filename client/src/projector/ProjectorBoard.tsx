import { useCallback, useRef, useState } from 'react';
import type { Editor } from 'tldraw';
import Board from '../board/Board';
import type { SessionDocument } from '../sync/useSessionDocument';
import { followModerator } from '../follow/followModerator';
import { reportViewport } from '../follow/viewportReport';

/** The name the projector's client carries; it sends no presence, so nobody sees it. */
const PROJECTOR_USER = { name: 'Projector', color: '#000000' };

/** The board as the moderator sees it, read-only, with no tldraw UI. Loaded as its own chunk. */
export default function ProjectorBoard({ sessionId, token, session }: { sessionId: string; token: string; session: SessionDocument }) {
  const [following, setFollowing] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const follow = useCallback((editor: Editor, live: SessionDocument) => {
    const stopFollowing = followModerator(editor, live.provider.awareness, setFollowing);
    const stopReporting = reportViewport(editor, () => frame.current);
    return () => {
      stopFollowing();
      stopReporting();
    };
  }, []);
  return (
    <div className="projector-board" data-testid="projector-board" data-following={following} ref={frame}>
      <Board sessionId={sessionId} token={token} session={session} user={PROJECTOR_USER} readOnly display="projector" onEditor={follow} />
      {!following && (
        <p className="projector-waiting" role="status">
          Waiting for the moderator’s board…
        </p>
      )}
    </div>
  );
}
