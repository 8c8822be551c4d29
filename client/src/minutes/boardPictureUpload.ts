import { renderBoardPicture, type PictureEditor } from '../board/boardPicture';

/** What became of a picture upload; only `uploaded` and `empty` changed what the email carries. */
export type BoardPictureOutcome = 'uploaded' | 'empty' | 'no-board' | 'timed-out' | 'failed';

export interface BoardPictureUpload {
  /** Null while the board (a lazy chunk) is not up yet: nothing to draw, so nothing is sent. */
  editor: PictureEditor | null;
  /** Sends the PNG, or null for an empty board. */
  put: (png: Blob | null, signal: AbortSignal) => Promise<void>;
  timeoutMs: number;
}

/**
 * Draws the board and stores it for the email, giving up after `timeoutMs`: it runs before a
 * download or the email preview, and a slow or broken export must not hold either up. The email
 * then carries the last picture that did arrive. Never rejects.
 */
export async function uploadBoardPicture({ editor, put, timeoutMs }: BoardPictureUpload): Promise<BoardPictureOutcome> {
  if (!editor) return 'no-board';
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('timed-out');
    }, timeoutMs);
  });
  const upload = (async (): Promise<BoardPictureOutcome> => {
    const png = await renderBoardPicture(editor);
    // Drawing may have used up the time: a late picture must not overwrite a newer one.
    if (abort.signal.aborted) return 'timed-out';
    await put(png, abort.signal);
    return png ? 'uploaded' : 'empty';
  })().catch((error: unknown): BoardPictureOutcome => {
    if (abort.signal.aborted) return 'timed-out';
    console.warn('[minutes] the board picture was not stored:', error);
    return 'failed';
  });
  try {
    return await Promise.race([upload, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
