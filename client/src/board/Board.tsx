import { useEffect, useState, type ReactNode } from 'react';
import { Tldraw, createTLStore, defaultBindingUtils, defaultShapeUtils, type Editor } from 'tldraw';
import { sessionAssetStore } from './sessionAssetStore';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import 'tldraw/tldraw.css';
import type { SessionDocument } from '../sync/useSessionDocument';
import { bindBoard, writeBoardBasics, type BindingProblem } from './yjsBoardBinding';
import { clientConfig } from '../clientConfig';

// Fonts, icons and translations from our own server: a room's network may have no internet.
const assetUrls = getAssetUrlsByImport();
const licenseKey = clientConfig().tldrawLicenseKey;

/** Without a server answer this long, an offline visitor works on the copy kept in the browser. */
const OFFLINE_START_MS = 3000;

interface BoardProps {
  sessionId: string;
  token: string;
  session: SessionDocument;
  user: { name: string; color: string };
  readOnly: boolean;
  /**
   * `projector`: the whole window, no tldraw UI, and no cursor of its own sent to the others.
   * Default `workspace`: a panel of the workspace.
   */
  display?: 'workspace' | 'projector';
  /**
   * Whether this client's cursor and viewport go out to the others. Default: yes in the
   * workspace, no on the projector. Followers only watch: 500 cursors would be noise.
   */
  sharePresence?: boolean;
  /** Shown above the canvas, in the board's panel. */
  bar?: ReactNode;
  /** Runs once tldraw is up, with the document it shows; what it returns runs when tldraw goes. */
  onEditor?: (editor: Editor, session: SessionDocument) => (() => void) | void;
}

/** The whiteboard: tldraw on the session document. Loaded as its own chunk. */
export default function Board({ sessionId, token, session, user, readOnly, display = 'workspace', sharePresence, bar, onEditor }: BoardProps) {
  const projector = display === 'projector';
  const sharing = sharePresence ?? !projector;
  const [store] = useState(() =>
    createTLStore({
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
      assets: sessionAssetStore(sessionId, token),
    }),
  );
  const [bound, setBound] = useState(false);
  const [problem, setProblem] = useState<BindingProblem | null>(null);

  useEffect(() => {
    let unbind: (() => void) | null = null;
    let disposed = false;
    const start = () => {
      if (unbind || disposed) return;
      unbind = bindBoard({
        serverSynced: session.provider.synced,
        store,
        doc: session.doc,
        awareness: session.provider.awareness,
        user: { id: String(session.doc.clientID), ...user },
        readOnly,
        sharePresence: sharing,
        onProblem: setProblem,
      });
      setBound(true);
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      start();
      // Bound offline from the browser's copy: now that the server's copy is in, add what is missing.
      if (!readOnly) writeBoardBasics(store, session.doc);
    };
    session.provider.on('sync', onSync);
    if (session.provider.synced) start();
    const offlineTimer = setTimeout(() => void session.local.whenSynced.then(start), OFFLINE_START_MS);
    return () => {
      disposed = true;
      clearTimeout(offlineTimer);
      session.provider.off('sync', onSync);
      unbind?.();
    };
  }, [session, store, user, readOnly, sharing]);

  if (problem?.kind === 'newer-schema') {
    return (
      <section className="board panel" aria-label="Whiteboard">
        <p role="alert">This board was saved by a newer version of Roundtable. Reload the page to get the new version.</p>
      </section>
    );
  }
  return (
    <section className={projector ? 'board board-projector' : 'board panel'} aria-label="Whiteboard">
      {problem?.kind === 'unreadable-records' && (
        <p className="hint" role="status">
          {problem.count} item(s) on this board could not be shown; everything else is live.
        </p>
      )}
      {bar}
      <div className="board-canvas">
        {bound && (
          <Tldraw
            store={store}
            assetUrls={assetUrls}
            licenseKey={licenseKey}
            hideUi={projector}
            onMount={(editor) => {
              editor.updateInstanceState({ isReadonly: readOnly });
              return onEditor?.(editor, session);
            }}
          />
        )}
      </div>
    </section>
  );
}
