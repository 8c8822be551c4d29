import type { EventInfo } from '@roundtable/shared';
import { CopyLink } from './CopyLink';
import type { ScheduleResult } from './eventTypes';

/** Just scheduled: the moderator link to hand to the proposer, and whether it went by email. */
export function ScheduledNotice({ title, result, event }: { title: string; result: ScheduleResult; event: EventInfo }) {
  const { session, emailed } = result;
  return (
    <div className="scheduled-notice" data-testid="scheduled-notice">
      <p>
        <CopyLink href={session.links.moderator} name={`Moderator link for ${title}`} testId="moderator-link" />
      </p>
      <p className={emailed ? 'emailed' : 'hint'} data-testid="moderator-emailed">
        {emailed
          ? 'Emailed to the proposer.'
          : 'Not emailed (the server sends no email, or sending failed): hand this link to the proposer yourself.'}
      </p>
      <details>
        <summary>Links for the room</summary>
        <ul className="links">
          <li>
            <CopyLink href={session.links.attendee} name={`Attendee link for ${title}`} /> <span className="hint">for people in the room</span>
          </li>
          <li>
            <CopyLink href={session.links.follower} name={`Follower link for ${title}`} />{' '}
            <span className="hint">read-only; also on the public schedule of {event.name}</span>
          </li>
        </ul>
      </details>
    </div>
  );
}
