import { useEffect, useState } from 'react';
import type { SessionView } from '@roundtable/shared';
import { getSession } from '../api';
import { NamePrompt } from '../people/NamePrompt';
import { rememberName, rememberedName } from '../people/displayName';
import { Workspace } from '../session/Workspace';
import { ProjectorPage } from '../projector/ProjectorPage';

interface SessionPageProps {
  sessionId: string;
  token: string;
  /** `projector`: the room's screen, which asks for no name. */
  view: 'workspace' | 'projector';
}

export function SessionPage({ sessionId, token, view }: SessionPageProps) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(rememberedName);

  useEffect(() => {
    getSession(sessionId, token).then(setSession, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [sessionId, token]);

  if (error) {
    return (
      <main className="page">
        <h1>Cannot open this session</h1>
        <p role="alert" className="error">{error}</p>
      </main>
    );
  }
  if (!session) return <main className="page">Loading…</main>;
  if (view === 'projector') return <ProjectorPage session={session} token={token} />;
  if (!name) {
    return (
      <main className="page">
        <h1>{session.title}</h1>
        <NamePrompt
          onName={(chosen) => {
            rememberName(chosen);
            setName(chosen);
          }}
        />
      </main>
    );
  }
  return <Workspace session={session} token={token} name={name} />;
}
