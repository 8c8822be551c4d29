import type { Editor } from 'tldraw';

/** The server's limit for the picture (MAX_BOARD_IMAGE_BYTES in the minutes router). */
export const MAX_BOARD_PICTURE_BYTES = 8 * 1024 * 1024;

/** Sharp on a laptop screen first; a board too big for the limit is drawn again, smaller. */
const PIXEL_RATIOS = [2, 1, 0.5] as const;

/** The part of tldraw's Editor the picture needs (a test can stand in for it). */
export type PictureEditor = Pick<Editor, 'getCurrentPageShapeIds' | 'toImage'>;

export class BoardPictureTooLargeError extends Error {}

/**
 * The current page as a PNG, drawn by tldraw's own exporter (what its "Export as PNG" does), or
 * null for an empty page: tldraw cannot export nothing, and the email then goes without a picture.
 * Always light, whatever the viewer's theme: it is read in a mail client.
 */
export async function renderBoardPicture(editor: PictureEditor): Promise<Blob | null> {
  const ids = [...editor.getCurrentPageShapeIds()];
  if (ids.length === 0) return null;
  for (const pixelRatio of PIXEL_RATIOS) {
    const { blob } = await editor.toImage(ids, { format: 'png', background: true, padding: 32, darkMode: false, pixelRatio });
    if (blob.size <= MAX_BOARD_PICTURE_BYTES) return blob;
  }
  throw new BoardPictureTooLargeError('the board is too large for a picture in the email');
}
