import type { SyncStatus } from '../sync/useSessionDocument';

const LABELS: Record<SyncStatus['kind'], string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting… your changes are kept',
  offline: 'Offline: your changes are kept and will sync',
  refused: 'Not connected',
};

export function SyncBadge({ status }: { status: SyncStatus }) {
  const detail = status.kind === 'refused' || status.kind === 'reconnecting' ? status.reason : undefined;
  return (
    <span className={`sync-badge ${status.kind}`} role="status" data-status={status.kind} title={detail}>
      {LABELS[status.kind]}
      {detail ? `: ${detail}` : ''}
    </span>
  );
}
