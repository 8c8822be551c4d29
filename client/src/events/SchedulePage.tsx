import { useEffect } from 'react';
import { formatOffset, offsetMinutes } from '@roundtable/shared';
import { getSchedule, scheduleDownloads } from './eventsApi';
import { EventHeader } from './EventHeader';
import { submitPath } from './eventRoutes';
import { PageState } from './PageState';
import { RoomLabel } from './RoomLabel';
import { ScheduleDayGrid } from './ScheduleDayGrid';
import { scheduleDays } from './scheduleGrid';
import { sessionStates } from './sessionStates';
import { useLoad } from './useLoad';
import { useNow } from './useNow';

/** "Now" and "next" move on within a minute of the clock. */
const NOW_INTERVAL_MS = 30_000;
/** The schedule itself changes seldom during an event; a screen left open picks changes up this often. */
const RELOAD_INTERVAL_MS = 5 * 60_000;

/** `/e/:id`: the public schedule, rooms side by side, in the event's time zone. */
export function SchedulePage({ eventId }: { eventId: string }) {
  const schedule = useLoad(() => getSchedule(eventId), eventId);
  const now = useNow(NOW_INTERVAL_MS);
  const { reload } = schedule;
  useEffect(() => {
    const timer = setInterval(() => void reload(), RELOAD_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (!schedule.data) return <PageState error={schedule.error} what="this schedule" />;
  const { event, rooms, sessions } = schedule.data;
  const zone = event.timezone;
  const days = scheduleDays(rooms, sessions, zone);
  const states = sessionStates(sessions, now);
  const downloads = scheduleDownloads(event.id);
  return (
    <main className="page wide schedule-page">
      <EventHeader event={event} />
      <p className="schedule-zone" data-testid="schedule-zone">
        All times are {zone} time (now UTC{formatOffset(offsetMinutes(now, zone))}).
      </p>
      <nav className="schedule-links" aria-label="Schedule links">
        {/* _top: a schedule framed by the conference's site opens the form as a page (only the schedule may be framed). */}
        <a href={submitPath(event.id)} target="_top">
          Propose a session
        </a>
        <a href={downloads.ics} download="schedule.ics">
          Calendar (.ics)
        </a>
        <a href={downloads.frab} download="schedule.frab.json">
          Schedule as frab JSON
        </a>
      </nav>
      <p className="hint">
        Rooms: {rooms.map((room, index) => (
          <span key={room.id}>
            {index > 0 && ', '}
            <RoomLabel room={room} showCapacity />
          </span>
        ))}
      </p>
      {days.length === 0 ? (
        <p>Nothing is scheduled yet.</p>
      ) : (
        days.map((day) => <ScheduleDayGrid key={day.date} day={day} rooms={rooms} timeZone={zone} states={states} />)
      )}
    </main>
  );
}
