import type { Awareness } from 'y-protocols/awareness';
import { isRole, type Role } from '@roundtable/shared';

export interface Person {
  clientId: number;
  name: string;
  colour: string;
  role: Role;
  isMe: boolean;
}

interface PresenceState {
  user?: { name?: unknown; color?: unknown };
  role?: unknown;
}

/** One client's entry in the list; null for a state that names nobody with a role (a projector). */
export function personOf(state: PresenceState | undefined, clientId: number, selfClientId: number): Person | null {
  const name = typeof state?.user?.name === 'string' ? state.user.name : null;
  if (!name || !isRole(state?.role)) return null;
  const colour = typeof state.user?.color === 'string' ? state.user.color : '#666';
  return { clientId, name, colour, role: state.role, isMe: clientId === selfClientId };
}

/** Everyone connected to the session, from awareness: this client first, then by name. */
export function peopleIn(awareness: Awareness): Person[] {
  const list: Person[] = [];
  awareness.getStates().forEach((state: PresenceState, clientId) => {
    const person = personOf(state, clientId, awareness.clientID);
    if (person) list.push(person);
  });
  return list.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
}

/**
 * Whether a change of these clients' states alters the list `shown` (by client id). Awareness
 * changes with every cursor frame of anyone; most of them change no one's name, colour or role,
 * and then this is all the work done: a look at the changed states, none at the other 500.
 */
export function changesPeople(shown: ReadonlyMap<number, Person>, awareness: Awareness, changed: readonly number[]): boolean {
  const states = awareness.getStates() as Map<number, PresenceState>;
  return changed.some((clientId) => {
    const now = personOf(states.get(clientId), clientId, awareness.clientID);
    const before = shown.get(clientId);
    if (!now || !before) return now !== (before ?? null);
    return now.name !== before.name || now.colour !== before.colour || now.role !== before.role;
  });
}
