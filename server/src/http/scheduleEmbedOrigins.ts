export class EmbedOriginsError extends Error {}

/** A site that may frame the public schedule: a scheme, a host (`*.` for its subdomains) and maybe a port. */
const EMBED_ORIGIN = /^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/;

/**
 * `SCHEDULE_EMBED_ORIGINS`: the sites (origins, separated by spaces or commas) whose pages may show
 * an event's public schedule in a frame, as a conference's own website does; `*` for any site.
 * Only the schedule page itself: it shows what anyone can read, the follower links the schedule
 * publishes among it; its links open at the top, out of the frame (every other page refuses frames).
 */
export function scheduleEmbedOrigins(value: string | undefined): string[] {
  const origins = (value ?? '').split(/[\s,]+/).filter(Boolean).map((origin) => origin.replace(/\/$/, ''));
  const bad = origins.find((origin) => origin !== '*' && !EMBED_ORIGIN.test(origin));
  if (bad !== undefined) throw new EmbedOriginsError(`SCHEDULE_EMBED_ORIGINS: "${bad}" is not an origin like https://events.example.org (or *)`);
  return origins;
}
