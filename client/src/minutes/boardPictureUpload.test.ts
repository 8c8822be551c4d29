import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TLShapeId } from 'tldraw';
import { MAX_BOARD_PICTURE_BYTES, type PictureEditor } from '../board/boardPicture';
import { uploadBoardPicture } from './boardPictureUpload';

/** A stand-in for tldraw's Editor: a page of shapes, and an exporter whose PNG size depends on the pixel ratio. */
function fakeEditor(shapes: string[], sizeAt: (pixelRatio: number) => number = () => 1000) {
  const toImage = vi.fn(async (_ids: unknown, opts?: { pixelRatio?: number }) => ({
    blob: new Blob([new Uint8Array(sizeAt(opts?.pixelRatio ?? 2))], { type: 'image/png' }),
    width: 10,
    height: 10,
  }));
  const editor = { getCurrentPageShapeIds: () => new Set(shapes as TLShapeId[]), toImage } as unknown as PictureEditor;
  return { editor, toImage };
}

afterEach(() => vi.useRealTimers());

describe('uploadBoardPicture', () => {
  it('draws every shape of the page with tldraw’s exporter and sends the PNG', async () => {
    const { editor, toImage } = fakeEditor(['shape:a', 'shape:b']);
    const put = vi.fn(async () => {});
    expect(await uploadBoardPicture({ editor, put, timeoutMs: 1000 })).toBe('uploaded');
    expect(toImage).toHaveBeenCalledWith(['shape:a', 'shape:b'], expect.objectContaining({ format: 'png', background: true, padding: 32, darkMode: false }));
    expect((put.mock.calls[0] as unknown[])[0]).toBeInstanceOf(Blob);
  });

  it('sends an empty body for an empty page, without asking tldraw (it cannot export nothing)', async () => {
    const { editor, toImage } = fakeEditor([]);
    const put = vi.fn(async () => {});
    expect(await uploadBoardPicture({ editor, put, timeoutMs: 1000 })).toBe('empty');
    expect(put).toHaveBeenCalledWith(null, expect.any(AbortSignal));
    expect(toImage).not.toHaveBeenCalled();
  });

  it('draws a board too big for the server again, smaller', async () => {
    const { editor, toImage } = fakeEditor(['shape:a'], (ratio) => (ratio >= 2 ? MAX_BOARD_PICTURE_BYTES + 1 : 100));
    const put = vi.fn(async () => {});
    expect(await uploadBoardPicture({ editor, put, timeoutMs: 1000 })).toBe('uploaded');
    expect(toImage.mock.calls.map(([, opts]) => opts?.pixelRatio)).toEqual([2, 1]);
    expect(((put.mock.calls[0] as unknown[])[0] as Blob).size).toBe(100);
  });

  it('sends nothing when even the smallest drawing is too big, or before the board is up', async () => {
    const put = vi.fn(async () => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { editor } = fakeEditor(['shape:a'], () => MAX_BOARD_PICTURE_BYTES + 1);
    expect(await uploadBoardPicture({ editor, put, timeoutMs: 1000 })).toBe('failed');
    expect(await uploadBoardPicture({ editor: null, put, timeoutMs: 1000 })).toBe('no-board');
    expect(put).not.toHaveBeenCalled();
  });

  it('reports a failed upload without throwing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { editor } = fakeEditor(['shape:a']);
    expect(await uploadBoardPicture({ editor, put: () => Promise.reject(new Error('413')), timeoutMs: 1000 })).toBe('failed');
  });

  it('gives up after the timeout and cancels the upload', async () => {
    vi.useFakeTimers();
    const { editor } = fakeEditor(['shape:a']);
    let signal: AbortSignal | null = null;
    const put = (_png: Blob | null, s: AbortSignal) => {
      signal = s;
      return new Promise<void>(() => {}); // a server that never answers
    };
    const outcome = uploadBoardPicture({ editor, put, timeoutMs: 4000 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(await outcome).toBe('timed-out');
    expect(signal!.aborted).toBe(true);
  });
});
