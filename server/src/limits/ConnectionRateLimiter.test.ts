import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { CONNECTION_RATE_LIMIT, ConnectionRateLimiter, refuseUpgrade, tooManyConnections } from './index.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('ConnectionRateLimiter', () => {
  it('lets an address open its burst at once, then one per refill, and refuses meanwhile without counting', () => {
    const clock = fakeClock();
    const limiter = new ConnectionRateLimiter({ burst: 3, refillMs: 1_000 }, clock.now);
    for (let i = 0; i < 3; i++) expect(limiter.admit('192.0.2.7')).toEqual({ ok: true });
    expect(limiter.admit('192.0.2.7')).toEqual({ ok: false, retryAfterMs: 1_000 });
    clock.advance(400);
    expect(limiter.admit('192.0.2.7')).toEqual({ ok: false, retryAfterMs: 600 }); // the refusal took nothing
    clock.advance(600);
    expect(limiter.admit('192.0.2.7')).toEqual({ ok: true });
    expect(limiter.admit('192.0.2.7')).toMatchObject({ ok: false });
  });

  it('keys by address: one address over its limit holds back no other', () => {
    const limiter = new ConnectionRateLimiter({ burst: 2, refillMs: 60_000 }, fakeClock().now);
    limiter.admit('192.0.2.7');
    limiter.admit('192.0.2.7');
    expect(limiter.admit('192.0.2.7')).toMatchObject({ ok: false });
    expect(limiter.admit('::ffff:192.0.2.7')).toMatchObject({ ok: false }); // the same peer, seen by a dual-stack socket
    expect(limiter.admit('192.0.2.8')).toEqual({ ok: true });
    expect(limiter.admit('2001:db8:0:1::1')).toEqual({ ok: true });
    expect(limiter.admit('2001:db8:0:1::2')).toEqual({ ok: true });
    expect(limiter.admit('2001:db8:0:1::3')).toMatchObject({ ok: false }); // the same /64
    expect(limiter.admit('2001:db8:0:2::1')).toEqual({ ok: true });
    expect(limiter.admit(undefined)).toEqual({ ok: true }); // a socket already gone has no address; counted alike
  });

  it('lets the load benchmark open 1,060 connections at 250 a second from one address', () => {
    const clock = fakeClock();
    const limiter = new ConnectionRateLimiter(CONNECTION_RATE_LIMIT, clock.now);
    for (let i = 0; i < 1_060; i++) {
      expect(limiter.admit('127.0.0.1')).toEqual({ ok: true });
      clock.advance(4);
    }
  });
});

describe('the refusal', () => {
  it('is a 429 with Retry-After in whole seconds, at least 1, and says why', () => {
    expect(tooManyConnections(1)).toMatchObject({ status: 429, headers: { 'Retry-After': '1' }, body: 'too many connections from your address; retry in 1 s\n' });
    expect(tooManyConnections(2_001).headers['Retry-After']).toBe('3');
  });

  it('goes on a refused upgrade\'s raw socket as plain HTTP', async () => {
    const socket = new PassThrough();
    refuseUpgrade(socket, 1_500);
    const written = (await socket.toArray()).join('');
    expect(written).toMatch(/^HTTP\/1.1 429 Too Many Requests\r\n/);
    expect(written).toContain('Retry-After: 2\r\n');
    expect(written).toContain('Connection: close\r\n');
    expect(written.endsWith('\r\n\r\ntoo many connections from your address; retry in 2 s\n')).toBe(true);
  });
});
