import { useCallback, useRef, useState } from 'react';
import { react, type Editor } from 'tldraw';
import Board from '../board/Board';
import type { SessionDocument } from '../sync/useSessionDocument';
import { followModerator } from './followModerator';

/** The name the projector's client carries; it sends no presence, so nobody sees it. */
const PROJECTOR_USER = { name: 'Projector', color: '#000000' };

/** The board as the moderator sees it, read-only, with no tldraw UI. Loaded as its own chunk. */
export default function ProjectorBoard({ sessionId, token, session }: { sessionId: string; token: string; session: SessionDocument }) {
  const [following, setFollowing] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const follow = useCallback((editor: Editor, live: SessionDocument) => {
    const stopFollowing = followModerator(editor, live.provider.awareness, setFollowing);
    // The camera as an attribute, written straight to the DOM (it moves every frame while
    // following): what the room sees can be checked without reaching into tldraw.
    const stopReporting = react('report camera', () => {
      const { x, y, z } = editor.getCamera();
      frame.current?.setAttribute('data-camera', `${Math.round(x)},${Math.round(y)},${z.toFixed(3)}`);
    });
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
