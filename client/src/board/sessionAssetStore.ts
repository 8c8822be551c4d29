import type { TLAssetStore } from 'tldraw';

const OWN_ASSET = /^\/api\/sessions\/[^/]+\/assets\/[^/?]+$/;

/**
 * Images on the board live on our server, never as data URLs in the document: pasting uploads
 * the file, and the document keeps its path. Reading needs a token of the session, added here,
 * so every participant's link works for the same path.
 */
export function sessionAssetStore(sessionId: string, token: string): TLAssetStore {
  return {
    async upload(_asset, file) {
      const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/assets`, {
        method: 'POST',
        headers: { 'content-type': file.type, authorization: `Bearer ${token}` },
        body: file,
      });
      const body = (await res.json().catch(() => ({}))) as { url?: string; error?: string };
      if (!res.ok || !body.url) throw new Error(body.error ?? `upload failed (${res.status})`);
      return { src: body.url };
    },
    resolve(asset) {
      const src = asset.props.src;
      // Anything else (an outside address, a data URL) is not shown: the page never leaves our origin.
      if (!src || !OWN_ASSET.test(src)) return null;
      return `${src}?token=${encodeURIComponent(token)}`;
    },
  };
}
