// Latency histogram with log-spaced buckets (1 % wide). Workers record
// hundreds of thousands of samples; shipping buckets over IPC instead of raw
// samples keeps the messages small while percentiles stay within 1 %.

const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Samples below this (ms) share the first bucket. */
const FLOOR_MS = 0.01;

export type SerializedHistogram = { counts: [number, number][]; count: number; sum: number; max: number };

export class Histogram {
  private counts = new Map<number, number>();
  count = 0;
  sum = 0;
  max = 0;

  record(ms: number): void {
    // clocks of two processes can disagree by a hair; a negative latency is 0
    const value = Math.max(ms, 0);
    const index = value <= FLOOR_MS ? 0 : Math.ceil(Math.log(value / FLOOR_MS) / LOG_GROWTH);
    this.counts.set(index, (this.counts.get(index) ?? 0) + 1);
    this.count += 1;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  merge(other: SerializedHistogram): void {
    for (const [index, n] of other.counts) this.counts.set(index, (this.counts.get(index) ?? 0) + n);
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
  }

  serialize(): SerializedHistogram {
    return { counts: [...this.counts], count: this.count, sum: this.sum, max: this.max };
  }

  /** Upper edge of the bucket holding the q-quantile, in ms (NaN if empty). */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (const index of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(index) ?? 0;
      if (seen >= rank) return Math.min(FLOOR_MS * GROWTH ** index, this.max);
    }
    return this.max;
  }

  mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }
}
