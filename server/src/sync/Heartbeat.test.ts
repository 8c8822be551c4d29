import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat, type Pingable } from './Heartbeat.js';

class FakeConnection implements Pingable {
  alive = true;
  pings = 0;
  terminated = false;
  ping() {
    this.pings++;
  }
  terminate() {
    this.terminated = true;
  }
}

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('spreads the pings over the interval and drops a connection that stopped answering', () => {
    const heartbeat = new Heartbeat<FakeConnection>(1000, 20);
    const conns = Array.from({ length: 40 }, () => new FakeConnection());
    for (const c of conns) heartbeat.add(c);

    vi.advanceTimersByTime(50); // one slot
    expect(conns.filter((c) => c.pings === 1)).toHaveLength(2);
    vi.advanceTimersByTime(950); // the whole interval: everyone once
    expect(conns.every((c) => c.pings === 1)).toBe(true);

    // Everyone but the first answers; the first is dropped at its next turn, nobody else.
    for (const c of conns.slice(1)) c.alive = true;
    vi.advanceTimersByTime(1000);
    expect(conns[0]!.terminated).toBe(true);
    expect(conns.slice(1).every((c) => !c.terminated && c.pings === 2)).toBe(true);

    // A connection that left is never pinged again.
    heartbeat.delete(conns[1]!);
    vi.advanceTimersByTime(1000);
    expect(conns[1]!.pings).toBe(2);
    heartbeat.stop();
  });
});
