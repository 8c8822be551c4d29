import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { changesPeople, peopleIn, type Person } from './presentPeople';

const made: Awareness[] = [];
afterEach(() => made.splice(0).forEach((a) => a.destroy()));

function client(fields: Record<string, unknown>): Awareness {
  const awareness = new Awareness(new Y.Doc());
  made.push(awareness);
  for (const [field, value] of Object.entries(fields)) awareness.setLocalStateField(field, value);
  return awareness;
}

const relay = (from: Awareness, to: Awareness) => applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
const byId = (people: Person[]) => new Map(people.map((p) => [p.clientId, p]));

describe('presentPeople', () => {
  it('lists everyone named with a role, me first, then by name', () => {
    const me = client({ user: { name: 'Zoe', color: '#f00' }, role: 'moderator' });
    for (const fields of [{ user: { name: 'Bob' }, role: 'attendee' }, { user: { name: 'Ann' }, role: 'follower' }, { role: 'follower' }]) {
      relay(client(fields), me);
    }
    expect(peopleIn(me).map((p) => [p.name, p.colour, p.role, p.isMe])).toEqual([
      ['Zoe', '#f00', 'moderator', true],
      ['Ann', '#666', 'follower', false],
      ['Bob', '#666', 'attendee', false],
    ]);
  });

  it('sees no change in a cursor moving, and one in a join, a rename or a leave', () => {
    const me = client({ user: { name: 'Zoe' }, role: 'moderator' });
    const bob = client({ user: { name: 'Bob', color: '#00f' }, role: 'attendee' });
    relay(bob, me);
    const shown = byId(peopleIn(me));

    for (let x = 0; x < 50; x++) {
      bob.setLocalStateField('presence', { cursor: { x, y: 0 } });
      relay(bob, me);
      expect(changesPeople(shown, me, [bob.clientID])).toBe(false);
    }
    const projector = client({ role: 'follower' });
    relay(projector, me);
    expect(changesPeople(shown, me, [projector.clientID])).toBe(false); // nobody to list

    bob.setLocalStateField('user', { name: 'Bob', color: '#0f0' });
    relay(bob, me);
    expect(changesPeople(shown, me, [bob.clientID])).toBe(true);
    const ann = client({ user: { name: 'Ann' }, role: 'follower' });
    relay(ann, me);
    expect(changesPeople(shown, me, [ann.clientID])).toBe(true);
    removeAwarenessStates(me, [bob.clientID], 'remote');
    expect(changesPeople(byId(peopleIn(me)), me, [])).toBe(false);
    expect(changesPeople(shown, me, [bob.clientID])).toBe(true);
  });
});
