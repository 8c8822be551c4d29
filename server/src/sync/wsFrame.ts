/**
 * A complete, unmasked websocket binary frame (RFC 6455 §5.2) as a server sends it. A room sends
 * the same message to dozens of connections: framing it once and writing the same bytes to every
 * socket saves ws's per-send framing and buffer juggling on the hottest path of the server.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x82; // FIN + binary opcode
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerLength);
  return frame;
}

/** Frames a message once however many connections it goes to (they get it one after another). */
export class FrameCache {
  private message: Uint8Array | null = null;
  private frame: Buffer | null = null;

  frameOf(message: Uint8Array): Buffer {
    if (message !== this.message) {
      this.frame = binaryFrame(message);
      this.message = message;
    }
    return this.frame!;
  }
}
