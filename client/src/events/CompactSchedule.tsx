import { localParts, type EventInfo } from '@roundtable/shared';
import { schedulePath } from './eventRoutes';
import type { PublicSchedule } from './eventTypes';
import { RoomLabel } from './RoomLabel';
import { formatDate, formatTime } from './timeFormat';

/** The organizer's view of the schedule so far: one line per session, by day and time. */
export function CompactSchedule({ event, schedule }: { event: EventInfo; schedule: PublicSchedule }) {
  const zone = event.timezone;
  const days = new Map<string, PublicSchedule['sessions']>();
  for (const session of [...schedule.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const date = localParts(Date.parse(session.startsAt), zone).date;
    days.set(date, [...(days.get(date) ?? []), session]);
  }
  return (
    <section className="card compact-schedule" aria-label="Schedule">
      <h2>Schedule</h2>
      {days.size === 0 && <p className="hint">Nothing scheduled yet.</p>}
      {[...days].map(([date, sessions]) => (
        <div key={date}>
          <h3>{formatDate(date)}</h3>
          <ul>
            {sessions.map((session) => {
              const room = schedule.rooms.find((r) => r.id === session.roomId);
              return (
                <li key={session.id} data-testid="compact-session">
                  <span className="time">
                    {formatTime(session.startsAt, zone)}–{formatTime(session.endsAt, zone)}
                  </span>{' '}
                  {room ? <RoomLabel room={room} /> : session.roomId} · {session.title}{' '}
                  <span className="hint">({session.moderatorName})</span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      <p className="hint">
        Times in {zone}. <a href={schedulePath(event.id)}>Public schedule</a>
      </p>
    </section>
  );
}
