// Turns results into the Markdown table printed at the end of a run (and
// pasted into docs/benchmarks.md) and the JSON file under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LateJoinerResult } from './lateJoiner.js';
import type { LoadResult } from './loadScenario.js';
import { SCENARIOS } from './scenarios.js';
import type { ServerKind } from './serverProcess.js';

export interface RunFailure {
  server: ServerKind;
  what: string;
  error: string;
}

export interface BenchReport {
  date: string;
  command: string;
  machine: { cpus: number; node: string; note: string };
  options: Record<string, unknown>;
  load: LoadResult[];
  noisyRunsReplaced: LoadResult[];
  lateJoiner: LateJoinerResult[];
  failures: RunFailure[];
}

const fmt = (value: number | undefined, digits: number): string => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
const pct = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? '—' : `${(value * 100).toFixed(2)}%`);
const ratio = (ours: number | undefined, ref: number | undefined): string =>
  ours === undefined || ref === undefined || Number.isNaN(ours) || Number.isNaN(ref) || ref === 0 ? '—' : `${(ours / ref).toFixed(2)}×`;

interface Row {
  metric: string;
  pick: (r: LoadResult) => number;
  show: (v: number | undefined) => string;
  ratio: boolean;
  /** Only shown when a server has it (cross-process and Redis figures exist with several processes only). */
  optional?: boolean;
}

const LOAD_ROWS: Row[] = [
  { metric: 'delivery ratio', pick: (r) => r.deliveryRatio, show: pct, ratio: false },
  { metric: 'converged rooms', pick: (r) => (r.converged ? 1 : 0), show: (v) => (v === undefined ? '—' : v === 1 ? 'all' : 'NO'), ratio: false },
  { metric: 'fan-out p50 (ms)', pick: (r) => r.latencyP50Ms, show: (v) => fmt(v, 1), ratio: true },
  { metric: 'fan-out p99 (ms)', pick: (r) => r.latencyP99Ms, show: (v) => fmt(v, 1), ratio: true },
  { metric: 'fan-out p99 across processes (ms)', pick: (r) => r.crossProcessP99Ms, show: (v) => fmt(v, 1), ratio: false, optional: true },
  { metric: 'server CPU / delivered update (µs)', pick: (r) => r.cpuPerDeliveredUpdateUs, show: (v) => fmt(v, 2), ratio: true },
  { metric: 'server CPU in window (s)', pick: (r) => r.serverCpuS, show: (v) => fmt(v, 2), ratio: true },
  { metric: 'redis CPU / delivered update (µs)', pick: (r) => r.redisCpuPerDeliveredUpdateUs, show: (v) => fmt(v, 2), ratio: false, optional: true },
  { metric: 'redis CPU in window (s)', pick: (r) => r.redisCpuS, show: (v) => fmt(v, 2), ratio: false, optional: true },
  { metric: 'server peak RSS (MiB)', pick: (r) => r.peakRssMiB, show: (v) => fmt(v, 0), ratio: true },
  { metric: 'delivered updates', pick: (r) => r.delivered, show: (v) => fmt(v, 0), ratio: false },
  { metric: 'machine busy (all cores)', pick: (r) => r.machineBusy, show: (v) => (v === undefined ? '—' : `${(v * 100).toFixed(0)}%`), ratio: false },
  { metric: 'other load (cores)', pick: (r) => r.otherLoadCores, show: (v) => fmt(v, 2), ratio: false },
  { metric: 'client event-loop delay p99 (ms)', pick: (r) => r.clientLoopDelayP99Ms, show: (v) => fmt(v, 1), ratio: false },
  { metric: 'awareness msgs/s received by editors', pick: (r) => r.editorAwarenessMsgsPerS, show: (v) => fmt(v, 0), ratio: true },
  { metric: 'awareness KiB/s received by editors', pick: (r) => r.editorAwarenessBytesPerS / 1024, show: (v) => fmt(v, 1), ratio: true },
  { metric: 'awareness msgs/s received by followers', pick: (r) => r.followerAwarenessMsgsPerS, show: (v) => fmt(v, 0), ratio: true, optional: true },
  { metric: 'awareness KiB/s received by followers', pick: (r) => r.followerAwarenessBytesPerS / 1024, show: (v) => fmt(v, 1), ratio: true, optional: true },
  { metric: 'client reconnects', pick: (r) => r.disconnects, show: (v) => fmt(v, 0), ratio: false },
];

