import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './MetricsRegistry.js';
import { ServerMetrics } from './ServerMetrics.js';
import { parsePrometheusText, sampleValue } from '../../test/prometheusText.js';

describe('MetricsRegistry exposition', () => {
  it('renders counters and gauges with HELP, TYPE and one line per label set', () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter('app_requests_total', 'Requests answered.', ['method', 'status']);
    const temperature = registry.gauge('app_temperature_celsius', 'Current temperature.');
    requests.inc({ method: 'GET', status: '200' });
    requests.inc({ method: 'GET', status: '200' }, 2);
    requests.inc({ method: 'POST', status: '500' });
    temperature.set({}, -3.5);

    expect(registry.render()).toBe(
      [
        '# HELP app_requests_total Requests answered.',
        '# TYPE app_requests_total counter',
        'app_requests_total{method="GET",status="200"} 3',
        'app_requests_total{method="POST",status="500"} 1',
        '# HELP app_temperature_celsius Current temperature.',
        '# TYPE app_temperature_celsius gauge',
        'app_temperature_celsius -3.5',
        '',
      ].join('\n'),
    );
  });

  it('renders a histogram as cumulative buckets up to +Inf, a sum and a count', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('app_write_seconds', 'Write duration.', [0.001, 0.01, 0.1]);
    for (const seconds of [0.0005, 0.001, 0.005, 0.05, 2]) latency.observe({}, seconds);

    expect(registry.render().split('\n').slice(2, -1)).toEqual([
      'app_write_seconds_bucket{le="0.001"} 2', // a value on a bound counts in its bucket
      'app_write_seconds_bucket{le="0.01"} 3',
      'app_write_seconds_bucket{le="0.1"} 4',
      'app_write_seconds_bucket{le="+Inf"} 5',
      'app_write_seconds_sum 2.0565',
      'app_write_seconds_count 5',
    ]);
  });

  it('puts a histogram\'s labels before le, and leaves empty labels out', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('app_op_seconds', 'Duration.', [1], ['op']);
    latency.observe({ op: 'append' }, 0.5);
    const errors = registry.counter('app_errors_total', 'Errors.', ['kind', 'code']);
    errors.inc({ kind: 'close', code: '4400' });
    errors.inc({ kind: 'storage' });

    const text = registry.render();
    expect(text).toContain('app_op_seconds_bucket{op="append",le="1"} 1');
    expect(text).toContain('app_op_seconds_sum{op="append"} 0.5');
    expect(text).toContain('app_errors_total{kind="close",code="4400"} 1');
    expect(text).toContain('app_errors_total{kind="storage"} 1');
  });

  it('escapes label values and help text', () => {
    const registry = new MetricsRegistry();
    registry.counter('app_things_total', 'Things with a \\ and a\nline feed.', ['name']).inc({ name: 'say "hi"\\\n' });

    const text = registry.render();
    expect(text).toContain('# HELP app_things_total Things with a \\\\ and a\\nline feed.');
    expect(text).toContain('app_things_total{name="say \\"hi\\"\\\\\\n"} 1');
    expect(sampleValue(parsePrometheusText(text), 'app_things_total', { name: 'say "hi"\\\n' })).toBe(1);
  });

  it('writes non-finite values as the format spells them', () => {
    const registry = new MetricsRegistry();
    const gauge = registry.gauge('app_ratio', 'A ratio.', ['case']);
    gauge.set({ case: 'nan' }, Number.NaN);
    gauge.set({ case: 'up' }, Number.POSITIVE_INFINITY);
    gauge.set({ case: 'down' }, Number.NEGATIVE_INFINITY);

    const text = registry.render();
    expect(text).toContain('app_ratio{case="nan"} NaN');
    expect(text).toContain('app_ratio{case="up"} +Inf');
    expect(text).toContain('app_ratio{case="down"} -Inf');
    expect(parsePrometheusText(text)).toHaveLength(3);
  });

  it('refuses what would break the format: bad names, unknown labels, counters going down, duplicates', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter('app-requests', 'Bad name.')).toThrow(/invalid metric name/);
    expect(() => registry.counter('app_x_total', 'Reserved label.', ['le'])).toThrow(/invalid label name/);
    const counter = registry.counter('app_y_total', 'Y.', ['kind']);
    expect(() => counter.inc({ other: 'x' })).toThrow(/no label other/);
    expect(() => counter.inc({ kind: 'a' }, -1)).toThrow(/only go up/);
    expect(() => registry.gauge('app_y_total', 'Again.')).toThrow(/registered twice/);
    expect(() => registry.histogram('app_z_seconds', 'Z.', [1, 0.5])).toThrow(/increasing/);
  });

  it('reads values that live elsewhere at each render', () => {
    const registry = new MetricsRegistry();
    const open = registry.gauge('app_open', 'Open things.');
    let count = 1;
    registry.onCollect(() => open.set({}, count));
    expect(registry.render()).toContain('app_open 1');
    count = 7;
    expect(registry.render()).toContain('app_open 7');
  });
});

