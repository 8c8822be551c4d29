import { useEffect, useState } from 'react';
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

/** Everyone connected to the session right now, from awareness. */
export function usePresence(awareness: Awareness | undefined): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const list: Person[] = [];
      awareness.getStates().forEach((state: PresenceState, clientId) => {
        const name = typeof state.user?.name === 'string' ? state.user.name : null;
        if (!name || !isRole(state.role)) return;
        const colour = typeof state.user?.color === 'string' ? state.user.color : '#666';
        list.push({ clientId, name, colour, role: state.role, isMe: clientId === awareness.clientID });
      });
      list.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
      setPeople(list);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return people;
}
