export { MetricsRegistry, Counter, Gauge, Histogram, PROMETHEUS_CONTENT_TYPE, type Labels } from './MetricsRegistry.js';
export { ServerMetrics, STORAGE_WRITE_BUCKETS_SECONDS, type ErrorKind, type ConnectionKind, type MetricsSources } from './ServerMetrics.js';
