import type { Person } from './usePresence';

/**
 * Who is in the room, and below it, folded, who follows from afar: a session may have hundreds
 * of remote followers, and the room's thirty should not drown in them. Followers' presence only
 * reaches people in the room (the server relays it to them alone), so a follower sees the room
 * and itself.
 */
export function PresenceList({ people }: { people: Person[] }) {
  const inRoom = people.filter((p) => p.role !== 'follower');
  const remote = people.filter((p) => p.role === 'follower');
  return (
    <section className="presence" aria-label="Who is here">
      <h2>Here now ({inRoom.length})</h2>
      <People people={inRoom} />
      {remote.length > 0 && (
        <details className="remote-people">
          <summary data-testid="remote-count">Following remotely ({remote.length})</summary>
          <People people={remote} />
        </details>
      )}
    </section>
  );
}

function People({ people }: { people: Person[] }) {
  return (
    <ul>
      {people.map((p) => (
        <li key={p.clientId}>
          <span className="dot" style={{ background: p.colour }} />
          {p.name}
          {p.isMe ? ' (you)' : ''} <span className="role">{p.role}</span>
        </li>
      ))}
    </ul>
  );
}
