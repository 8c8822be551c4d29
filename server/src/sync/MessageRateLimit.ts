import { TokenBuckets, type BucketRule } from '../limits/index.js';
import { MESSAGE } from './messages.js';

/** How many messages one sync connection may send, by kind. */
export interface MessageRateLimits {
  /**
   * Every message but awareness: document updates (and sync step 2), sync step 1 and awareness
   * queries, each of which has the server apply, store or send something. A connection that goes
   * over it is closed with 1013.
   */
  documentMessages: BucketRule;
  /**
   * Awareness (cursors, selections, presence): frames over it are skipped, never refused. Each says
   * where things are now, so only the latest skipped one is kept, and applied as soon as allowed.
   */
  awareness: BucketRule;
}

export const MESSAGE_RATE_LIMITS: MessageRateLimits = {
  /**
   * 500 at once, then 200 a second. The busiest honest client writes about 100 a second: tldraw
   * flushes its store into the document at most once per 60 Hz frame while drawing, plus once per
   * remote broadcast it hears meanwhile (at most 30 a second); TipTap writes once per keystroke (30
   * a second with key repeat); a benchmark editor 2. The burst takes a 5 s Wi-Fi stall of that
   * pace: the browser sends what it buffered all at once when the network comes back.
   */
  documentMessages: { burst: 500, refillMs: 5 },
  /**
   * 100 at once, then one per 16 ms (62 a second): a cursor moving at one frame per 60 Hz screen
   * refresh. Faster screens (120, 144 Hz) send more: their extra frames are skipped, so the others see
   * that cursor at 60 fps, and where it stopped within 16 ms.
   */
  awareness: { burst: 100, refillMs: 16 },
};

/** What a connection whose messages are within the limits is handed on to. */
export interface RateLimitedReceiver {
  /** A frame within the limits: handle it now. */
  deliver(frame: Uint8Array): void;
  /** The connection went over its document-message limit: close it with this reason. Nothing is delivered after. */
  flooded(reason: string): void;
}

/** Each connection has one bucket of each kind, under this key. */
const ONLY = '';

/**
 * One sync connection's message rate limits (`MESSAGE_RATE_LIMITS`), checked on the raw frame before
 * anything decodes it, so a flood costs the server next to nothing: a flood of document messages
 * closes the connection, excess awareness is skipped. Knows messages, not sockets.
 */
export class MessageRateLimit {
  private readonly documentMessages: TokenBuckets;
  private readonly awareness: TokenBuckets;
  /** The latest awareness frame skipped for being over the limit: delivered once a token is back. */
  private held: Uint8Array | null = null;
  private heldTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly limits: MessageRateLimits,
    private readonly receiver: RateLimitedReceiver,
    now: () => number = Date.now,
  ) {
    this.documentMessages = new TokenBuckets(limits.documentMessages, now, 1);
    this.awareness = new TokenBuckets(limits.awareness, now, 1);
  }

  receive(frame: Uint8Array): void {
    if (this.stopped) return;
    // The message type is the frame's first varint: awareness (1) is the single byte 1. A longer
    // spelling of 1 counts as a document message, the stricter limit, and decodes alike.
    if (frame[0] === MESSAGE.awareness) return this.receiveAwareness(frame);
    if (this.documentMessages.waitMs(ONLY) > 0) {
      this.stop();
      const { burst, refillMs } = this.limits.documentMessages;
      return this.receiver.flooded(`too many messages: more than ${burst} at once or ${Math.floor(1000 / refillMs)} a second`);
    }
    this.documentMessages.take(ONLY);
    this.receiver.deliver(frame);
  }

  /** Delivers nothing more, and lets go of the held frame (the connection is closing). */
  stop(): void {
    this.stopped = true;
    this.held = null;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
  }

  private receiveAwareness(frame: Uint8Array): void {
    const waitMs = this.awareness.waitMs(ONLY);
    if (waitMs > 0) {
      this.held = frame; // an earlier skipped frame is older news than this one
      this.heldTimer ??= setTimeout(() => this.releaseHeld(), waitMs);
      return;
    }
    // A frame still held is older than this one: it goes.
    this.held = null;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    this.awareness.take(ONLY);
    this.receiver.deliver(frame);
  }

  private releaseHeld(): void {
    this.heldTimer = null;
    const frame = this.held;
    this.held = null;
    if (!frame || this.stopped) return;
    this.awareness.take(ONLY);
    this.receiver.deliver(frame);
  }
}
