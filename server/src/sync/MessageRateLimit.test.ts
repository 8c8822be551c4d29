import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MESSAGE_RATE_LIMITS, MessageRateLimit, type MessageRateLimits } from './MessageRateLimit.js';

/** Byte budgets no test of message counts meets. */
const roomy = { burst: 1e9, perSecond: 1e9 };
const limits: MessageRateLimits = {
  documentMessages: { burst: 3, refillMs: 100 },
  awareness: { burst: 2, refillMs: 50 },
  documentBytes: roomy,
  awarenessBytes: roomy,
};

/** A frame of `type` and `bytes` bytes whose last byte is `n`, the number the tests read back. */
function frame(type: number, n: number, bytes: number): Uint8Array {
  const data = new Uint8Array(bytes);
  data[0] = type;
  data[bytes - 1] = n;
  return data;
}
const update = (n: number, bytes = 4) => frame(0, n, bytes);
const awareness = (n: number, bytes = 3) => frame(1, n, bytes);

function gate(overrides: Partial<MessageRateLimits> = {}) {
  const delivered: number[] = [];
  const floods: string[] = [];
  const limit = new MessageRateLimit(
    { ...limits, ...overrides },
    {
      deliver: (frame) => delivered.push(frame[frame.length - 1]!),
      flooded: (reason) => floods.push(reason),
    },
    () => Date.now(), // the faked clock, which a test may also move without firing timers
  );
  return { limit, delivered, floods };
}

describe('MessageRateLimit', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('passes document messages at the rate and closes on a flood, delivering nothing after', () => {
    const { limit, delivered, floods } = gate();
    for (const n of [1, 2, 3]) limit.receive(update(n));
    vi.advanceTimersByTime(100);
    limit.receive(update(4)); // one token back after 100 ms
    expect(delivered).toEqual([1, 2, 3, 4]);
    expect(floods).toEqual([]);
    limit.receive(update(5));
    expect(floods).toEqual(['too many messages: more than 3 at once or 10 a second']);
    vi.advanceTimersByTime(10_000);
    limit.receive(update(6));
    limit.receive(awareness(7));
    expect(delivered).toEqual([1, 2, 3, 4]);
    expect(floods).toHaveLength(1);
  });

  it('counts sync step 1 and awareness queries as document messages', () => {
    const { limit, floods } = gate();
    for (const frame of [new Uint8Array([0, 0, 0]), new Uint8Array([3]), new Uint8Array([2, 0]), new Uint8Array([0, 1, 0])]) limit.receive(frame);
    expect(floods).toHaveLength(1);
  });

  it('skips excess awareness without closing, and delivers the latest skipped frame once allowed', () => {
    const { limit, delivered, floods } = gate();
    for (const n of [1, 2, 3, 4, 5]) limit.receive(awareness(n));
    expect(delivered).toEqual([1, 2]);
    vi.advanceTimersByTime(49);
    expect(delivered).toEqual([1, 2]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([1, 2, 5]); // 3 and 4 were older news than 5
    expect(floods).toEqual([]);
    // Awareness has its own bucket: document messages still pass.
    limit.receive(update(6));
    expect(delivered).toEqual([1, 2, 5, 6]);
  });

  it('drops a held frame that a newer one, allowed at once, supersedes', () => {
    const { limit, delivered } = gate({ awareness: { burst: 1, refillMs: 50 } });
    limit.receive(awareness(1));
    limit.receive(awareness(2)); // held
    vi.setSystemTime(Date.now() + 50); // the clock moves on before the timer fires
    limit.receive(awareness(3));
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual([1, 3]);
  });

  it('delivers nothing held once stopped', () => {
    const { limit, delivered } = gate();
    for (const n of [1, 2, 3]) limit.receive(awareness(n));
    limit.stop();
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual([1, 2]);
  });

  it('closes on a flood of bytes within the message rate', () => {
    const { limit, delivered, floods } = gate({ documentMessages: { burst: 100, refillMs: 1 }, documentBytes: { burst: 10 * 1024, perSecond: 4 * 1024 } });
    limit.receive(update(1, 4096));
    limit.receive(update(2, 4096));
    vi.advanceTimersByTime(500); // 2 KiB back: 4 KiB to spend
    limit.receive(update(3, 4096));
    expect(floods).toEqual([]);
    limit.receive(update(4, 4096));
    expect(floods).toEqual(['too much data: more than 10 KiB at once or 4 KiB a second']);
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('skips awareness over its bytes, and delivers the latest once they are back, however large', () => {
    const { limit, delivered, floods } = gate({ awareness: { burst: 100, refillMs: 1 }, awarenessBytes: { burst: 1000, perSecond: 1000 } });
    limit.receive(awareness(1, 400));
    limit.receive(awareness(2, 400));
    limit.receive(awareness(3, 300)); // 200 bytes left: held, 100 ms to wait
    limit.receive(awareness(4, 900)); // newer and larger: it is held instead, and needs 700 ms
    vi.advanceTimersByTime(100);
    expect(delivered).toEqual([1, 2]);
    vi.advanceTimersByTime(599);
    expect(delivered).toEqual([1, 2]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([1, 2, 4]);
    expect(floods).toEqual([]);
    limit.receive(update(5)); // document messages have their own budget
    expect(delivered).toEqual([1, 2, 4, 5]);
  });

  it('sends a smaller frame that supersedes a held larger one as soon as its own bytes allow', () => {
    const { limit, delivered } = gate({ awareness: { burst: 100, refillMs: 1 }, awarenessBytes: { burst: 1000, perSecond: 1000 } });
    limit.receive(awareness(1, 800)); // 200 bytes left
    limit.receive(awareness(2, 900)); // held: 700 ms to wait
    limit.receive(awareness(3, 250)); // newer, held instead: 50 ms
    vi.advanceTimersByTime(49);
    expect(delivered).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([1, 3]);
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual([1, 3]);
  });

  it('leaves the busiest honest client alone: 100 document messages and 60 cursor frames a second for a minute', () => {
    const { limit, delivered, floods } = gate(MESSAGE_RATE_LIMITS);
    let sent = 0;
    for (let ms = 0; ms < 60_000; ms++) {
      // Dragging 100 shapes: ~35 KB a frame; a cursor with a selection of 50 shapes: ~2 KB.
      if (ms % 10 === 0) limit.receive(update(sent++ % 256, 35_000));
      if (ms % 17 === 0) limit.receive(awareness(sent++ % 256, 2_000));
      vi.advanceTimersByTime(1);
    }
    expect(floods).toEqual([]);
    expect(delivered).toHaveLength(sent);
  });
});
