import { eventRoute, type EventRoute } from './events/eventRoutes';
import { OrganizerPage } from './events/OrganizerPage';
import { ProposalPage } from './events/ProposalPage';
import { SchedulePage } from './events/SchedulePage';
import { SubmitProposalPage } from './events/SubmitProposalPage';
import { HomePage } from './pages/HomePage';
import { SessionPage } from './pages/SessionPage';
import { PROJECTOR_VIEW } from './projector/projectorLink';

/**
 * `/` to create a session or an event, `/s/:id?token=` to join a session (`&view=projector` for the
 * room's screen), and an event's pages under `/e/:id` (see `eventRoute`).
 */
export function App() {
  const match = /^\/s\/([^/]+)\/?$/.exec(window.location.pathname);
  if (match) {
    const query = new URLSearchParams(window.location.search);
    const token = query.get('token') ?? '';
    const view = query.get('view') === PROJECTOR_VIEW ? 'projector' : 'workspace';
    return <SessionPage sessionId={decodeURIComponent(match[1]!)} token={token} view={view} />;
  }
  const event = eventRoute(window.location.pathname, window.location.search);
  if (event) return <EventPage route={event} />;
  return <HomePage />;
}

function EventPage({ route }: { route: EventRoute }) {
  switch (route.page) {
    case 'schedule':
      return <SchedulePage eventId={route.eventId} />;
    case 'submit':
      return <SubmitProposalPage eventId={route.eventId} />;
    case 'proposal':
      return <ProposalPage eventId={route.eventId} proposalId={route.proposalId} token={route.token} />;
    case 'organize':
      return <OrganizerPage eventId={route.eventId} token={route.token} />;
  }
}
