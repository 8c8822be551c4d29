import type { ProposalStatus } from '@roundtable/shared';

/** A proposal's status, as a word with its colour; `data-status` for tests and styles. */
export function StatusBadge({ status }: { status: ProposalStatus }) {
  return (
    <span className={`status-badge status-${status}`} data-testid="proposal-status" data-status={status}>
      {status}
    </span>
  );
}
