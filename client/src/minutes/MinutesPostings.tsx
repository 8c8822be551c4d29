import type { MinutesSendingView } from '@roundtable/shared';
import { postingText } from './postingText';

/** When the minutes went to the mailing list, newest last, as the server recorded it. */
export function MinutesPostings({ sent }: { sent: readonly MinutesSendingView[] }) {
  if (sent.length === 0) return null;
  return (
    <ul className="minutes-postings" data-testid="minutes-sent" aria-label="Minutes sent">
      {sent.map((sending) => (
        <li key={`${sending.at}-${sending.messageId}`} title={`Message-ID ${sending.messageId}`}>
          {postingText(sending)}
        </li>
      ))}
    </ul>
  );
}
