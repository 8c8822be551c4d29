import { describe, expect, it } from 'vitest';
import { estimateOffset, measureClockOffset } from './clockOffset';

describe('estimateOffset', () => {
  it('takes the midpoint of the quickest round trip', () => {
    const offset = estimateOffset([
      { sentAt: 1000, receivedAt: 1400, serverNow: 6300 }, // slow: its answer waited on the way back
      { sentAt: 2000, receivedAt: 2040, serverNow: 7020 },
      { sentAt: 3000, receivedAt: 3100, serverNow: 8090 },
    ]);
    expect(offset).toEqual({ offsetMs: 5000, roundTripMs: 40 });
  });

  it('finds a browser clock ahead of the server too', () => {
    expect(estimateOffset([{ sentAt: 10_000, receivedAt: 10_020, serverNow: 7_010 }])?.offsetMs).toBe(-3000);
  });

  it('has nothing to say without a usable sample', () => {
    expect(estimateOffset([])).toBeNull();
    expect(estimateOffset([{ sentAt: 2000, receivedAt: 1000, serverNow: 5 }])).toBeNull();
  });
});

describe('measureClockOffset', () => {
  it('asks several times and skips failed questions', async () => {
    // A fake browser clock that moves 10 ms per reading; the server is 60 s ahead.
    let browser = 0;
    const now = () => (browser += 10);
    let asked = 0;
    const offset = await measureClockOffset(
      async () => {
        asked++;
        if (asked === 2) throw new Error('timeout');
        return browser + 5 + 60_000;
      },
      4,
      now,
    );
    expect(asked).toBe(4);
    expect(offset).toEqual({ offsetMs: 60_000, roundTripMs: 10 });
  });

  it('answers null when the server never answered', async () => {
    expect(await measureClockOffset(() => Promise.reject(new Error('down')), 3)).toBeNull();
  });
});
