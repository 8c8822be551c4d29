import { describe, expect, it } from 'vitest';
import { EARLY_FRAME_LIMITS, EarlyFrames } from './EarlyFrames.js';

describe('EarlyFrames', () => {
  it('keeps frames in order up to the limits and hands them over once', () => {
    const early = new EarlyFrames({ maxFrames: 3, maxBytes: 100 });
    for (const n of [1, 2, 3]) expect(early.push(new Uint8Array([n]))).toBe(true);
    expect(early.take().map((frame) => frame[0])).toEqual([1, 2, 3]);
    expect(early.take()).toEqual([]);
  });

  it('refuses past the frame count, keeping nothing from then on', () => {
    const early = new EarlyFrames({ maxFrames: 3, maxBytes: 100 });
    for (const n of [1, 2, 3]) early.push(new Uint8Array([n]));
    expect(early.push(new Uint8Array([4]))).toBe(false);
    expect(early.push(new Uint8Array([5]))).toBe(false);
    expect(early.take()).toEqual([]);
    expect(early.refusal).toBe('too many messages before the connection was accepted: at most 3 or 100 bytes');
  });

  it('refuses past the bytes, even on the first frame', () => {
    const early = new EarlyFrames({ maxFrames: 3, maxBytes: 100 });
    expect(early.push(new Uint8Array(60))).toBe(true);
    expect(early.push(new Uint8Array(40))).toBe(true);
    expect(early.push(new Uint8Array(1))).toBe(false);
    expect(new EarlyFrames({ maxFrames: 3, maxBytes: 100 }).push(new Uint8Array(101))).toBe(false);
  });

  it('says the default limits in its close reason, within the 123 bytes a close reason may take', () => {
    const reason = new EarlyFrames(EARLY_FRAME_LIMITS).refusal;
    expect(reason).toBe('too many messages before the connection was accepted: at most 256 or 1 MiB');
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
  });
});
