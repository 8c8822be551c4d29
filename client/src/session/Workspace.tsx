import { Suspense, lazy, useEffect, useMemo } from 'react';
import { canEdit, DOCUMENT_LAYOUT, type SessionView } from '@roundtable/shared';
import { useControl } from '../control/useControl';
import { useMinutesStatus } from '../minutes/useMinutesStatus';
import { AskQuestion } from '../questions/AskQuestion';
import { QuestionQueue } from '../questions/QuestionQueue';
import { askerId } from '../questions/askerId';
import { MinutesBar } from '../minutes/MinutesBar';
import { MinutesEditor } from '../minutes/MinutesEditor';
import { useBoardPicture } from '../minutes/useBoardPicture';
import { PresenceList } from '../people/PresenceList';
import { usePresence } from '../people/usePresence';
import { colourFor } from '../people/displayName';
import { useSessionDocument } from '../sync/useSessionDocument';
import { useServerSynced } from '../sync/useServerSynced';
import { TimerBar } from '../timer/TimerBar';
import { Briefing } from './Briefing';
import { PanelBoundary } from './PanelBoundary';

// tldraw is most of the page's JavaScript: it loads beside the minutes, not before them.
const FollowingBoard = lazy(() => import('../follow/FollowingBoard'));
import { SyncBadge } from './SyncBadge';

export function Workspace({ session, token, name }: { session: SessionView; token: string; name: string }) {
  const { session: live, status } = useSessionDocument(session.id, token);
  const user = useMemo(() => ({ name, color: colourFor(name) }), [name]);
  const synced = useServerSynced(live?.provider);
  const editable = canEdit(session.role);
  const people = usePresence(live?.provider.awareness);
  const follower = session.role === 'follower';
  const asker = useMemo(() => (follower ? askerId() : undefined), [follower]);
  // One control socket for the page: the timer, the minutes' status and the questions share it.
  const control = useControl(token, name, asker);
  const minutesStatus = useMinutesStatus(control?.minutes ?? null);
  // The moderator and the minute-taker work through the questions.
  const managesQuestions = session.role === 'moderator' || (session.role === 'attendee' && minutesStatus?.minuteTaker === name);
  const boardPicture = useBoardPicture(session.id, token, editable);

  useEffect(() => {
    if (!live) return;
    live.provider.awareness.setLocalStateField('role', session.role);
    if (!editable) return;
    // Everyone who took a seat goes into the document, for the minutes' attendee list.
    const addMe = (synced: boolean) => {
      if (!synced) return;
      const attendees = live.doc.getMap(DOCUMENT_LAYOUT.attendees);
      if (!attendees.has(name)) attendees.set(name, { role: session.role, firstSeenAt: new Date().toISOString() });
    };
    live.provider.on('sync', addMe);
    if (live.provider.synced) addMe(true);
    return () => live.provider.off('sync', addMe);
  }, [live, name, editable, session.role]);

  return (
    <div className="workspace">
      <header className="workspace-header">
        <h1>{session.title}</h1>
        <span className="you">
          {name} · <strong data-testid="role">{session.role}</strong>
        </span>
        <SyncBadge status={status} />
        {follower && (
          <a className="ask-link" href="#ask">
            Ask a question
          </a>
        )}
        <TimerBar connection={control?.timer ?? null} role={session.role} />
      </header>
      <div className="workspace-body">
        <aside className="sidebar">
          {follower && <AskQuestion connection={control?.questions ?? null} name={name} />}
          {managesQuestions && (
            <QuestionQueue connection={control?.questions ?? null} doc={live?.doc ?? null} synced={synced} />
          )}
          <Briefing session={session} />
          <PresenceList people={people} />
        </aside>
        {live && (
          <div className="work-area">
            <PanelBoundary what="the whiteboard">
              <Suspense fallback={<section className="board panel" aria-label="Whiteboard">Loading the whiteboard…</section>}>
                <FollowingBoard
                  role={session.role}
                  sessionId={session.id}
                  token={token}
                  session={live}
                  user={user}
                  readOnly={!editable}
                  onEditor={boardPicture.onEditor}
                />
              </Suspense>
            </PanelBoundary>
            <PanelBoundary what="the minutes">
              <MinutesEditor
                session={live}
                user={user}
                editable={editable}
                bar={
                  <MinutesBar
                    session={session}
                    token={token}
                    people={people}
                    connection={control?.minutes ?? null}
                    boardPicture={boardPicture}
                  />
                }
              />
            </PanelBoundary>
          </div>
        )}
      </div>
    </div>
  );
}
