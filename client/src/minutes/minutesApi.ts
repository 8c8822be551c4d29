import type { MinutesEmailPreview, MinutesSent } from '@roundtable/shared';
import { ApiError, request } from '../api';

const minutesPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/minutes`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * The email exactly as it would be posted now (moderator only). Without `to`, the server addresses
 * it to the session's mailing list; a malformed `to` is an ApiError 400 with the server's reason.
 */
export function getEmailPreview(sessionId: string, token: string, to: string | undefined, signal?: AbortSignal): Promise<MinutesEmailPreview> {
  const query = to ? `?to=${encodeURIComponent(to)}` : '';
  return request(`${minutesPath(sessionId)}/email${query}`, { headers: bearer(token), ...(signal ? { signal } : {}) });
}

/**
 * Posts the minutes (moderator only). The server's refusals arrive as ApiError with its own words:
 * 503 no SMTP server, 400 no or bad recipient, 502 the SMTP server refused or was unreachable,
 * 409 the minutes changed since the preview (or another posting is under way).
 */
export function sendMinutes(
  sessionId: string,
  token: string,
  to: string | undefined,
  reviewed: Pick<MinutesEmailPreview, 'messageId' | 'asOf'>,
): Promise<MinutesSent> {
  // The reviewed message's id and moment: the server sends exactly it, or answers 409 if it changed.
  return request(`${minutesPath(sessionId)}/send`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ ...(to ? { to } : {}), messageId: reviewed.messageId, asOf: reviewed.asOf }),
  });
}

/** Stores the board's picture for the email; null says the board is empty (an empty body). */
export async function putBoardPicture(sessionId: string, token: string, png: Blob | null, signal?: AbortSignal): Promise<void> {
  const res = await fetch(`${minutesPath(sessionId)}/board.png`, {
    method: 'PUT',
    headers: { ...bearer(token), 'content-type': 'image/png' },
    body: png ?? new Uint8Array(0),
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(res.status, body.error ?? `board picture upload failed (${res.status})`);
  }
}
