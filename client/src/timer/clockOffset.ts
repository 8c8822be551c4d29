/**
 * The server clock's offset from the browser's, NTP style: ask the server for its time a few times
 * and trust the quickest round trip, whose answer is the least delayed. The server read its clock
 * somewhere between sending and receiving; the midpoint is the best guess, wrong by at most half
 * the round trip.
 */

export interface ClockSample {
  /** Browser time (Date.now()) when the question left. */
  sentAt: number;
  /** Browser time when the answer came back. */
  receivedAt: number;
  /** The server's time in the answer. */
  serverNow: number;
}

export interface ClockOffset {
  /** Add to the browser's Date.now() to get the server's. */
  offsetMs: number;
  /** Of the sample used: the estimate is good to half of it. */
  roundTripMs: number;
}

/** How many round trips one measurement takes: enough to find one without a delay in it. */
export const CLOCK_SAMPLES = 5;

export function estimateOffset(samples: readonly ClockSample[]): ClockOffset | null {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    if (sample.receivedAt < sample.sentAt) continue; // the browser's clock was set back meanwhile
    if (!best || sample.receivedAt - sample.sentAt < best.receivedAt - best.sentAt) best = sample;
  }
  if (!best) return null;
  return { offsetMs: best.serverNow - (best.sentAt + best.receivedAt) / 2, roundTripMs: best.receivedAt - best.sentAt };
}

/**
 * Takes `rounds` samples one after the other with `askServer` (which answers the server's time)
 * and estimates the offset. A question that fails or times out is left out; null if all did.
 */
export async function measureClockOffset(
  askServer: () => Promise<number>,
  rounds = CLOCK_SAMPLES,
  now: () => number = Date.now,
): Promise<ClockOffset | null> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < rounds; i++) {
    const sentAt = now();
    try {
      const serverNow = await askServer();
      if (typeof serverNow === 'number' && Number.isFinite(serverNow)) samples.push({ sentAt, receivedAt: now(), serverNow });
    } catch {
      // lost or late: the other samples still count
    }
  }
  return estimateOffset(samples);
}
