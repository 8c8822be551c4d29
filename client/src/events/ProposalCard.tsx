import { useState } from 'react';
import type { EventInfo, OrganizerProposal, ProposalInfo } from '@roundtable/shared';
import { CopyLink } from './CopyLink';
import { conflictMessage, conflictOf } from './conflictMessage';
import { decideProposal } from './eventsApi';
import type { PublicSession, ScheduleResult } from './eventTypes';
import { ProposalSummary } from './ProposalSummary';
import { RoomLabel } from './RoomLabel';
import { ScheduledNotice } from './ScheduledNotice';
import { ScheduleForm } from './ScheduleForm';
import { StatusBadge } from './StatusBadge';
import { formatDuration, formatSpan } from './timeFormat';
import { failureText } from './useLoad';

interface ProposalCardProps {
  event: EventInfo;
  proposal: ProposalInfo | OrganizerProposal;
  organizerToken: string;
  sessions: readonly PublicSession[];
  /** Set once scheduled from this page: the moderator link is only in that answer. */
  result: ScheduleResult | undefined;
  onChanged: (proposal: ProposalInfo) => void;
  onScheduled: (result: ScheduleResult) => void;
  onStale: () => void;
}

/** One proposal for the organizer: what it is, the decision, and where it goes. */
export function ProposalCard({ event, proposal, organizerToken, sessions, result, onChanged, onScheduled, onStale }: ProposalCardProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { status } = proposal;
  const session = proposal.sessionId ? sessions.find((s) => s.id === proposal.sessionId) : undefined;
  const room = session && event.rooms.find((r) => r.id === session.roomId);

  async function decide(decision: 'accept' | 'decline') {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await decideProposal(event.id, proposal.id, organizerToken, decision));
    } catch (error) {
      const conflict = conflictOf(error);
      setProblem(conflict ? conflictMessage(conflict, { roomName: '', event, durationMinutes: proposal.durationMinutes }) : failureText(error));
      if (conflict) onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card proposal-card" aria-label={proposal.title} data-status={status} data-testid="proposal-card">
      <div className="proposal-heading">
        <h3>{proposal.title}</h3>
        <StatusBadge status={status} />
      </div>
      <p className="meta">
        {proposal.proposer.name} (<a href={`mailto:${proposal.proposer.email}`}>{proposal.proposer.email}</a>) ·{' '}
        {formatDuration(proposal.durationMinutes)}
        {proposal.topics.length > 0 && (
          <>
            {' · '}
            {proposal.topics.map((topic) => (
              <span key={topic} className="topic">
                {topic}
              </span>
            ))}
          </>
        )}
      </p>
      <details>
        <summary>Problem, contribution and preparation</summary>
        <ProposalSummary proposal={proposal} />
      </details>
      {(status === 'submitted' || status === 'accepted' || status === 'declined') && (
        <div className="actions">
          {status !== 'accepted' && (
            <button type="button" disabled={busy} onClick={() => void decide('accept')}>
              Accept
            </button>
          )}
          {status !== 'declined' && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void decide('decline')}>
              Decline
            </button>
          )}
        </div>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {status === 'scheduled' && session && room && (
        <p className="slot" data-testid="scheduled-slot">
          Scheduled: <RoomLabel room={room} />, {formatSpan(session.startsAt, session.endsAt, event.timezone)}
        </p>
      )}
      {result && <ScheduledNotice title={proposal.title} result={result} event={event} />}
      {!result && status === 'scheduled' && 'sessionLinks' in proposal && proposal.sessionLinks && (
        <p>
          <CopyLink href={proposal.sessionLinks.moderator} name={`Moderator link for ${proposal.title}`} testId="moderator-link" />
        </p>
      )}
      {(status === 'submitted' || status === 'accepted') && (
        <ScheduleForm
          event={event}
          proposal={proposal}
          organizerToken={organizerToken}
          sessions={sessions}
          onScheduled={onScheduled}
          onStale={onStale}
        />
      )}
    </section>
  );
}
