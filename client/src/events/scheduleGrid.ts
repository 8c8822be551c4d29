import { localParts } from '@roundtable/shared';

/** The grid's row height: sessions start on any minute, and are drawn from the quarter hour they fall in. */
export const SLOT_MINUTES = 15;
const SLOT_MS = SLOT_MINUTES * 60_000;

export interface GridSession {
  id: string;
  roomId: string;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
}

export interface GridRow {
  /** The instant the row starts (epoch ms). */
  ms: number;
  /** Its wall time in the event's zone, `HH:MM`. */
  time: string;
}

export interface GridPlacement<T> {
  session: T;
  /** The room's index in the event's room list. */
  column: number;
  /** First row (0-based) and the row after the last: the CSS grid lines are these plus one header row. */
  rowStart: number;
  rowEnd: number;
}

export interface ScheduleDay<T> {
  /** `YYYY-MM-DD` on the event's calendar: a session belongs to the day it starts. */
  date: string;
  rows: GridRow[];
  placements: GridPlacement<T>[];
  /** Per room (same order as the rooms), its sessions that day by start time: the narrow-screen list. */
  byRoom: T[][];
}

/**
 * The schedule as one grid per day: rooms as columns, quarter hours as rows, from the first session
 * of the day to the end of its last (empty evenings and nights are not drawn). Rows are instants
 * 15 minutes apart labelled with the zone's wall time, so a DST change shows as a repeated or skipped
 * hour, as the clocks do. Every offset in use is a multiple of 15 minutes, so the rows fall on local
 * quarter hours. Sessions of rooms the event does not have are left out.
 */
export function scheduleDays<T extends GridSession>(
  rooms: readonly { id: string }[],
  sessions: readonly T[],
  timeZone: string,
): ScheduleDay<T>[] {
  const columnOf = new Map(rooms.map((room, index) => [room.id, index]));
  const timed = sessions
    .filter((session) => columnOf.has(session.roomId))
    .map((session) => ({ session, start: Date.parse(session.startsAt), end: Date.parse(session.endsAt) }))
    .filter(({ start, end }) => Number.isFinite(start) && Number.isFinite(end))
    .sort((a, b) => a.start - b.start || a.end - b.end);

  const byDate = new Map<string, typeof timed>();
  for (const entry of timed) {
    const date = localParts(entry.start, timeZone).date;
    const list = byDate.get(date) ?? [];
    list.push(entry);
    byDate.set(date, list);
  }

  return [...byDate].map(([date, entries]) => {
    const first = Math.floor(entries[0]!.start / SLOT_MS) * SLOT_MS;
    const byRoom: T[][] = rooms.map(() => []);
    const lastRowEnd: number[] = rooms.map(() => 0);
    const placements: GridPlacement<T>[] = [];
    for (const { session, start, end } of entries) {
      const column = columnOf.get(session.roomId)!;
      // Two sessions may meet inside a quarter hour (10:00–10:50 then 10:50–11:40): the later one is
      // drawn from the row after, so that no cell holds two sessions.
      const rowStart = Math.max(Math.floor((start - first) / SLOT_MS), lastRowEnd[column]!);
      const rowEnd = Math.max(Math.ceil((end - first) / SLOT_MS), rowStart + 1);
      lastRowEnd[column] = rowEnd;
      byRoom[column]!.push(session);
      placements.push({ session, column, rowStart, rowEnd });
    }
    const rowCount = Math.max(...placements.map((p) => p.rowEnd));
    const rows = Array.from({ length: rowCount }, (_, i) => {
      const ms = first + i * SLOT_MS;
      return { ms, time: localParts(ms, timeZone).time };
    });
    return { date, rows, placements, byRoom };
  });
}
