import { ROLES, type Role } from '@roundtable/shared';
import type { SyncMetrics } from '../sync/SyncMetrics.js';
import { MetricsRegistry } from './MetricsRegistry.js';
import { EventLoopDelay } from './EventLoopDelay.js';

/**
 * Storage appends take well under a millisecond in SQLite (WAL, no fsync per commit) and a round
 * trip or two to Redis; these bounds tell a healthy disk or network from a struggling one, and
 * anything at a second or more means edits wait visibly.
 */
export const STORAGE_WRITE_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] as const;

/** What `roundtable_errors_total` counts, by `kind`. */
export type ErrorKind =
  | 'storage_write' // the batcher's append was refused: the room closes with 1011
  | 'storage_load' // a document could not be loaded: its connection closes with 1011
  | 'storage_compact' // a snapshot could not be written (the log still holds everything)
  | 'sync_close' // the server closed a sync connection with an error code (label `code`)
  | 'control' // a control-plane command or its state could not be read or stored
  | 'http_5xx' // an HTTP request answered 5xx
  | 'uncaught'; // an uncaught exception or unhandled rejection

export type ConnectionKind = 'sync' | 'control';

/** Where the gauges read what is open now; set once the server's parts exist. */
export interface MetricsSources {
  connections(kind: ConnectionKind): Record<Role, number>;
  roomsLoaded(): number;
}

/** The server's metrics, as `GET /metrics` shows them. */
export class ServerMetrics implements SyncMetrics {
  readonly registry = new MetricsRegistry();
  private sources: MetricsSources | null = null;
  private readonly eventLoop = new EventLoopDelay();
  /** CPU time counted so far: all of the process's, from its start. */
  private lastCpu: NodeJS.CpuUsage = { user: 0, system: 0 };

  private readonly connections = this.registry.gauge(
    'roundtable_connections',
    'Open connections: sync (y-websocket, joined to a room) and control (socket.io), by role.',
    ['kind', 'role'],
  );
  private readonly roomsLoaded = this.registry.gauge('roundtable_rooms_loaded', 'Documents loaded in memory (one per session with someone connected).');
  private readonly documentUpdates = this.registry.counter(
    'roundtable_document_updates_total',
    'Document updates: received from clients, and applied (then stored and forwarded). Its rate is updates per second.',
    ['stage'],
  );
  private readonly forwarded = this.registry.counter('roundtable_updates_forwarded_total', 'Document update messages sent to clients, one per recipient.');
  private readonly storageWrites = this.registry.histogram(
    'roundtable_storage_write_seconds',
    'Duration of the storage appends that store batches of document updates, failed ones included.',
    STORAGE_WRITE_BUCKETS_SECONDS,
  );
  private readonly errors = this.registry.counter(
    'roundtable_errors_total',
    'Errors by kind: storage_write, storage_load, storage_compact, sync_close (by close code), control, http_5xx, uncaught.',
    ['kind', 'code'],
  );
  private readonly residentMemory = this.registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.');
  private readonly heapUsed = this.registry.gauge('nodejs_heap_used_bytes', 'V8 heap in use, in bytes.');
  // With heap used and RSS, these tell a leak (heap used grows) from V8 keeping a larger heap (heap
  // total grows) from memory outside the heap (external, array buffers: socket buffers, SQLite rows).
  private readonly heapTotal = this.registry.gauge('nodejs_heap_total_bytes', 'V8 heap reserved, in bytes.');
  private readonly externalMemory = this.registry.gauge('nodejs_external_memory_bytes', 'Memory of C++ objects bound to JavaScript, in bytes.');
  private readonly arrayBuffers = this.registry.gauge('nodejs_array_buffers_bytes', 'Memory of ArrayBuffers and Buffers, in bytes.');
  private readonly cpuSeconds = this.registry.counter('process_cpu_seconds_total', 'User and system CPU time spent, in seconds.');
  private readonly startTime = this.registry.gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch, in seconds.');
  private readonly eventLoopLag = {
    p50: this.registry.gauge('nodejs_eventloop_lag_p50_seconds', 'Median event loop delay over the last minute, in seconds.'),
    p99: this.registry.gauge('nodejs_eventloop_lag_p99_seconds', '99th percentile of the event loop delay over the last minute, in seconds.'),
    max: this.registry.gauge('nodejs_eventloop_lag_max_seconds', 'Longest event loop delay in the last minute, in seconds.'),
  };

  constructor() {
    // Zeros from the start, so that a rate over the first minutes is a rate and not a gap.
    for (const stage of ['received', 'applied']) this.documentUpdates.inc({ stage }, 0);
    this.forwarded.inc({}, 0);
    for (const kind of ['storage_write', 'storage_load', 'storage_compact', 'control', 'http_5xx', 'uncaught']) this.errors.inc({ kind }, 0);
    this.startTime.set({}, Math.round((Date.now() - process.uptime() * 1000) / 1000));
    this.registry.onCollect(() => this.collect());
  }

  /** The server's parts to read the gauges from; until then they read 0. */
  watch(sources: MetricsSources): void {
    this.sources = sources;
  }

  render(): string {
    return this.registry.render();
  }

  /** Stops sampling the event loop (nothing else of the metrics keeps running). */
  close(): void {
    this.eventLoop.stop();
  }

  error(kind: ErrorKind, code?: number): void {
    this.errors.inc(code === undefined ? { kind } : { kind, code: String(code) });
  }

  updatesReceived(count: number): void {
    this.documentUpdates.inc({ stage: 'received' }, count);
  }

  updatesApplied(count: number): void {
    this.documentUpdates.inc({ stage: 'applied' }, count);
  }

  updatesForwarded(messages: number): void {
    this.forwarded.inc({}, messages);
  }

  storageWrite(seconds: number, ok: boolean): void {
    this.storageWrites.observe({}, seconds);
    if (!ok) this.error('storage_write');
  }

  storageFailed(operation: 'load' | 'compact'): void {
    this.error(operation === 'load' ? 'storage_load' : 'storage_compact');
  }

  closedWithError(code: number): void {
    this.error('sync_close', code);
  }

  private collect(): void {
    for (const kind of ['sync', 'control'] as const) {
      const counts = this.sources?.connections(kind);
      for (const role of ROLES) this.connections.set({ kind, role }, counts?.[role] ?? 0);
    }
    this.roomsLoaded.set({}, this.sources?.roomsLoaded() ?? 0);
    const memory = process.memoryUsage();
    this.residentMemory.set({}, memory.rss);
    this.heapUsed.set({}, memory.heapUsed);
    this.heapTotal.set({}, memory.heapTotal);
    this.externalMemory.set({}, memory.external);
    this.arrayBuffers.set({}, memory.arrayBuffers);
    const cpu = process.cpuUsage();
    this.cpuSeconds.inc({}, Math.max(0, cpu.user + cpu.system - this.lastCpu.user - this.lastCpu.system) / 1e6);
    this.lastCpu = cpu;
    const lag = this.eventLoop.reading();
    this.eventLoopLag.p50.set({}, lag.p50);
    this.eventLoopLag.p99.set({}, lag.p99);
    this.eventLoopLag.max.set({}, lag.max);
  }
}
