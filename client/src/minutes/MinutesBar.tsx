import { useState } from 'react';
import { canEdit, type SessionView } from '@roundtable/shared';
import type { Person } from '../people/usePresence';
import type { MinutesConnection } from './MinutesConnection';
import type { BoardPicture } from './useBoardPicture';
import { useMinutesStatus } from './useMinutesStatus';
import { MinuteTaker } from './MinuteTaker';
import { MinutesPostings } from './MinutesPostings';
import { ExportMenu } from './ExportMenu';
import { SendMinutesDialog } from './SendMinutesDialog';

interface MinutesBarProps {
  session: SessionView;
  token: string;
  people: readonly Person[];
  /** Null while the control socket opens. */
  connection: MinutesConnection | null;
  boardPicture: BoardPicture;
}

const NOT_CONNECTED = { ok: false, error: 'server-error', message: 'not connected to the server' } as const;

/**
 * The minutes' way out, above the text: who takes them, when they were sent, the downloads for
 * everyone and, for the moderator, posting them to the mailing list.
 */
export function MinutesBar({ session, token, people, connection, boardPicture }: MinutesBarProps) {
  const status = useMinutesStatus(connection);
  const [sending, setSending] = useState(false);
  const moderator = session.role === 'moderator';
  return (
    <div className="minutes-bar">
      <MinuteTaker
        status={status}
        people={people}
        moderator={moderator}
        nominate={(name) => (connection ? connection.nominate(name) : Promise.resolve(NOT_CONNECTED))}
      />
      <MinutesPostings sent={status?.sent ?? []} />
      <div className="minutes-actions">
        <ExportMenu
          sessionId={session.id}
          token={token}
          beforeEmailDownload={canEdit(session.role) ? boardPicture.upload : undefined}
        />
        {moderator && (
          <button type="button" className="tool" aria-haspopup="dialog" onClick={() => setSending(true)}>
            Send minutes…
          </button>
        )}
      </div>
      {sending && (
        <SendMinutesDialog
          sessionId={session.id}
          token={token}
          mailingList={session.mailingList}
          prepare={boardPicture.upload}
          onClose={() => setSending(false)}
        />
      )}
    </div>
  );
}
