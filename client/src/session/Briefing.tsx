import type { SessionView } from '@roundtable/shared';
import { SlotSummary } from './SlotSummary';

/** Where and when (for a session scheduled at an event), and what the proposer wrote: the problem, how to contribute, what to read first. */
export function Briefing({ session }: { session: SessionView }) {
  return (
    <details className="briefing" open>
      <summary>Briefing</summary>
      {session.slot && (
        <>
          <h3>When and where</h3>
          <SlotSummary slot={session.slot} />
        </>
      )}
      {session.problem && (
        <>
          <h3>The problem</h3>
          <p className="prose">{session.problem}</p>
        </>
      )}
      {session.contribute && (
        <>
          <h3>How to contribute</h3>
          <p className="prose">{session.contribute}</p>
        </>
      )}
      {session.preparation.length > 0 && (
        <>
          <h3>Preparation material</h3>
          <ul>
            {session.preparation.map((p, index) => (
              <li key={index}>
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
