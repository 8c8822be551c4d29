import { useState, type FormEvent } from 'react';
import type { CreatedSession } from '@roundtable/shared';
import { createSession } from '../api';
import { CreateEventForm } from '../events/CreateEventForm';
import { projectorLink } from '../projector/projectorLink';

const ROLE_HINTS = {
  moderator: 'Keep this one: it runs the session.',
  attendee: 'For people in the room: they edit the board and the minutes.',
  follower: 'For remote participants: read-only, live.',
} as const;

export function HomePage() {
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState(50);
  const [created, setCreated] = useState<CreatedSession | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await createSession({ title, durationMinutes: minutes }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <main className="page">
      <h1>Roundtable</h1>
      <p className="lead">A live whiteboard and shared minutes for design and problem-solving sessions.</p>
      <form onSubmit={submit} className="card">
        <label>
          Session title
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </label>
        <label>
          Duration (minutes)
          <input type="number" min={1} max={480} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </label>
        <button type="submit">Create session</button>
        {error && <p role="alert" className="error">{error}</p>}
      </form>
      {created && (
        <section className="card" aria-label="Session links">
          <h2>{created.title}</h2>
          <ul className="links">
            {(['moderator', 'attendee', 'follower'] as const).map((role) => (
              <li key={role}>
                <a href={created.links[role]}>{role} link</a> <span className="hint">{ROLE_HINTS[role]}</span>
              </li>
            ))}
            <li>
              <a href={projectorLink(created.links.follower)}>projector link</a>{' '}
              <span className="hint">For the screen in the room: the moderator’s view of the board and a large timer.</span>
            </li>
          </ul>
        </section>
      )}
      <CreateEventForm />
    </main>
  );
}