describe('ServerMetrics', () => {
  it('shows the event loop\'s delay over the last minute, which no scrape resets', async () => {
    const metrics = new ServerMetrics();
    try {
      const lagMax = () => sampleValue(parsePrometheusText(metrics.render()), 'nodejs_eventloop_lag_max_seconds') ?? 0;
      const until = Date.now() + 150;
      while (Date.now() < until) {
        // holding the loop, as a long synchronous handler would
      }
      for (let waited = 0; lagMax() < 0.1; waited += 5) {
        if (waited > 5_000) throw new Error('the stall never showed');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(lagMax()).toBeGreaterThanOrEqual(0.1); // a second scrape sees it too
    } finally {
      metrics.close();
    }
  });

  it('shows every metric from the start, zeros included, in a format that parses', () => {
    const metrics = new ServerMetrics();
    try {
      const samples = parsePrometheusText(metrics.render());
      expect(sampleValue(samples, 'roundtable_connections', { kind: 'sync', role: 'moderator' })).toBe(0);
      expect(sampleValue(samples, 'roundtable_connections', { kind: 'control', role: 'follower' })).toBe(0);
      expect(sampleValue(samples, 'roundtable_rooms_loaded')).toBe(0);
      expect(sampleValue(samples, 'roundtable_document_updates_total', { stage: 'received' })).toBe(0);
      expect(sampleValue(samples, 'roundtable_updates_forwarded_total')).toBe(0);
      expect(sampleValue(samples, 'roundtable_storage_write_seconds_count')).toBe(0);
      expect(sampleValue(samples, 'roundtable_errors_total', { kind: 'storage_write' })).toBe(0);
      expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(sampleValue(samples, 'nodejs_heap_used_bytes')).toBeGreaterThan(0);
      expect(sampleValue(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(sampleValue(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    } finally {
      metrics.close();
    }
  });

  it('counts what the sync layer reports, and reads connections and rooms from their sources', () => {
    const metrics = new ServerMetrics();
    try {
      metrics.watch({
        connections: (kind) => (kind === 'sync' ? { moderator: 1, attendee: 2, follower: 3 } : { moderator: 1, attendee: 0, follower: 0 }),
        roomsLoaded: () => 4,
      });
      metrics.updatesReceived(3);
      metrics.updatesApplied(2);
      metrics.updatesForwarded(6);
      metrics.storageWrite(0.002, true);
      metrics.storageWrite(0.2, false);
      metrics.closedWithError(4400);

      const samples = parsePrometheusText(metrics.render());
      expect(sampleValue(samples, 'roundtable_connections', { kind: 'sync', role: 'follower' })).toBe(3);
      expect(sampleValue(samples, 'roundtable_connections', { kind: 'control', role: 'moderator' })).toBe(1);
      expect(sampleValue(samples, 'roundtable_rooms_loaded')).toBe(4);
      expect(sampleValue(samples, 'roundtable_document_updates_total', { stage: 'received' })).toBe(3);
      expect(sampleValue(samples, 'roundtable_document_updates_total', { stage: 'applied' })).toBe(2);
      expect(sampleValue(samples, 'roundtable_updates_forwarded_total')).toBe(6);
      expect(sampleValue(samples, 'roundtable_storage_write_seconds_bucket', { le: '0.0025' })).toBe(1);
      expect(sampleValue(samples, 'roundtable_storage_write_seconds_bucket', { le: '0.25' })).toBe(2);
      expect(sampleValue(samples, 'roundtable_storage_write_seconds_count')).toBe(2);
      expect(sampleValue(samples, 'roundtable_errors_total', { kind: 'storage_write' })).toBe(1);
      expect(sampleValue(samples, 'roundtable_errors_total', { kind: 'sync_close', code: '4400' })).toBe(1);
    } finally {
      metrics.close();
    }
  });
});
