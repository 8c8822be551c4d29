import { CopyLink } from './CopyLink';
import type { CreatedEvent } from './eventTypes';

/** The three links of a new event, each with who gets it. */
export function CreatedEventLinks({ event }: { event: CreatedEvent }) {
  return (
    <section className="card" aria-label="Event links">
      <h2>{event.name}</h2>
      <ul className="links event-links">
        <li>
          <CopyLink href={event.links.schedule} name="Schedule link" testId="event-schedule-link" />
          <span className="hint">Public: the schedule, for everyone.</span>
        </li>
        <li>
          <CopyLink href={event.links.submit} name="Proposal form link" testId="event-submit-link" />
          <span className="hint">Public: send it to the mailing list to call for proposals.</span>
        </li>
        <li>
          <CopyLink href={event.links.organize} name="Organizer link" testId="event-organize-link" />
          <span className="hint">Private: keep it. Whoever has it accepts, declines and schedules proposals.</span>
        </li>
      </ul>
    </section>
  );
}
