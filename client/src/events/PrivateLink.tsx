import { CopyLink } from './CopyLink';
import type { SubmittedProposal } from './eventTypes';

/** After submitting: the proposer's private link, the one way back to the proposal. */
export function PrivateLink({ submitted, title }: { submitted: SubmittedProposal; title: string }) {
  return (
    <section className="card private-link" aria-label="Your private link">
      <h2>Proposal received: “{title}”</h2>
      <p className="keep-link">
        <strong>Keep this link: it lets you edit your proposal until it is scheduled.</strong> It is the only way
        back to it, and anyone who has it can change the proposal.
      </p>
      <CopyLink href={submitted.links.edit} name="Your proposal's private link" testId="edit-link" />
      <p className="hint">The organizers will review it; once it is scheduled, the link to run your session is emailed to you.</p>
    </section>
  );
}
