import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { checkAwarenessState, hasAwarenessNews, readAwarenessEntries } from './awarenessEntries.js';

function peer(): awarenessProtocol.Awareness {
  return new awarenessProtocol.Awareness(new Y.Doc());
}

function serverKnowing(...peers: awarenessProtocol.Awareness[]): awarenessProtocol.Awareness {
  const server = peer();
  server.setLocalState(null);
  for (const p of peers) awarenessProtocol.applyAwarenessUpdate(server, awarenessProtocol.encodeAwarenessUpdate(p, [p.clientID]), 'test');
  return server;
}

const updateOf = (p: awarenessProtocol.Awareness, ids = [p.clientID]) => awarenessProtocol.encodeAwarenessUpdate(p, ids);

describe('hasAwarenessNews', () => {
  it('sees a client it does not know, a changed state and a renewal (each a newer clock)', () => {
    const alice = peer();
    alice.setLocalState({ user: { name: 'Alice' } });
    const server = serverKnowing();
    expect(hasAwarenessNews(server, updateOf(alice))).toBe(true);
    awarenessProtocol.applyAwarenessUpdate(server, updateOf(alice), 'test');
    alice.setLocalStateField('cursor', { x: 1 });
    expect(hasAwarenessNews(server, updateOf(alice))).toBe(true);
    awarenessProtocol.applyAwarenessUpdate(server, updateOf(alice), 'test');
    alice.setLocalState(alice.getLocalState()); // what the 15 s renewal does
    expect(hasAwarenessNews(server, updateOf(alice))).toBe(true);
  });

  it('ignores an echo: the same clocks sent back, as a stock client does with every relay', () => {
    const alice = peer();
    const bob = peer();
    alice.setLocalState({ user: { name: 'Alice' } });
    bob.setLocalState({ user: { name: 'Bob' } });
    const server = serverKnowing(alice, bob);
    // Bob received Alice's state from the server and sends it back unchanged
    awarenessProtocol.applyAwarenessUpdate(bob, updateOf(alice), 'server');
    expect(hasAwarenessNews(server, updateOf(bob, [alice.clientID]))).toBe(false);
    expect(hasAwarenessNews(server, updateOf(bob, [alice.clientID, bob.clientID]))).toBe(false);
    // ...and one entry with news among echoes is enough
    bob.setLocalStateField('cursor', { x: 2 });
    expect(hasAwarenessNews(server, updateOf(bob, [alice.clientID, bob.clientID]))).toBe(true);
  });

  it('sees a removal at the known clock, and only of a state the server still has', () => {
    const alice = peer();
    alice.setLocalState({ user: { name: 'Alice' } });
    const bob = peer();
    const server = serverKnowing(alice);
    awarenessProtocol.applyAwarenessUpdate(bob, updateOf(alice), 'server');
    // Bob timed Alice out: his update says null at the clock he knew, which removes her (y-protocols' rule)
    awarenessProtocol.removeAwarenessStates(bob, [alice.clientID], 'timeout');
    const removal = updateOf(bob, [alice.clientID]);
    expect(hasAwarenessNews(server, removal)).toBe(true);
    awarenessProtocol.applyAwarenessUpdate(server, removal, 'test');
    expect(server.getStates().has(alice.clientID)).toBe(false);
    expect(hasAwarenessNews(server, removal)).toBe(false);
  });

  it('agrees with applyAwarenessUpdate on every case above: news exactly when it emits an update', () => {
    const alice = peer();
    alice.setLocalState({ n: 1 });
    const server = serverKnowing();
    const updates = [updateOf(alice), updateOf(alice)];
    alice.setLocalState({ n: 2 });
    updates.push(updateOf(alice), updateOf(alice));
    alice.setLocalState(null);
    updates.push(updateOf(alice), updateOf(alice));
    for (const update of updates) {
      let emitted = false;
      const onUpdate = () => (emitted = true);
      server.on('update', onUpdate);
      const news = hasAwarenessNews(server, update);
      awarenessProtocol.applyAwarenessUpdate(server, update, 'test');
      server.off('update', onUpdate);
      expect(news).toBe(emitted);
    }
  });

  it('throws on a truncated update, as applying it would', () => {
    const alice = peer();
    alice.setLocalState({ user: { name: 'Alice' } });
    const update = updateOf(alice);
    expect(() => hasAwarenessNews(serverKnowing(), update.subarray(0, update.length - 3))).toThrow();
  });
});

describe('readAwarenessEntries and checkAwarenessState', () => {
  /** Varints lib0 decodes as Infinity and NaN (writing Infinity back never returns). */
  const INFINITY = [...new Array<number>(147).fill(0x80), 0x01];
  const NAN = [...new Array<number>(150).fill(0x80), 0x00];
  const STATE = [...new TextEncoder().encode('{}')];

  it('refuses client ids and clocks that are not safe integers', () => {
    const cases = [
      [1, ...INFINITY, 1, STATE.length, ...STATE], // client id Infinity
      [1, ...NAN, 1, STATE.length, ...STATE],
      [1, 7, ...INFINITY, STATE.length, ...STATE], // clock Infinity
      [1, 7, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10, STATE.length, ...STATE], // clock 2^53
    ];
    for (const update of cases) expect(() => readAwarenessEntries(new Uint8Array(update))).toThrow(/out of range/);
    const fine = [1, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, STATE.length, ...STATE]; // a 32-bit client id, as y-websocket's
    expect(readAwarenessEntries(new Uint8Array(fine))).toEqual([{ clientId: 2 ** 32 - 1, clock: 1, state: new Uint8Array(STATE) }]);
  });

  it('refuses a state nested too deeply to be relayed: JSON.stringify would overflow on every relay and join', () => {
    const state = (json: string) => ({ clientId: 1, clock: 1, state: new TextEncoder().encode(json) });
    expect(() => checkAwarenessState(state('{"user":{"name":"Ada","cursor":{"x":[1,2]}}}'))).not.toThrow();
    expect(() => checkAwarenessState(state('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)))).toThrow(/nested too deeply/);
    expect(() => checkAwarenessState(state('{"a":'))).toThrow(/not JSON/);
  });
});
