import type * as Y from 'yjs';
import { connectClient, type Client } from './helpers.js';

/** The editors of the crash tests, each appending to an array of its own name. */
export const EDITORS = ['e0', 'e1', 'e2', 'e3'];

/**
 * An editor appending `name:n` entries to its own array every 2 ms once started, and recording
 * what it saw of the others: what a crash must not lose. Its client goes into `clients` for cleanup.
 */
export function editor(url: string, sessionId: string, token: string, name: string, clients: Client[]) {
  const c = connectClient(url, sessionId, token);
  clients.push(c);
  const seenFromOthers = new Set<string>();
  for (const other of EDITORS) {
    if (other === name) continue;
    c.doc.getArray<string>(other).observe((event) => {
      if (event.transaction.local) return;
      for (const change of event.changes.delta) for (const item of (change.insert as string[] | undefined) ?? []) seenFromOthers.add(item);
    });
  }
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    client: c,
    seenFromOthers,
    start() {
      timer = setInterval(() => c.doc.getArray<string>(name).push([`${name}:${n++}`]), 2);
    },
    stop() {
      clearInterval(timer);
      c.provider.shouldConnect = false;
      c.provider.disconnect();
    },
  };
}

/** Every entry of every editor's array in `doc`. */
export function allEntries(doc: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const name of EDITORS) for (const item of doc.getArray<string>(name).toArray()) out.add(item);
  return out;
}
