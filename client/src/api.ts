import type { CreatedSession, SessionView } from '@roundtable/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Fetches JSON; a failure becomes an ApiError with the server's `error` text. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, init);
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `request failed (${res.status})`);
  return body as T;
}

export function createSession(input: { title: string; durationMinutes: number }): Promise<CreatedSession> {
  return request('/api/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

export function getSession(id: string, token: string): Promise<SessionView> {
  return request(`/api/sessions/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
}
