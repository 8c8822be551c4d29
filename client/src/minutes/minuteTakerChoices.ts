import { canEdit } from '@roundtable/shared';
import type { Person } from '../people/usePresence';

export interface MinuteTakerChoice {
  name: string;
  label: string;
}

/**
 * Whom the moderator can nominate: the people here with a seat (followers only watch), each name
 * once (one person in two tabs), by name. A minute-taker who has left stays listed, so the
 * select still shows who it is rather than jumping to the first name.
 */
export function minuteTakerChoices(people: readonly Pick<Person, 'name' | 'role' | 'isMe'>[], current: string | null): MinuteTakerChoice[] {
  const byName = new Map<string, MinuteTakerChoice>();
  for (const person of people) {
    if (!canEdit(person.role)) continue;
    const known = byName.get(person.name);
    if (!known || person.isMe) byName.set(person.name, { name: person.name, label: person.isMe ? `${person.name} (you)` : person.name });
  }
  const choices = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (current !== null && !byName.has(current)) choices.push({ name: current, label: `${current} (not here)` });
  return choices;
}
