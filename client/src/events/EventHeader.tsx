import type { EventInfo } from '@roundtable/shared';
import { formatSpan } from './timeFormat';

/** The event's name and dates, in its own time zone, said once at the top of each event page. */
export function EventHeader({ event, title }: { event: EventInfo; title?: string }) {
  return (
    <header className="event-header">
      <h1>{title ?? event.name}</h1>
      <p className="lead">
        {title && <>{event.name} · </>}
        {formatSpan(event.startsAt, event.endsAt, event.timezone)} · times in {event.timezone}
      </p>
    </header>
  );
}
