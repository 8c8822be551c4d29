import type { SessionView } from '@roundtable/shared';

/** What the proposer wrote: the problem, how to contribute, what to read first. */
export function Briefing({ session }: { session: SessionView }) {
  return (
    <details className="briefing" open>
      <summary>Briefing</summary>
      {session.problem && (
        <>
          <h3>The problem</h3>
          <p>{session.problem}</p>
        </>
      )}
      {session.contribute && (
        <>
          <h3>How to contribute</h3>
          <p>{session.contribute}</p>
        </>
      )}
      {session.preparation.length > 0 && (
        <>
          <h3>Preparation material</h3>
          <ul>
            {session.preparation.map((p) => (
              <li key={p.url}>
                <a href={p.url} target="_blank" rel="noopener noreferrer nofollow">
                  {p.label ?? p.url}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
