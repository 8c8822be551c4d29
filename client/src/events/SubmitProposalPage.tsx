import { useState } from 'react';
import { getEvent, submitProposal } from './eventsApi';
import { EventHeader } from './EventHeader';
import { schedulePath } from './eventRoutes';
import type { SubmittedProposal } from './eventTypes';
import { PageState } from './PageState';
import { PrivateLink } from './PrivateLink';
import { ProposalForm } from './ProposalForm';
import { emptyProposalDraft } from './proposalDraft';
import { useLoad } from './useLoad';

/** `/e/:id/submit`: anyone proposes a session for the event. */
export function SubmitProposalPage({ eventId }: { eventId: string }) {
  const event = useLoad(() => getEvent(eventId), eventId);
  const [submitted, setSubmitted] = useState<{ answer: SubmittedProposal; title: string } | null>(null);

  if (!event.data) return <PageState error={event.error} what="this event" />;
  return (
    <main className="page">
      <EventHeader event={event.data} title="Propose a session" />
      {submitted ? (
        <PrivateLink submitted={submitted.answer} title={submitted.title} />
      ) : (
        <>
          <p>
            A design session is a problem put to the people who can solve it: a short presentation, then a
            discussion. Say what the problem is, what you need from the room, and what to read first.
          </p>
          <ProposalForm
            initial={emptyProposalDraft()}
            suggestedTopics={event.data.suggestedTopics}
            submitLabel="Submit proposal"
            onSubmit={async (body) => {
              const answer = await submitProposal(eventId, body);
              setSubmitted({ answer, title: body.title });
            }}
          />
        </>
      )}
      <p>
        <a href={schedulePath(eventId)}>See the schedule</a>
      </p>
    </main>
  );
}
