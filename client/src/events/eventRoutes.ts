/** The event pages, client-side: the server answers index.html for every path that is not the API's. */
export type EventRoute =
  | { page: 'schedule'; eventId: string }
  | { page: 'submit'; eventId: string }
  | { page: 'proposal'; eventId: string; proposalId: string; token: string }
  | { page: 'organize'; eventId: string; token: string };

const SEGMENT = '([^/]+)';
const ROUTES: { pattern: RegExp; route: (ids: string[], query: URLSearchParams) => EventRoute }[] = [
  { pattern: new RegExp(`^/e/${SEGMENT}/?$`), route: ([eventId = '']) => ({ page: 'schedule', eventId }) },
  { pattern: new RegExp(`^/e/${SEGMENT}/submit/?$`), route: ([eventId = '']) => ({ page: 'submit', eventId }) },
  {
    pattern: new RegExp(`^/e/${SEGMENT}/proposals/${SEGMENT}/?$`),
    route: ([eventId = '', proposalId = ''], query) => ({ page: 'proposal', eventId, proposalId, token: query.get('token') ?? '' }),
  },
  {
    pattern: new RegExp(`^/e/${SEGMENT}/organize/?$`),
    route: ([eventId = ''], query) => ({ page: 'organize', eventId, token: query.get('token') ?? '' }),
  },
];

/** The event page a location shows, or null when it is not one (or its ids are not valid URL escapes). */
export function eventRoute(pathname: string, search: string): EventRoute | null {
  for (const { pattern, route } of ROUTES) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    try {
      return route(match.slice(1).map(decodeURIComponent), new URLSearchParams(search));
    } catch {
      return null; // a malformed escape such as `%E0%A4%A`
    }
  }
  return null;
}

export const schedulePath = (eventId: string) => `/e/${encodeURIComponent(eventId)}`;
export const submitPath = (eventId: string) => `${schedulePath(eventId)}/submit`;
