import type { Person } from './usePresence';

export function PresenceList({ people }: { people: Person[] }) {
  return (
    <section className="presence" aria-label="Who is here">
      <h2>Here now ({people.length})</h2>
      <ul>
        {people.map((p) => (
          <li key={p.clientId}>
            <span className="dot" style={{ background: p.colour }} />
            {p.name}
            {p.isMe ? ' (you)' : ''} <span className="role">{p.role}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
