import { react, type Editor } from 'tldraw';

/**
 * Writes the board's camera and the part of the page it shows onto an element, as attributes
 * (`data-camera` "x,y,z", `data-viewport` "x,y,w,h" in page units). They change every frame while
 * following; straight to the DOM, not through React. What people see can then be checked from
 * outside (the end-to-end tests) without reaching into tldraw.
 */
export function reportViewport(editor: Editor, element: () => Element | null): () => void {
  return react('report viewport', () => {
    const { x, y, z } = editor.getCamera();
    const view = editor.getViewportPageBounds();
    const target = element();
    target?.setAttribute('data-camera', `${Math.round(x)},${Math.round(y)},${z.toFixed(3)}`);
    target?.setAttribute('data-viewport', [view.x, view.y, view.w, view.h].map((n) => Math.round(n)).join(','));
  });
}
