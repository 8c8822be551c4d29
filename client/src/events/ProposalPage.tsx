import { useState } from 'react';
import type { EventInfo, ProposalInfo } from '@roundtable/shared';
import { ApiError } from '../api';
import { getEvent, getProposal, updateProposal } from './eventsApi';
import { EventHeader } from './EventHeader';
import { schedulePath } from './eventRoutes';
import { PageState } from './PageState';
import { ProposalForm } from './ProposalForm';
import { draftFromProposal, type proposalBody } from './proposalDraft';
import { ProposalSummary } from './ProposalSummary';
import { ScheduledSlot } from './ScheduledSlot';
import { StatusBadge } from './StatusBadge';
import { useLoad } from './useLoad';

const STATUS_TEXT = {
  submitted: 'Submitted: the organizers have not decided yet. You can still change it.',
  accepted: 'Accepted: it will be scheduled. You can still change it until then.',
  declined: 'Declined by the organizers: it can no longer be changed.',
  scheduled: 'Scheduled: it can no longer be changed here. The link to run the session was emailed to you.',
} as const;

interface Props {
  eventId: string;
  proposalId: string;
  token: string;
}

/** `/e/:id/proposals/:pid?token=`: the proposer's own page, through the private link. */
export function ProposalPage({ eventId, proposalId, token }: Props) {
  const loaded = useLoad(
    () => (token ? Promise.all([getEvent(eventId), getProposal(eventId, proposalId, token)]) : Promise.reject(new Error('no token'))),
    `${eventId}/${proposalId}/${token}`,
  );
  if (!token) return <PageState error="This page needs the private link that came with your proposal (its token is missing)." what="this proposal" />;
  if (!loaded.data) return <PageState error={loaded.error} what="this proposal" />;
  const [event, proposal] = loaded.data;
  return <ProposalView event={event} initial={proposal} token={token} />;
}

function ProposalView({ event, initial, token }: { event: EventInfo; initial: ProposalInfo; token: string }) {
  const [proposal, setProposal] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const editable = proposal.status === 'submitted' || proposal.status === 'accepted';

  async function save(body: ReturnType<typeof proposalBody>) {
    setSaved(null);
    try {
      const next = await updateProposal(event.id, proposal.id, token, body);
      setProposal(next);
      setSaved(`Saved at ${new Date(next.updatedAt).toLocaleTimeString()}.`);
    } catch (error) {
      // Scheduled or declined meanwhile: show it as it now is instead of a form that cannot save.
      if (error instanceof ApiError && error.status === 409) {
        const fresh = await getProposal(event.id, proposal.id, token).catch(() => null);
        if (fresh) setProposal(fresh);
      }
      throw error;
    }
  }

  return (
    <main className="page">
      <EventHeader event={event} title={proposal.title} />
      <p className="proposal-status">
        <StatusBadge status={proposal.status} /> {STATUS_TEXT[proposal.status]}
      </p>
      {proposal.status === 'scheduled' && proposal.sessionId && <ScheduledSlot event={event} sessionId={proposal.sessionId} />}
      {editable ? (
        <>
          <ProposalForm
            initial={draftFromProposal(proposal)}
            suggestedTopics={event.suggestedTopics}
            submitLabel="Save changes"
            onSubmit={save}
          />
          <p role="status" className="saved">
            {saved}
          </p>
        </>
      ) : (
        <ProposalSummary proposal={proposal} />
      )}
      <p className="hint">Keep this page’s address: it is your private link to the proposal.</p>
      <p>
        <a href={schedulePath(event.id)}>See the schedule</a>
      </p>
    </main>
  );
}
