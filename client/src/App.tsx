import { HomePage } from './pages/HomePage';
import { SessionPage } from './pages/SessionPage';

/** Two routes so far: `/` to create a session, `/s/:id?token=` to join one. */
export function App() {
  const match = /^\/s\/([^/]+)\/?$/.exec(window.location.pathname);
  if (match) {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    return <SessionPage sessionId={decodeURIComponent(match[1]!)} token={token} />;
  }
  return <HomePage />;
}
