import { ByteBudget, TokenBuckets, type BucketRule, type ByteRule } from '../limits/index.js';
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
  /** The bytes of document messages: over it, closed with 1013 like a flood of messages. */
  documentBytes: ByteRule;
  /** The bytes of awareness frames: over it, skipped like a flood of awareness, the latest kept. */
  awarenessBytes: ByteRule;
}

const MiB = 1024 * 1024;

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
  /**
   * 64 MiB at once, then 8 MiB a second: the message size limit (8 MiB) alone would let one
   * connection send 200 of them a second, each decoded twice, stored and sent on. The heaviest honest
   * sender is tldraw moving many shapes: each frame rewrites every moved shape (~350 bytes), so
   * dragging 100 shapes writes ~2 MB a second, and even 1,000 (~20 MB a second) for 5 s fits. A sync
   * step 2 of a large board after a reconnect is one message of at most 8 MiB.
   */
  documentBytes: { burst: 64 * MiB, perSecond: 8 * MiB },
  /**
   * 2 MiB at once, then 512 KiB a second, because every frame goes on to everyone in the room: a
   * cursor with its selection is under 2 KB (~120 KB a second at 60 fps); selecting 10,000 shapes
   * makes it ~300 KB, and that person's cursor then moves a few times a second for the others.
   */
  awarenessBytes: { burst: 2 * MiB, perSecond: 512 * 1024 },
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
 * or bytes closes the connection, excess awareness is skipped. Knows messages, not sockets.
 */
export class MessageRateLimit {
  private readonly documentMessages: TokenBuckets;
  private readonly awareness: TokenBuckets;
  private readonly documentBytes: ByteBudget;
  private readonly awarenessBytes: ByteBudget;
  /** The latest awareness frame skipped for being over the limit: delivered once a token is back. */
  private held: Uint8Array | null = null;
  private heldTimer: NodeJS.Timeout | null = null;
  /** When the held frame's timer fires. */
  private heldDueAt = 0;
  private stopped = false;

  constructor(
    private readonly limits: MessageRateLimits,
    private readonly receiver: RateLimitedReceiver,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.documentMessages = new TokenBuckets(limits.documentMessages, now, 1);
    this.awareness = new TokenBuckets(limits.awareness, now, 1);
    this.documentBytes = new ByteBudget(limits.documentBytes, now);
    this.awarenessBytes = new ByteBudget(limits.awarenessBytes, now);
  }

  receive(frame: Uint8Array): void {
    if (this.stopped) return;
    // The message type is the frame's first varint: awareness (1) is the single byte 1. A longer
    // spelling of 1 counts as a document message, the stricter limit, and decodes alike.
    if (frame[0] === MESSAGE.awareness) return this.receiveAwareness(frame);
    if (this.documentMessages.waitMs(ONLY) > 0) {
      const { burst, refillMs } = this.limits.documentMessages;
      return this.flood(`too many messages: more than ${burst} at once or ${Math.floor(1000 / refillMs)} a second`);
    }
    if (this.documentBytes.waitMs(frame.byteLength) > 0) {
      const { burst, perSecond } = this.limits.documentBytes;
      return this.flood(`too much data: more than ${byteSize(burst)} at once or ${byteSize(perSecond)} a second`);
    }
    this.documentMessages.take(ONLY);
    this.documentBytes.take(frame.byteLength);
    this.receiver.deliver(frame);
  }

  /** Delivers nothing more, and lets go of the held frame (the connection is closing). */
  stop(): void {
    this.stopped = true;
    this.held = null;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
  }

  private flood(reason: string): void {
    this.stop();
    this.receiver.flooded(reason);
  }

  /** Milliseconds until an awareness frame may pass: both its message and its bytes. */
  private awarenessWaitMs(frame: Uint8Array): number {
    return Math.max(this.awareness.waitMs(ONLY), this.awarenessBytes.waitMs(frame.byteLength));
  }

  private receiveAwareness(frame: Uint8Array): void {
    const waitMs = this.awarenessWaitMs(frame);
    if (waitMs > 0) {
      this.held = frame; // an earlier skipped frame is older news than this one
      // The timer stays unless this frame may go sooner (a smaller one than the frame it was set for):
      // a flood of awareness then costs no timer per frame. Set too early, the release waits again.
      const dueAt = this.now() + waitMs;
      if (this.heldTimer && dueAt >= this.heldDueAt) return;
      if (this.heldTimer) clearTimeout(this.heldTimer);
      this.holdUntil(dueAt);
      return;
    }
    // A frame still held is older than this one: it goes.
    this.held = null;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    this.passAwareness(frame);
  }

  private releaseHeld(): void {
    this.heldTimer = null;
    const frame = this.held;
    if (!frame || this.stopped) return;
    // Timers may fire a little early; the frame goes only once both budgets allow it.
    const waitMs = this.awarenessWaitMs(frame);
    if (waitMs > 0) return this.holdUntil(this.now() + waitMs);
    this.held = null;
    this.passAwareness(frame);
  }

  private holdUntil(dueAt: number): void {
    this.heldDueAt = dueAt;
    this.heldTimer = setTimeout(() => this.releaseHeld(), dueAt - this.now());
  }

  private passAwareness(frame: Uint8Array): void {
    this.awareness.take(ONLY);
    this.awarenessBytes.take(frame.byteLength);
    this.receiver.deliver(frame);
  }
}

/** A size in MiB, or KiB below one MiB, for a close reason. */
function byteSize(bytes: number): string {
  return bytes >= MiB ? `${+(bytes / MiB).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
