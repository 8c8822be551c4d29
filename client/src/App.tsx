import { HomePage } from './pages/HomePage';
import { SessionPage } from './pages/SessionPage';
import { PROJECTOR_VIEW } from './projector/projectorLink';

/**
 * Two routes so far: `/` to create a session, `/s/:id?token=` to join one (`&view=projector` for
 * the room's screen).
 */
export function App() {
  const match = /^\/s\/([^/]+)\/?$/.exec(window.location.pathname);
  if (match) {
    const query = new URLSearchParams(window.location.search);
    const token = query.get('token') ?? '';
    const view = query.get('view') === PROJECTOR_VIEW ? 'projector' : 'workspace';
    return <SessionPage sessionId={decodeURIComponent(match[1]!)} token={token} view={view} />;
  }
  return <HomePage />;
}
