import { describe, expect, it } from 'vitest';
import { EventLoopDelay } from './EventLoopDelay.js';

/** Holds the event loop for `ms`, as a long synchronous handler would. */
function stall(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy on purpose
  }
}

/** Resolves once `check` holds, polling on the event loop (which also lets the delay be sampled). */
async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('EventLoopDelay', () => {
  it('is not emptied by reading it: two scrapers see the same stall', async () => {
    const delay = new EventLoopDelay(60_000);
    try {
      await eventually(() => delay.samples > 0, 5_000, 'the sampler to start');
      stall(80);
      await eventually(() => delay.reading().max >= 0.07, 5_000, 'the stall to be sampled');
      const first = delay.reading();
      expect(delay.reading()).toEqual(first);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(delay.reading().max).toBeGreaterThanOrEqual(first.max);
    } finally {
      delay.stop();
    }
  });

  it('reads the latest whole window: a stall leaves the reading once a quiet window has passed', async () => {
    const delay = new EventLoopDelay(100);
    try {
      await eventually(() => delay.samples > 0, 5_000, 'the sampler to start');
      stall(80);
      await eventually(() => delay.reading().max >= 0.07, 5_000, 'the stall to be sampled');
      await eventually(() => delay.reading().max < 0.05, 5_000, 'a window without the stall');
      expect(delay.reading().p50).toBeLessThan(0.05);
    } finally {
      delay.stop();
    }
  });
});
