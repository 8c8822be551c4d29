import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { binaryFrame, FrameCache } from './wsFrame.js';

// ws's frame parser; exported at runtime but not in its type definitions.
const { Receiver } = ws as unknown as {
  Receiver: new (options: { isServer: boolean }) => NodeJS.EventEmitter & { write(chunk: Buffer): boolean };
};

/** Parses frames with ws's own receiver, as a client would. */
function parse(frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? resolve(data) : reject(new Error('text'))));
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

describe('binaryFrame', () => {
  it.each([0, 1, 125, 126, 65535, 65536, 200_000])('frames %i bytes so that ws reads them back', async (size) => {
    const payload = Buffer.alloc(size, 7);
    if (size > 0) payload[size - 1] = 9;
    expect((await parse(binaryFrame(payload))).equals(payload)).toBe(true);
  });

  it('frames a message once for consecutive sends', () => {
    const cache = new FrameCache();
    const message = new Uint8Array([1, 2, 3]);
    const first = cache.frameOf(message);
    expect(cache.frameOf(message)).toBe(first);
    expect(cache.frameOf(new Uint8Array([1, 2, 3]))).not.toBe(first);
  });
});
