import type { MinutesFormat } from '@roundtable/shared';

export interface MinutesDownload {
  format: MinutesFormat;
  /** Shown in the Export menu. */
  label: string;
  /** The link's accessible name. */
  name: string;
}

/** Every format the server renders, in the Export menu's order. */
export const MINUTES_DOWNLOADS: readonly MinutesDownload[] = [
  { format: 'md', label: 'Markdown (.md)', name: 'Download Markdown' },
  { format: 'txt', label: 'Plain text, the email body (.txt)', name: 'Download plain text (email body)' },
  { format: 'eml', label: 'Email (.eml)', name: 'Download email (.eml)' },
  { format: 'html', label: 'Web page (.html)', name: 'Download HTML' },
  { format: 'json', label: 'Data (.json)', name: 'Download JSON' },
];

/**
 * The address of one format of the minutes. The token goes in the query, not a header: it is a
 * plain link the browser follows. `download` asks for `Content-Disposition: attachment`; `to`
 * addresses the `.eml` (otherwise the session's mailing list).
 */
export function minutesDownloadUrl(
  sessionId: string,
  token: string,
  format: MinutesFormat,
  options: { download?: boolean; to?: string } = {},
): string {
  let url = `/api/sessions/${encodeURIComponent(sessionId)}/minutes.${format}?token=${encodeURIComponent(token)}`;
  const to = options.to?.trim();
  if (to) url += `&to=${encodeURIComponent(to)}`;
  if (options.download ?? true) url += '&download';
  return url;
}
