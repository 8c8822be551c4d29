import { useState, type FormEvent } from 'react';
import type { EventInfo, ProposalInfo } from '@roundtable/shared';
import { conflictMessage, conflictOf } from './conflictMessage';
import { getSchedule, scheduleProposal } from './eventsApi';
import type { PublicSession, ScheduleResult } from './eventTypes';
import { Field } from './Field';
import { roomOptionText } from './RoomLabel';
import { failureText } from './useLoad';
import { localInputToIso, msToLocalInput } from './zonedInput';

interface ScheduleFormProps {
  event: EventInfo;
  proposal: ProposalInfo;
  organizerToken: string;
  /** The schedule as the page knows it, to name the session in the way of a room-taken conflict. */
  sessions: readonly PublicSession[];
  onScheduled: (result: ScheduleResult) => void;
  /** The schedule changed under the organizer (another organizer placed a session): reload the page's view. */
  onStale: () => void;
}

/** Places a proposal: a room and a start on the event's clocks, whatever the organizer's own zone. */
export function ScheduleForm({ event, proposal, organizerToken, sessions, onScheduled, onStale }: ScheduleFormProps) {
  const zone = event.timezone;
  const [roomId, setRoomId] = useState(event.rooms[0]?.id ?? '');
  const [start, setStart] = useState(() => msToLocalInput(Date.parse(event.startsAt), zone));
  const [startError, setStartError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const startsAt = localInputToIso(start, zone);
    setStartError(startsAt === null ? 'choose a date and time' : undefined);
    if (startsAt === null) return;
    setBusy(true);
    try {
      onScheduled(await scheduleProposal(event.id, proposal.id, organizerToken, { roomId, startsAt }));
    } catch (error) {
      setProblem(await explain(error));
    } finally {
      setBusy(false);
    }
  }

  async function explain(error: unknown): Promise<string> {
    const conflict = conflictOf(error);
    if (!conflict) return failureText(error);
    let takenBy = sessions.find((s) => s.id === conflict.sessionId);
    if (conflict.sessionId && !takenBy) {
      // Placed by someone else since this page loaded: look it up, and show it in the page's schedule too.
      takenBy = (await getSchedule(event.id).catch(() => null))?.sessions.find((s) => s.id === conflict.sessionId);
      onStale();
    }
    const roomName = event.rooms.find((room) => room.id === roomId)?.name ?? 'The room';
    return conflictMessage(conflict, { roomName, takenBy, event, durationMinutes: proposal.durationMinutes });
  }

  return (
    <form className="schedule-form" onSubmit={submit} noValidate aria-label={`Schedule ${proposal.title}`}>
      <Field label="Room">
        {(control) => (
          <select {...control} value={roomId} onChange={(e) => setRoomId(e.target.value)}>
            {event.rooms.map((room) => (
              <option key={room.id} value={room.id}>
                {roomOptionText(room)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Start" error={startError} hint={`${zone} time`} errorTestId="error-start">
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            min={msToLocalInput(Date.parse(event.startsAt), zone)}
            max={msToLocalInput(Date.parse(event.endsAt), zone)}
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        Schedule
      </button>
      {problem && (
        <p role="alert" className="error schedule-problem" data-testid="schedule-problem">
          {problem}
        </p>
      )}
    </form>
  );
}
