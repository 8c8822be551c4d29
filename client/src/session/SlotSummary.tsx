import type { SessionSlot } from '@roundtable/shared';
import { ProjectorMark } from '../events/RoomLabel';
import { schedulePath } from '../events/eventRoutes';
import { formatSpan } from '../events/timeFormat';

/** Where and when a scheduled session runs: room, time in the event's zone, and the event it belongs to. */
export function SlotSummary({ slot }: { slot: SessionSlot }) {
  return (
    <p className="slot" data-testid="session-slot">
      <strong>
        {slot.roomName}
        {slot.projector && <ProjectorMark />}
      </strong>
      <br />
      {formatSpan(slot.startsAt, slot.endsAt, slot.timezone)} ({slot.timezone})
      <br />
      <a href={schedulePath(slot.eventId)}>{slot.eventName}</a>
    </p>
  );
}
