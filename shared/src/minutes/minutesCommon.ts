/**
 * What the Markdown, plain-text and HTML exports say besides the document itself, worded once here
 * so that the three always agree.
 */
import { formatTimeSplit, timeSplit } from '../timer/timeSplit.js';
import type { ActionItem, MinutesRecord } from './minutesRecord.js';
import { cleanText } from './documentLimits.js';
import type { PMNode } from './prosemirrorJson.js';
import { childrenOf, plainText } from './pmInline.js';
import { MINUTES_SECTIONS } from './template.js';

/** The closing line of every export: the minutes are all that is kept of a session. */
export const CLOSING_LINE = 'These minutes are the record of the session: it was not recorded.';
export const NONE_RECORDED = 'None recorded.';
export const EMPTY_MINUTES = 'Nothing was written.';
/**
 * Ends the minutes of every export, in the same words, when the document has more nodes than are
 * rendered (MAX_NODES in `documentLimits.ts`). Markdown and HTML need no escaping for it: it is
 * written as is in all three formats.
 */
export const TRUNCATION_NOTE = '[… the rest of the minutes is too long for this export]';

export const EXPORT_HEADINGS = {
  minutes: 'Minutes',
  decisions: MINUTES_SECTIONS.decisions,
  actionItems: MINUTES_SECTIONS.actionItems,
  preparation: MINUTES_SECTIONS.preparation,
  links: 'Links',
} as const;

export interface HeaderField {
  label: string;
  value: string;
  /** For a list (the attendees): its entries, which `value` joins with ", ". */
  entries?: string[];
}

/**
 * A user's string as one line, without control characters: the summaries and the header are a
 * line per entry.
 */
export function oneLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ').trim();
}

/** A preparation link's text: its label, or the URL where it has none. */
export function preparationLabel(link: { url: string; label?: string }): string {
  return oneLine(link.label ?? '') || oneLine(link.url);
}

/** "2026-11-25 14:00 UTC": unambiguous for a list whose readers sit in many time zones. */
export function formatUtc(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return 'unknown';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** When the session happened: its start once it started, else the moment the record stands for. */
export function sessionTime(record: MinutesRecord): number {
  return record.timer.startedAt ?? record.asOf;
}

export function moderatorOf(record: MinutesRecord): string | null {
  return record.session.moderatorName ?? record.attendees.find((p) => p.role === 'moderator')?.name ?? null;
}

export function headerFields(record: MinutesRecord): HeaderField[] {
  const names = record.attendees.map((p) => oneLine(p.name)).filter(Boolean);
  return [
    { label: 'Date and time', value: formatUtc(sessionTime(record)) },
    ...(record.room?.trim() ? [{ label: 'Room', value: oneLine(record.room) }] : []),
    { label: 'Moderator', value: oneLine(moderatorOf(record) ?? '') || 'not named' },
    { label: 'Minute-taker', value: oneLine(record.minuteTaker ?? '') || 'not nominated' },
    names.length > 0
      ? { label: 'Attendees', value: names.join(', '), entries: names }
      : { label: 'Attendees', value: 'none recorded' },
  ];
}

export function timeSplitLine(record: MinutesRecord): string {
  return formatTimeSplit(timeSplit(record.timer, record.session.durationMinutes * 60_000));
}

/**
 * The minutes without their first heading where that only repeats the session's title (the
 * template starts with it), since every export writes the title itself.
 */
export function minutesBody(record: MinutesRecord): PMNode {
  const blocks = record.minutes.type === 'doc' ? childrenOf(record.minutes) : [record.minutes];
  const first = blocks[0];
  const repeatsTitle =
    first?.type === 'heading' &&
    plainText(first).replace(/\s+/g, ' ').trim().toLowerCase() === record.session.title.trim().toLowerCase();
  return { type: 'doc', content: repeatsTitle ? blocks.slice(1) : blocks };
}

/** "owner: alice, due 2026-12-01", or '' when neither is known. */
export function actionItemDetails(item: ActionItem, withDone = false): string {
  const parts = [
    ...(item.owner ? [`owner: ${item.owner}`] : []),
    ...(item.due ? [`due ${item.due}`] : []),
    ...(withDone && item.done ? ['done'] : []),
  ];
  return parts.join(', ');
}
