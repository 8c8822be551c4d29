import { describe, expect, it } from 'vitest';
import { AskLimiter, ASK_LIMITS, TokenBuckets } from './askLimiter.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('the ask limiter', () => {
  it('lets one asker ask twice at once, then once every 30 s', () => {
    const clock = fakeClock();
    const limiter = new AskLimiter(clock.now);
    expect(limiter.tryAsk('s', 'ann', '10.0.0.1')).toEqual({ ok: true });
    expect(limiter.tryAsk('s', 'ann', '10.0.0.1')).toEqual({ ok: true });
    expect(limiter.tryAsk('s', 'ann', '10.0.0.1')).toEqual({ ok: false, retryAfterMs: 30_000 });
    clock.advance(5_000);
    expect(limiter.tryAsk('s', 'ann', '10.0.0.1')).toEqual({ ok: false, retryAfterMs: 25_000 });
    clock.advance(25_000);
    expect(limiter.tryAsk('s', 'ann', '10.0.0.1')).toEqual({ ok: true });
    expect(limiter.tryAsk('s', 'ann', '10.0.0.1')).toEqual({ ok: false, retryAfterMs: 30_000 });
    // Others are not held back by Ann, nor is Ann in another session.
    expect(limiter.tryAsk('s', 'bob', '10.0.0.2')).toEqual({ ok: true });
    expect(limiter.tryAsk('t', 'ann', '10.0.0.1')).toEqual({ ok: true });
  });

  it('never holds more than the burst, however long one waits', () => {
    const clock = fakeClock();
    const limiter = new AskLimiter(clock.now);
    clock.advance(3_600_000);
    expect(limiter.tryAsk('s', 'ann', 'a')).toEqual({ ok: true });
    expect(limiter.tryAsk('s', 'ann', 'a')).toEqual({ ok: true });
    expect(limiter.tryAsk('s', 'ann', 'a')).toMatchObject({ ok: false });
  });

  it('lets one address ask six times at once, then once every 10 s, whoever asks', () => {
    const clock = fakeClock();
    const limiter = new AskLimiter(clock.now);
    for (let i = 0; i < 6; i++) expect(limiter.tryAsk('s', `person-${i}`, '192.0.2.7')).toEqual({ ok: true });
    expect(limiter.tryAsk('s', 'person-6', '192.0.2.7')).toEqual({ ok: false, retryAfterMs: 10_000 });
    expect(limiter.tryAsk('s', 'person-6', '192.0.2.8')).toEqual({ ok: true });
    clock.advance(10_000);
    expect(limiter.tryAsk('s', 'person-7', '192.0.2.7')).toEqual({ ok: true });
  });

  it('takes from neither bucket when one refuses', () => {
    const clock = fakeClock();
    const limiter = new AskLimiter(clock.now, { ...ASK_LIMITS, perAddress: { burst: 1, refillMs: 10_000 } });
    expect(limiter.tryAsk('s', 'ann', 'a')).toEqual({ ok: true });
    // Refused by the address: Ann's second token is still there once the address may ask again.
    expect(limiter.tryAsk('s', 'ann', 'a')).toEqual({ ok: false, retryAfterMs: 10_000 });
    clock.advance(10_000);
    expect(limiter.tryAsk('s', 'ann', 'a')).toEqual({ ok: true });
    // The longer of the two waits is the one to tell.
    expect(limiter.tryAsk('s', 'ann', 'a')).toEqual({ ok: false, retryAfterMs: 20_000 });
  });

  it('forgets buckets that have filled up again', () => {
    const clock = fakeClock();
    const limiter = new AskLimiter(clock.now);
    for (let i = 0; i < 100; i++) limiter.tryAsk('s', `person-${i}`, `address-${i}`);
    expect(limiter.size).toBe(200);
    clock.advance(60_000); // both rules' buckets are full again by now
    limiter.tryAsk('s', 'latecomer', 'address-x');
    expect(limiter.size).toBe(2);
  });

  it('keeps at most maxBuckets per rule, forgetting the least recently used', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ burst: 2, refillMs: 30_000 }, clock.now, 3);
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    buckets.take('a'); // now a is the most recently used, and empty
    buckets.take('d'); // b goes
    expect(buckets.size).toBe(3);
    expect(buckets.waitMs('a')).toBe(30_000); // kept
    buckets.take('c');
    expect(buckets.waitMs('c')).toBe(30_000);
    buckets.take('e');
    buckets.take('f'); // a and d go: c was used last
    expect(buckets.size).toBe(3);
    expect(buckets.waitMs('a')).toBe(0);
    expect(buckets.waitMs('c')).toBe(30_000);
  });
});
