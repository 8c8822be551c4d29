import type { CreatedSession, SessionView } from '@roundtable/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The whole JSON body of the refusal: a 400's `details`, a 409's `conflict`. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Fetches JSON; a failure becomes an ApiError with the server's `error` text. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, init);
  const body: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const refusal = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const error = typeof refusal['error'] === 'string' ? refusal['error'] : `request failed (${res.status})`;
    throw new ApiError(res.status, error, refusal);
  }
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
