import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { changesPeople, peopleIn, type Person } from './presentPeople';

export type { Person } from './presentPeople';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Everyone connected to the session right now, from awareness; a new list only when someone joins, leaves or is renamed. */
export function usePresence(awareness: Awareness | undefined): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!awareness) return;
    let shown = new Map<number, Person>();
    const read = () => {
      const list = peopleIn(awareness);
      shown = new Map(list.map((person) => [person.clientId, person]));
      setPeople(list);
    };
    const onChange = ({ added, updated, removed }: AwarenessChange) => {
      if (changesPeople(shown, awareness, [...added, ...updated, ...removed])) read();
    };
    read();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return people;
}
