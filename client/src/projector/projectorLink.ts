/** The `view` query parameter that opens the projector view of a session link. */
export const PROJECTOR_VIEW = 'projector';

/** A session link opened as the projector view. */
export function projectorLink(sessionLink: string): string {
  const url = new URL(sessionLink, window.location.href);
  url.searchParams.set('view', PROJECTOR_VIEW);
  return url.toString();
}
