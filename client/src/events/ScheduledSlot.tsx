import type { EventInfo } from '@roundtable/shared';
import { getSchedule } from './eventsApi';
import { RoomLabel } from './RoomLabel';
import { formatSpan } from './timeFormat';
import { useLoad } from './useLoad';

/** Where and when a scheduled proposal runs, read from the public schedule. */
export function ScheduledSlot({ event, sessionId }: { event: EventInfo; sessionId: string }) {
  const schedule = useLoad(() => getSchedule(event.id), `${event.id}/${sessionId}`);
  const session = schedule.data?.sessions.find((s) => s.id === sessionId);
  const room = session && event.rooms.find((r) => r.id === session.roomId);
  if (!session || !room) return null;
  return (
    <p className="slot" data-testid="scheduled-slot">
      <strong>
        <RoomLabel room={room} />
      </strong>
      , {formatSpan(session.startsAt, session.endsAt, event.timezone)} ({event.timezone})
    </p>
  );
}
