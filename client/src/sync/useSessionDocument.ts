import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CLOSE_CODES, PERMANENT_CLOSE_CODES } from '@roundtable/shared';
import { sendOwnAwarenessOnly } from './sendOwnAwarenessOnly';

export type SyncStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; reason?: string }
  | { kind: 'offline' }
  | { kind: 'refused'; reason: string };

export interface SessionDocument {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The copy kept in this browser. */
  local: IndexeddbPersistence;
}

function syncServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/yjs`;
}

/**
 * The session's live document: kept in IndexedDB, so edits made offline survive a reload and are
 * merged when the connection returns, and synced with the server over y-websocket.
 */
export function useSessionDocument(sessionId: string, token: string): { session: SessionDocument | null; status: SyncStatus } {
  const [session, setSession] = useState<SessionDocument | null>(null);
  const [status, setStatus] = useState<SyncStatus>({ kind: 'connecting' });

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`roundtable:${sessionId}`, doc);
    const provider = new WebsocketProvider(syncServerUrl(), sessionId, doc, {
      params: { token },
      maxBackoffTime: 5000,
      // y-websocket gives up on every 44xx code; only a bad link or an unknown session is final.
      // A full room (4429) may have a seat again soon, a refused message is retried after the backoff.
      shouldReconnect: (event) => !PERMANENT_CLOSE_CODES.has(event.code),
    });
    sendOwnAwarenessOnly(provider);
    let refused = false;

    provider.on('status', ({ status: s }: { status: string }) => {
      if (refused) return;
      if (s === 'connected') setStatus({ kind: 'connected' });
      else if (s === 'connecting') setStatus((prev) => (prev.kind === 'connected' ? { kind: 'reconnecting' } : prev));
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (!event) return;
      if (PERMANENT_CLOSE_CODES.has(event.code)) {
        refused = true;
        provider.shouldConnect = false; // nothing will change by retrying
        setStatus({ kind: 'refused', reason: event.reason || 'the server refused this link' });
      } else if (event.code === CLOSE_CODES.roomFull) {
        setStatus({ kind: 'reconnecting', reason: event.reason });
      } else if (!refused) {
        setStatus({ kind: navigator.onLine ? 'reconnecting' : 'offline' });
      }
    });
    const onOffline = () => !refused && setStatus({ kind: 'offline' });
    // The socket may have lived through a short outage; then no status event will come.
    const onOnline = () => !refused && setStatus({ kind: provider.wsconnected ? 'connected' : 'reconnecting' });
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    setSession({ doc, provider, local });

    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      provider.destroy();
      void local.destroy();
      doc.destroy();
      setSession(null);
    };
  }, [sessionId, token]);

  return { session, status };
}
