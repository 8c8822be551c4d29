import { useState } from 'react';
import type { EventInfo, ProposalInfo } from '@roundtable/shared';
import { CompactSchedule } from './CompactSchedule';
import { getEvent, getSchedule, listProposals } from './eventsApi';
import { EventHeader } from './EventHeader';
import { schedulePath, submitPath } from './eventRoutes';
import type { PublicSchedule, ScheduleResult } from './eventTypes';
import { PageState } from './PageState';
import { ProposalCard } from './ProposalCard';
import { useLoad } from './useLoad';

/** `/e/:id/organize?token=`: the organizer reviews, accepts, declines and schedules proposals. */
export function OrganizerPage({ eventId, token }: { eventId: string; token: string }) {
  const loaded = useLoad(
    () =>
      token
        ? Promise.all([getEvent(eventId), listProposals(eventId, token), getSchedule(eventId)])
        : Promise.reject(new Error('no token')),
    `${eventId}/${token}`,
  );
  if (!token) return <PageState error="This page needs the organizer link of the event (its token is missing)." what="the organizer page" />;
  if (!loaded.data) return <PageState error={loaded.error} what="the organizer page" />;
  const [event, proposals, schedule] = loaded.data;
  return <OrganizerView event={event} initialProposals={proposals} initialSchedule={schedule} token={token} />;
}

interface OrganizerViewProps {
  event: EventInfo;
  initialProposals: ProposalInfo[];
  initialSchedule: PublicSchedule;
  token: string;
}

function OrganizerView({ event, initialProposals, initialSchedule, token }: OrganizerViewProps) {
  const [proposals, setProposals] = useState(initialProposals);
  const [schedule, setSchedule] = useState(initialSchedule);
  // The moderator links of sessions scheduled from this page: the server hands them out once.
  const [results, setResults] = useState<Record<string, ScheduleResult>>({});

  const refresh = async () => {
    try {
      const [nextProposals, nextSchedule] = await Promise.all([listProposals(event.id, token), getSchedule(event.id)]);
      setProposals(nextProposals);
      setSchedule(nextSchedule);
    } catch {
      // The page keeps what it shows; the next action reports what is wrong.
    }
  };
  const replace = (changed: ProposalInfo) => setProposals((list) => list.map((p) => (p.id === changed.id ? changed : p)));

  const counts = proposals.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.status]: (acc[p.status] ?? 0) + 1 }), {});
  return (
    <main className="page wide">
      <EventHeader event={event} title={`Organize ${event.name}`} />
      <p>
        <a href={schedulePath(event.id)}>Public schedule</a> · <a href={submitPath(event.id)}>Proposal form</a>
      </p>
      <p className="hint">Keep this page’s address private: whoever has it decides and schedules proposals.</p>
      <div className="organizer">
        <section className="proposals" aria-label="Proposals">
          <h2>Proposals</h2>
          <p className="hint" data-testid="proposal-counts">
            {proposals.length === 0
              ? 'No proposals yet. Send the proposal form to your mailing list.'
              : `${proposals.length} in all: ` +
                (['submitted', 'accepted', 'scheduled', 'declined'] as const)
                  .filter((status) => counts[status])
                  .map((status) => `${counts[status]} ${status}`)
                  .join(', ')}
          </p>
          {proposals.map((proposal) => (
            <ProposalCard
              key={proposal.id}
              event={event}
              proposal={proposal}
              organizerToken={token}
              sessions={schedule.sessions}
              result={results[proposal.id]}
              onChanged={replace}
              onScheduled={(result) => {
                setResults((all) => ({ ...all, [proposal.id]: result }));
                replace({ ...proposal, status: 'scheduled', sessionId: result.session.id });
                void refresh();
              }}
              onStale={() => void refresh()}
            />
          ))}
        </section>
        <CompactSchedule event={event} schedule={schedule} />
      </div>
    </main>
  );
}
