import { useEffect, useState } from 'react';
import type { SessionView } from '@roundtable/shared';
import { getSession } from '../api';

export function SessionPage({ sessionId, token }: { sessionId: string; token: string }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [error, setError] = useState<string | null>(null);

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
  return (
    <main className="page">
      <h1>{session.title}</h1>
      <p>
        You are the <strong data-testid="role">{session.role}</strong>
        {session.moderatorName ? ` · moderated by ${session.moderatorName}` : ''} · {session.durationMinutes} minutes
      </p>
      {session.problem && <p className="problem">{session.problem}</p>}
    </main>
  );
}