function medianOf(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * With --repeat, one row per (server, scenario): the median of each figure,
 * except correctness, where the worst repeat counts.
 */
export function aggregateLoad(results: LoadResult[]): LoadResult[] {
  const groups = new Map<string, LoadResult[]>();
  for (const r of results) {
    const key = `${r.server}/${r.scenario}/${r.processes}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => {
    const first = runs[0] as LoadResult;
    const merged: Record<string, unknown> = { ...first };
    for (const [key, value] of Object.entries(first)) {
      if (typeof value === 'number') merged[key] = medianOf(runs.map((r) => (r as unknown as Record<string, number>)[key] ?? Number.NaN));
    }
    return {
      ...(merged as unknown as LoadResult),
      deliveryRatio: Math.min(...runs.map((r) => r.deliveryRatio)),
      converged: runs.every((r) => r.converged),
      divergentRooms: [...new Set(runs.flatMap((r) => r.divergentRooms))],
      errors: runs.flatMap((r) => r.errors),
    };
  });
}

export function markdownTable(report: BenchReport): string {
  const load = aggregateLoad(report.load);
  const oursProcesses = Math.max(1, ...load.filter((r) => r.server === 'ours').map((r) => r.processes));
  const oursLabel = oursProcesses > 1 ? `Ours (${oursProcesses} processes)` : 'Ours';
  const lines = [`| Scenario | Metric | ${oursLabel} | Reference | Ours/Ref |`, '| --- | --- | ---: | ---: | ---: |'];
  const scenarioNames = [...new Set(load.map((r) => r.scenario))];
  for (const name of scenarioNames) {
    const s = SCENARIOS.find((x) => x.name === name);
    const label = s ? `${name}: R=${s.rooms} E=${s.editorsPerRoom} V=${s.followersPerRoom}, ${s.editsPerSecond}/s` : name;
    const ours = load.find((r) => r.scenario === name && r.server === 'ours');
    const ref = load.find((r) => r.scenario === name && r.server === 'reference');
    const present = (v: number | undefined): boolean => v !== undefined && !Number.isNaN(v);
    const rows = LOAD_ROWS.filter((row) => !row.optional || present(ours && row.pick(ours)) || present(ref && row.pick(ref)));
    rows.forEach((row, i) => {
      const o = ours ? row.pick(ours) : undefined;
      const f = ref ? row.pick(ref) : undefined;
      lines.push(`| ${i === 0 ? label : ''} | ${row.metric} | ${row.show(o)} | ${row.show(f)} | ${row.ratio ? ratio(o, f) : ''} |`);
    });
  }
  if (report.lateJoiner.length > 0) {
    const ours = report.lateJoiner.find((r) => r.server === 'ours');
    const ref = report.lateJoiner.find((r) => r.server === 'reference');
    const edits = (ours ?? ref)?.edits ?? 0;
    const joiners = (ours ?? ref)?.joins.length ?? 0;
    const label = `Late joiner: ${edits.toLocaleString('en-US')} prior edits, median of ${joiners}`;
    const rows: [string, (r: LateJoinerResult) => number, (v: number | undefined) => string, boolean][] = [
      ['initial sync time (ms)', (r) => r.syncMsMedian, (v) => fmt(v, 1), true],
      ['server CPU per join (ms)', (r) => r.serverCpuMsMedian, (v) => fmt(v, 2), true],
      ['all edits present', (r) => (r.allComplete ? 1 : 0), (v) => (v === undefined ? '—' : v === 1 ? 'yes' : 'NO'), false],
      ['document size (KiB)', (r) => r.docBytes / 1024, (v) => fmt(v, 0), false],
      ['server idle CPU (ms/s)', (r) => r.idleCpuMsPerS, (v) => fmt(v, 2), false],
    ];
    rows.forEach(([metric, pick, show, hasRatio], i) => {
      const o = ours ? pick(ours) : undefined;
      const f = ref ? pick(ref) : undefined;
      lines.push(`| ${i === 0 ? label : ''} | ${metric} | ${show(o)} | ${show(f)} | ${hasRatio ? ratio(o, f) : ''} |`);
    });
  }
  let text = lines.join('\n');
  if (report.failures.length > 0) {
    text += '\n\nFailed runs:\n' + report.failures.map((f) => `- ${f.server} ${f.what}: ${f.error.split('\n')[0]}`).join('\n');
  }
  return text;
}

export function writeJson(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
}
