import type { ProposalInfo } from '@roundtable/shared';
import { formatDuration } from './timeFormat';

/** A proposal read, not edited: the problem, how to contribute, what to read, length and topics. */
export function ProposalSummary({ proposal }: { proposal: ProposalInfo }) {
  return (
    <div className="proposal-summary">
      <h3>The problem</h3>
      <p className="prose">{proposal.problem}</p>
      <h3>How attendees can contribute</h3>
      <p className="prose">{proposal.contribute}</p>
      <h3>Preparation</h3>
      <ul>
        {proposal.preparation.map((link, index) => (
          <li key={index}>
            <a href={link.url} target="_blank" rel="noopener noreferrer nofollow">
              {link.label ?? link.url}
            </a>
          </li>
        ))}
      </ul>
      <p className="hint">
        {formatDuration(proposal.durationMinutes)}
        {proposal.topics.length > 0 && <> · {proposal.topics.join(', ')}</>}
      </p>
    </div>
  );
}
