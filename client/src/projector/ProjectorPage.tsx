import { Suspense, lazy } from 'react';
import type { SessionView } from '@roundtable/shared';
import { useSessionDocument } from '../sync/useSessionDocument';
import { PanelBoundary } from '../session/PanelBoundary';
import { SyncBadge } from '../session/SyncBadge';
import { ProjectorTimer } from './ProjectorTimer';

const ProjectorBoard = lazy(() => import('./ProjectorBoard'));

/**
 * `?view=projector`: for the screen in the room. The moderator's view of the board and a timer
 * readable from the back row; nothing to click, no name asked, not counted as an attendee.
 * Works with any of the session's links (the follower link is the natural one).
 */
export function ProjectorPage({ session, token }: { session: SessionView; token: string }) {
  const { session: live, status } = useSessionDocument(session.id, token);
  return (
    <main className="projector" data-testid="projector" aria-label={`${session.title}: projector view`}>
      {live && (
        <PanelBoundary what="the whiteboard">
          <Suspense fallback={null}>
            <ProjectorBoard sessionId={session.id} token={token} session={live} />
          </Suspense>
        </PanelBoundary>
      )}
      <ProjectorTimer token={token} />
      <h1 className="projector-title">{session.title}</h1>
      {/* Only when something is wrong: a working projector shows no status chrome. */}
      {status.kind !== 'connected' && (
        <div className="projector-sync">
          <SyncBadge status={status} />
        </div>
      )}
    </main>
  );
}
