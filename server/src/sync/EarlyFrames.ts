/** How much a sync connection may send before it has joined its room. */
export interface EarlyFrameLimits {
  maxFrames: number;
  maxBytes: number;
}

export const EARLY_FRAME_LIMITS: EarlyFrameLimits = {
  /**
   * A client sends sync step 1 and its awareness on opening, then whatever its person does while
   * the token is checked and the document loads: drawing and a moving cursor are about 130 frames
   * a second, and loading a large document after a restart can take a second.
   */
  maxFrames: 256,
  /**
   * Before the token is checked the sender may be anyone, so this is kept small. A client that sends
   * its whole document meanwhile (a browser's local copy loading just then) is refused once and
   * reconnects: the same content then goes as sync step 2, after joining, where 8 MiB is the limit.
   */
  maxBytes: 1024 * 1024,
};

/**
 * Frames that arrive before a connection has joined its room (while its token is checked and the
 * document loads), kept to be handled in order once it has, up to `EarlyFrameLimits`. Past them
 * nothing more is kept: the connection is to be closed.
 */
export class EarlyFrames {
  private frames: Uint8Array[] = [];
  private bytes = 0;
  private overflowed = false;

  constructor(private readonly limits: EarlyFrameLimits) {}

  /** Keeps a frame; false, keeping nothing from then on, once the limits are passed. */
  push(frame: Uint8Array): boolean {
    if (this.overflowed) return false;
    if (this.frames.length >= this.limits.maxFrames || this.bytes + frame.byteLength > this.limits.maxBytes) {
      this.overflowed = true;
      this.frames = [];
      this.bytes = 0;
      return false;
    }
    this.frames.push(frame);
    this.bytes += frame.byteLength;
    return true;
  }

  /** The frames kept, oldest first, handed over once (the buffer is empty after). */
  take(): Uint8Array[] {
    const frames = this.frames;
    this.frames = [];
    this.bytes = 0;
    return frames;
  }

  /** The close reason for a connection that passed the limits. */
  get refusal(): string {
    const { maxFrames, maxBytes } = this.limits;
    return `too many messages before the connection was accepted: at most ${maxFrames} or ${formatBytes(maxBytes)}`;
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
