import type { WebsocketProvider } from 'y-websocket';

/**
 * Makes a y-websocket provider send only this client's own awareness changes.
 *
 * Why: a stock WebsocketProvider sends every awareness update it sees, and it applies what the
 * server relays (and what other tabs pass over the BroadcastChannel) with itself as the origin.
 * So each relayed change went straight back: every follower returned every one of the server's
 * 10 relays a second, 500 followers' worth of traffic for the server to read and drop. The server
 * relays to everyone; it needs from us only what changed here.
 *
 * What is sent is what the stock handler sends (same messages, to the socket and to the
 * BroadcastChannel): ours calls it, for this client's own entry of updates that did not come from
 * the provider.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const sendAsStock = provider._awarenessUpdateHandler;
  const own = provider.awareness.clientID;
  const sendOwn: typeof sendAsStock = (changes, origin) => {
    if (origin === provider) return;
    // Only our own entry: y-protocols also removes peers it has not heard from for 30 s (origin
    // "timeout"), and sending those removals would clear, for everyone, a peer that is merely slow.
    const mine = (ids: number[]) => ids.filter((id) => id === own);
    const ours = { added: mine(changes.added), updated: mine(changes.updated), removed: mine(changes.removed) };
    if (ours.added.length + ours.updated.length + ours.removed.length > 0) sendAsStock(ours, origin);
  };
  provider.awareness.off('update', sendAsStock);
  provider.awareness.on('update', sendOwn);
  // destroy() takes the handler off by this name.
  provider._awarenessUpdateHandler = sendOwn;
}
