import { useCallback, useEffect, useState } from 'react';
import type { MinutesEmailPreview } from '@roundtable/shared';
import { getEmailPreview } from './minutesApi';

/** Typing an address asks again once the typing pauses, not on every key. */
export const PREVIEW_DEBOUNCE_MS = 400;

export interface EmailPreviewState {
  /** The last preview that arrived (kept on screen while the next one loads). */
  preview: MinutesEmailPreview | null;
  /** The address that preview was asked for ('' for the session's mailing list). */
  previewFor: string | null;
  loading: boolean;
  /** The server's reason the last request failed (a malformed address, say). */
  error: string | null;
  /** Whether the preview on screen is the email for `to` exactly: only then may it be sent. */
  current: boolean;
  /** Asks again (the minutes changed since the preview on screen). */
  reload(): void;
}

/**
 * The email as the server would post it to `to` ('' for the mailing list), fetched once `ready`
 * (the board's picture stored first) and again when `to` settles. An answer for an address typed
 * over since is dropped.
 */
export function useEmailPreview(sessionId: string, token: string, to: string, ready: boolean): EmailPreviewState {
  const [asked, setAsked] = useState(to);
  useEffect(() => {
    if (to === asked) return;
    const timeout = setTimeout(() => setAsked(to), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timeout);
  }, [to, asked]);

  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<Omit<EmailPreviewState, 'current' | 'reload'>>({ preview: null, previewFor: null, loading: true, error: null });
  useEffect(() => {
    if (!ready) return;
    const abort = new AbortController();
    setState((was) => ({ ...was, loading: true }));
    getEmailPreview(sessionId, token, asked || undefined, abort.signal).then(
      (preview) => setState({ preview, previewFor: asked, loading: false, error: null }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState((was) => ({ ...was, loading: false, error: error instanceof Error ? error.message : String(error) }));
      },
    );
    return () => abort.abort();
  }, [sessionId, token, asked, ready, generation]);

  const current = !state.loading && state.error === null && asked === to && state.previewFor === to;
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, current, reload };
}
