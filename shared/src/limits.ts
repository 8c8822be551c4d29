/** A design session works for at most 30 people in the room. */
export const MAX_SESSION_CAPACITY = 30;
export const MAX_SESSION_DURATION_MINUTES = 480;
/** The moderator's opening presentation may take at most this share of the session. */
export const PRESENTATION_CAP_RATIO = 0.25;
/**
 * Largest websocket message the sync endpoint accepts. Generous enough for pasting a
 * large drawing or a long text at once; larger blobs (images) go through asset upload.
 */
export const MAX_SYNC_MESSAGE_BYTES = 8 * 1024 * 1024;

export function presentationCapMs(durationMinutes: number): number {
  return Math.floor(PRESENTATION_CAP_RATIO * durationMinutes * 60_000);
}
