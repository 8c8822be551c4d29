/**
 * A remaining time as a clock: `mm:ss`, `h:mm:ss` from an hour on, with a minus sign when over.
 * Seconds round up, so a countdown shows 00:00 only when the time is really out, and a time over
 * its end shows −00:01 at once rather than a misleading −00:00.
 */
export function formatClock(ms: number): string {
  const over = ms < 0;
  const totalSeconds = Math.ceil(Math.abs(ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
  return over ? `\u2212${clock}` : clock;
}
