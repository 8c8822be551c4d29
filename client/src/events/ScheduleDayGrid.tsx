import type { CSSProperties } from 'react';
import type { EventRoom } from '@roundtable/shared';
import type { PublicSession } from './eventTypes';
import { RoomLabel } from './RoomLabel';
import type { ScheduleDay } from './scheduleGrid';
import type { SessionState } from './sessionStates';
import { formatDate, formatTime } from './timeFormat';

const STATE_TEXT: Record<SessionState, string> = { now: 'Now', next: 'Next' };

interface ScheduleDayGridProps {
  day: ScheduleDay<PublicSession>;
  rooms: readonly EventRoom[];
  timeZone: string;
  states: ReadonlyMap<string, SessionState>;
}

/**
 * One day of the schedule. The markup is a list of sessions per room (what a screen reader and a
 * narrow screen get); on a wide screen CSS lays the same elements out as a grid, rooms as columns and
 * quarter hours as rows (the rooms and their lists are `display: contents` there).
 */
export function ScheduleDayGrid({ day, rooms, timeZone, states }: ScheduleDayGridProps) {
  const placement = new Map(day.placements.map((p) => [p.session.id, p]));
  const gridStyle = { '--rooms': rooms.length, '--rows': day.rows.length } as CSSProperties;
  const headingId = `day-${day.date}`;
  return (
    <section className="schedule-day" aria-labelledby={headingId}>
      <h2 id={headingId}>{formatDate(day.date)}</h2>
      <div className="schedule-scroll">
        <div className="schedule-grid" style={gridStyle}>
          {day.rows.map((row, index) => (
            <div
              key={row.ms}
              className={row.time.endsWith(':00') ? 'schedule-row hour' : 'schedule-row'}
              style={{ gridRow: index + 2 }}
              aria-hidden="true"
            >
              {row.time}
            </div>
          ))}
          {rooms.map((room, column) => {
            const sessions = day.byRoom[column] ?? [];
            return (
              <section
                key={room.id}
                className={sessions.length === 0 ? 'schedule-room is-empty' : 'schedule-room'}
                aria-label={room.name}
                data-testid="schedule-room"
              >
                <h3 className="schedule-room-name" style={{ gridColumn: column + 2, gridRow: 1 }}>
                  <RoomLabel room={room} showCapacity />
                </h3>
                <ol>
                  {sessions.map((session) => {
                    const where = placement.get(session.id);
                    const state = states.get(session.id);
                    return (
                      <li
                        key={session.id}
                        className="schedule-session"
                        data-state={state}
                        data-testid="schedule-session"
                        style={where && { gridColumn: column + 2, gridRow: `${where.rowStart + 2} / ${where.rowEnd + 2}` }}
                      >
                        <span className="session-time">
                          {formatTime(session.startsAt, timeZone)}–{formatTime(session.endsAt, timeZone)}
                        </span>
                        {state && <span className={`session-state state-${state}`}>{STATE_TEXT[state]}</span>}
                        {session.links.follower ? (
                          // _top: on a conference site that frames the schedule, the session opens as a page (it may not be framed).
                          <a className="session-title" href={session.links.follower} target="_top">
                            {session.title}
                          </a>
                        ) : (
                          <span className="session-title">{session.title}</span>
                        )}
                        <span className="session-moderator">{session.moderatorName}</span>
                      </li>
                    );
                  })}
                </ol>
              </section>
            );
          })}
        </div>
      </div>
    </section>
  );
}
