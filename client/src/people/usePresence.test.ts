// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { usePresence, type Person } from './usePresence';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
const made: Awareness[] = [];
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  made.splice(0).forEach((a) => a.destroy());
});

function client(name: string, role: string): Awareness {
  const awareness = new Awareness(new Y.Doc());
  made.push(awareness);
  awareness.setLocalStateField('user', { name });
  awareness.setLocalStateField('role', role);
  return awareness;
}

const relay = (from: Awareness, to: Awareness) => act(() => applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote'));

describe('usePresence', () => {
  it('renders again when someone joins or is renamed, not when a cursor moves', () => {
    const me = client('Zoe', 'moderator');
    const bob = client('Bob', 'attendee');
    const lists: Person[][] = [];
    const Probe = () => {
      lists.push(usePresence(me));
      return null;
    };
    document.body.innerHTML = '<div id="host"></div>';
    root = createRoot(document.getElementById('host')!);
    act(() => root!.render(createElement(Probe)));
    relay(bob, me);
    const renders = lists.length;
    expect(lists.at(-1)!.map((p) => p.name)).toEqual(['Zoe', 'Bob']);

    for (let x = 0; x < 20; x++) {
      bob.setLocalStateField('presence', { cursor: { x, y: 0 } });
      relay(bob, me);
    }
    expect(lists.length).toBe(renders);
    bob.setLocalStateField('user', { name: 'Bobby' });
    relay(bob, me);
    expect(lists.length).toBe(renders + 1);
    expect(lists.at(-1)!.map((p) => p.name)).toEqual(['Zoe', 'Bobby']);
  });
});
