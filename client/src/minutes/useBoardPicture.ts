import { useCallback, useRef } from 'react';
import type { Editor } from 'tldraw';
import { putBoardPicture } from './minutesApi';
import { uploadBoardPicture, type BoardPictureOutcome } from './boardPictureUpload';

/** Long enough to draw and send a busy board, short enough that a download does not seem stuck. */
export const BOARD_PICTURE_TIMEOUT_MS = 4000;

export type BoardPictureResult = BoardPictureOutcome | 'not-allowed';

export interface BoardPicture {
  /** For Board's `onEditor`: keeps the editor while tldraw is up. */
  onEditor: (editor: Editor) => () => void;
  /** Stores the board's current picture for the email; never rejects. */
  upload: () => Promise<BoardPictureResult>;
}

/**
 * The board's picture for the minutes email. Only people with a seat store it (followers cannot
 * change the minutes). Only a type comes from tldraw here: the board stays a lazy chunk.
 */
export function useBoardPicture(sessionId: string, token: string, canUpload: boolean): BoardPicture {
  const editor = useRef<Editor | null>(null);
  const inFlight = useRef<Promise<BoardPictureResult> | null>(null);

  const onEditor = useCallback((mounted: Editor) => {
    editor.current = mounted;
    return () => {
      if (editor.current === mounted) editor.current = null;
    };
  }, []);

  const upload = useCallback((): Promise<BoardPictureResult> => {
    if (!canUpload) return Promise.resolve('not-allowed');
    // Two clicks in a row share one upload: two racing PUTs could land in either order.
    if (inFlight.current) return inFlight.current;
    const started = uploadBoardPicture({
      editor: editor.current,
      put: (png, signal) => putBoardPicture(sessionId, token, png, signal),
      timeoutMs: BOARD_PICTURE_TIMEOUT_MS,
    }).finally(() => {
      inFlight.current = null;
    });
    inFlight.current = started;
    return started;
  }, [sessionId, token, canUpload]);

  return { onEditor, upload };
}
