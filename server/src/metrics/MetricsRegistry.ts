/**
 * Counters, gauges and histograms, rendered in the Prometheus text exposition format (0.0.4):
 * https://prometheus.io/docs/instrumenting/exposition_formats/. The little of a client library the
 * server needs, without one; what a scrape shows is what the metrics hold at that moment.
 */

export type Labels = Readonly<Record<string, string>>;

/** The Content-Type of what `render()` writes. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Metric {
  readonly name: string;
  render(): string;
}

/** One value per combination of label values, kept in the order the labels were declared. */
abstract class LabelledMetric<Value> implements Metric {
  protected readonly series = new Map<string, { labels: Labels; value: Value }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
    readonly labelNames: readonly string[],
  ) {
    if (!NAME.test(name)) throw new Error(`invalid metric name: ${name}`);
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__') || label === 'le') throw new Error(`invalid label name: ${label}`);
    }
  }

  protected abstract initial(): Value;

  /** The series for these labels, created (at its initial value) on first use. */
  protected at(labels: Labels): { labels: Labels; value: Value } {
    const key = this.keyOf(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels: Object.fromEntries(this.labelNames.map((name) => [name, labels[name] ?? ''])), value: this.initial() };
      this.series.set(key, entry);
    }
    return entry;
  }

  /** The value for these labels without creating the series; undefined before its first use. */
  protected peek(labels: Labels): Value | undefined {
    return this.series.get(this.keyOf(labels))?.value;
  }

  private keyOf(labels: Labels): string {
    for (const name of Object.keys(labels)) {
      if (!this.labelNames.includes(name)) throw new Error(`${this.name} has no label ${name}`);
    }
    return JSON.stringify(this.labelNames.map((name) => labels[name] ?? ''));
  }

  render(): string {
    if (this.labelNames.length === 0) this.at({}); // a metric without labels shows its one series from the start
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, value } of this.series.values()) lines.push(...this.sampleLines(labels, value));
    return lines.join('\n');
  }

  protected abstract sampleLines(labels: Labels, value: Value): string[];
}

/** A metric with one number per label set. */
abstract class NumericMetric extends LabelledMetric<number> {
  protected initial(): number {
    return 0;
  }

  get(labels: Labels = {}): number {
    return this.peek(labels) ?? 0;
  }

  protected sampleLines(labels: Labels, value: number): string[] {
    return [sample(this.name, labels, value)];
  }
}

/** A count that only goes up (until the process restarts); read with `rate()`. */
export class Counter extends NumericMetric {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, 'counter', labelNames);
  }

  /** `by` 0 creates the series, so that it shows 0 before the first event rather than nothing. */
  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new Error(`${this.name} can only go up, not by ${by}`);
    this.at(labels).value += by;
  }
}

/** A value that goes up and down. */
export class Gauge extends NumericMetric {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, 'gauge', labelNames);
  }

  set(labels: Labels, value: number): void {
    this.at(labels).value = value;
  }
}

interface HistogramValue {
  /** Per bucket, the observations up to its bound (not cumulative; summed when rendered). */
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into buckets by upper bound, with their sum and count. */
export class Histogram extends LabelledMetric<HistogramValue> {
  readonly buckets: readonly number[];

  constructor(name: string, help: string, buckets: readonly number[], labelNames: readonly string[] = []) {
    super(name, help, 'histogram', labelNames);
    if (buckets.length === 0 || buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= buckets[i - 1]!))) {
      throw new Error(`${name}: buckets must be finite and increasing`);
    }
    this.buckets = [...buckets];
  }

  protected initial(): HistogramValue {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }

  observe(labels: Labels, value: number): void {
    const entry = this.at(labels).value;
    const bucket = this.buckets.findIndex((bound) => value <= bound);
    if (bucket >= 0) entry.counts[bucket]!++;
    entry.sum += value;
    entry.count++;
  }

  get(labels: Labels = {}): Readonly<HistogramValue> {
    return this.peek(labels) ?? this.initial();
  }

  protected sampleLines(labels: Labels, { counts, sum, count }: HistogramValue): string[] {
    let cumulative = 0;
    const lines = this.buckets.map((bound, i) => {
      cumulative += counts[i]!;
      return sample(`${this.name}_bucket`, { ...labels, le: formatValue(bound) }, cumulative);
    });
    lines.push(sample(`${this.name}_bucket`, { ...labels, le: '+Inf' }, count));
    lines.push(sample(`${this.name}_sum`, labels, sum), sample(`${this.name}_count`, labels, count));
    return lines;
  }
}

/** The metrics one scrape shows, in the order they were registered. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();
  private readonly collectors: (() => void)[] = [];

  counter(name: string, help: string, labelNames?: readonly string[]): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames?: readonly string[]): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, buckets: readonly number[], labelNames?: readonly string[]): Histogram {
    return this.add(new Histogram(name, help, buckets, labelNames));
  }

  /** Runs before each render: reads values that live elsewhere (open connections, memory) into metrics. */
  onCollect(collect: () => void): void {
    this.collectors.push(collect);
  }

  /** The whole exposition, ending with a newline as the format asks. */
  render(): string {
    for (const collect of this.collectors) collect();
    return [...this.metrics.values()].map((metric) => metric.render()).join('\n') + '\n';
  }

  private add<M extends Metric>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}

function sample(name: string, labels: Labels, value: number): string {
  // An empty label value is the same as no label, so it is left out.
  const pairs = Object.entries(labels)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return `${name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${formatValue(value)}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** In label values, backslash, double quote and line feed are escaped. */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** In help text, only backslash and line feed. */
function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
