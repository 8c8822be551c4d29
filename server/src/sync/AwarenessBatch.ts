/**
 * Awareness client ids gathered to go out together, in one message per recipient, when an
 * interval ends: the room's plain renewals (every 5 s), followers' changes (every 2 s) and editors'
 * changes on their way to followers (every 100 ms). A set, so a client heard from five times in
 * the interval goes out once, with its latest state.
 */
export class AwarenessBatch {
  private readonly ids = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private due = Number.POSITIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    /** Relays the gathered ids; never called with none. */
    private readonly relay: (ids: number[]) => void,
  ) {}

  /** When the pending batch goes out (epoch ms); infinite while none is pending. */
  get dueAt(): number {
    return this.due;
  }

  add(id: number): void {
    this.ids.add(id);
    if (this.timer) return;
    this.timer = setTimeout(this.flush, this.intervalMs);
    this.timer.unref(); // presence is not worth keeping a stopping process alive for
    this.due = Date.now() + this.intervalMs;
  }

  /** Relays what is pending now instead of when the interval ends. */
  readonly flush = (): void => {
    this.stopTimer();
    if (this.ids.size === 0) return;
    const ids = [...this.ids];
    this.ids.clear();
    this.relay(ids);
  };

  /** Drops what is pending, timer included. */
  clear(): void {
    this.stopTimer();
    this.ids.clear();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.due = Number.POSITIVE_INFINITY;
  }
}
