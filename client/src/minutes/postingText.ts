import type { MinutesSendingView } from '@roundtable/shared';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "Sent at 14:05 to list@example.org", in the viewer's time zone; with the date when it was not
 * today (a session's page reopened the next day).
 */
export function postingText({ accepted, at }: Pick<MinutesSendingView, 'accepted' | 'at'>, now: Date = new Date()): string {
  const when = new Date(at);
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  const sameDay = when.getFullYear() === now.getFullYear() && when.getMonth() === now.getMonth() && when.getDate() === now.getDate();
  const moment = sameDay ? `at ${time}` : `on ${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} at ${time}`;
  return `Sent ${moment} to ${accepted.join(', ')}`;
}
