import { describe, expect, it } from 'vitest';
import { addressBucket, TokenBuckets } from '../limits/index.js';
import { AskLimiter, ASK_LIMITS } from './askLimiter.js';

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

describe('the address an ask counts against', () => {
  it('is an IPv6 host\'s /64, however the address is written', () => {
    expect(addressBucket('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(addressBucket('2001:DB8:0:1::2')).toBe('2001:db8:0:1::/64');
    expect(addressBucket('2001:0db8:0000:0001:0:0:0:3%eth0')).toBe('2001:db8:0:1::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressBucket('2001:db8:0:2::1')).not.toBe(addressBucket('2001:db8:0:1::1'));
  });

  it('is the whole address for IPv4, also mapped into IPv6', () => {
    expect(addressBucket('192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('::ffff:c000:207')).toBe('192.0.2.7');
    expect(addressBucket('::ffff:192.0.2.8')).not.toBe(addressBucket('::ffff:192.0.2.7'));
    expect(addressBucket('not an address')).toBe('not an address');
  });

  it('holds back a host that rotates its addresses within its /64', () => {
    const limiter = new AskLimiter(fakeClock().now);
    for (let i = 0; i < 6; i++) expect(limiter.tryAsk('s', `person-${i}`, `2001:db8:0:1::${i + 1}`)).toEqual({ ok: true });
    expect(limiter.tryAsk('s', 'person-6', '2001:db8:0:1:ffff:ffff:ffff:ffff')).toEqual({ ok: false, retryAfterMs: 10_000 });
    expect(limiter.tryAsk('s', 'person-6', '2001:db8:0:2::1')).toEqual({ ok: true }); // the next /64 is someone else
    // IPv4 peers, plain or mapped, are one address each: the same one either way.
    for (let i = 0; i < 6; i++) expect(limiter.tryAsk('s', `v4-${i}`, i % 2 ? '192.0.2.9' : '::ffff:192.0.2.9')).toEqual({ ok: true });
    expect(limiter.tryAsk('s', 'v4-6', '192.0.2.9')).toMatchObject({ ok: false });
    expect(limiter.tryAsk('s', 'v4-6', '::ffff:192.0.2.10')).toEqual({ ok: true });
  });
});
