import { minutesToHtml, minutesToMarkdown, minutesToPlainText, type MinutesFormat, type MinutesRecord } from '@roundtable/shared';

/** The mailing-list body, as `txt` serves it and the email carries it. */
export function minutesText(record: MinutesRecord): string {
  return minutesToPlainText(record);
}

export const MINUTES_CONTENT_TYPES: Record<MinutesFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  eml: 'message/rfc822',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The text formats; `eml` is composed by MinutesService.email (it needs the board and the sender). */
export function renderMinutes(record: MinutesRecord, format: Exclude<MinutesFormat, 'eml'>): string {
  switch (format) {
    case 'md':
      return minutesToMarkdown(record);
    case 'txt':
      return minutesText(record);
    case 'html':
      return minutesToHtml(record);
    case 'json':
      return `${JSON.stringify(record, null, 2)}\n`;
  }
}
