import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';

/** Reads a session's live document from outside the browser, as any y-websocket client can. */
export async function readDocument<T>(appUrl: string, sessionId: string, token: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${appUrl.replace(/^http/, 'ws')}/yjs`, sessionId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('document did not sync')), 10_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return read(doc);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}
