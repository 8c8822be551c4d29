import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider, messageAwareness } from 'y-websocket';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { sendOwnAwarenessOnly } from './sendOwnAwarenessOnly';

const made: { destroy(): void }[] = [];
afterEach(() => made.splice(0).reverse().forEach((m) => m.destroy()));

/** A real provider that never connects, on a stand-in socket that records what it is sent. */
function provider({ ownOnly }: { ownOnly: boolean }) {
  const doc = new Y.Doc();
  // Node 20 has no WebSocket: the provider needs a class to hold, and never uses it (connect: false).
  const WebSocketPolyfill = class {} as unknown as typeof WebSocket;
  const p = new WebsocketProvider('ws://localhost/yjs', 'session', doc, { connect: false, WebSocketPolyfill, disableBc: true });
  made.push(doc, p);
  if (ownOnly) sendOwnAwarenessOnly(p);
  const send = vi.fn<(message: Uint8Array) => void>();
  p.ws = { send, close: () => {}, readyState: 1, OPEN: 1 } as unknown as WebSocket; // ready state open
  p.wsconnected = true;
  return { provider: p, send };
}

/** What the server relays: another client's state, applied as y-websocket applies it (the provider as origin). */
function relayFromServer(to: WebsocketProvider, name: string) {
  const other = new Awareness(new Y.Doc());
  made.push(other);
  other.setLocalStateField('user', { name });
  applyAwarenessUpdate(to.awareness, encodeAwarenessUpdate(other, [other.clientID]), to);
}

/** y-websocket's awareness message: its type, then the update with its length (a one-byte varuint below 128). */
function awarenessMessage(update: Uint8Array): Uint8Array {
  expect(update.length).toBeLessThan(128);
  return Uint8Array.from([messageAwareness, update.length, ...update]);
}

describe('sendOwnAwarenessOnly', () => {
  it('shows the stock provider sending a relayed state back', () => {
    const { provider: p, send } = provider({ ownOnly: false });
    relayFromServer(p, 'Eve');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends no relayed state back, and this client’s changes as the stock provider does', () => {
    const { provider: p, send } = provider({ ownOnly: true });
    relayFromServer(p, 'Eve');
    relayFromServer(p, 'Sam');
    expect(p.awareness.getStates().size).toBe(3);
    expect(send).not.toHaveBeenCalled();

    p.awareness.setLocalStateField('user', { name: 'Mo' });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toEqual(awarenessMessage(encodeAwarenessUpdate(p.awareness, [p.awareness.clientID])));

    p.destroy(); // takes our handler off, as it did the stock one
    send.mockClear();
    p.awareness.setLocalStateField('user', { name: 'Mo again' });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends no removal of a peer it timed out, only its own', () => {
    const { provider: p, send } = provider({ ownOnly: true });
    relayFromServer(p, 'Eve');
    const eve = [...p.awareness.getStates().keys()].find((id) => id !== p.awareness.clientID)!;
    removeAwarenessStates(p.awareness, [eve], 'timeout'); // what y-protocols does after 30 s without news
    expect(send).not.toHaveBeenCalled();
    removeAwarenessStates(p.awareness, [p.awareness.clientID], 'local');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
