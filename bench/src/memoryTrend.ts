// A soak run's memory: samples of the server's RSS (and JS heap, where /metrics reports it) over
// the measured window, and whether they stay flat once warmed up.
import type { ServerCluster } from './serverCluster.js';
import { nowMs, sleep } from './time.js';

export interface MemorySample {
  /** Seconds since the measured window began. */
  atS: number;
  /** The largest server process's RSS, and the sum of their JS heaps (null: not reported). */
  rssMiB: number;
  heapUsedMiB: number | null;
  /** The V8 heap reserved and the memory outside it, summed over the processes (null: not reported). */
  heapTotalMiB?: number | null;
  externalMiB?: number | null;
}

export interface MemoryTrend {
  /** Samples from this many seconds on count as warmed up: the first sixth of the window is not. */
  warmedUpAtS: number;
  rssAtWarmUpMiB: number;
  rssAtEndMiB: number;
  rssMaxMiB: number;
  /** Least-squares slope of the warmed-up RSS samples, MiB per 10 minutes. */
  rssSlopeMiBPer10Min: number;
  heapAtWarmUpMiB: number | null;
  heapAtEndMiB: number | null;
  heapSlopeMiBPer10Min: number | null;
}

/** Samples every `sampleS` seconds until `durationS` after `windowStart`, logging one line a minute. */
export async function sampleMemory(
  server: ServerCluster,
  windowStart: number,
  opts: { durationS: number; sampleS: number },
  log: (line: string) => void,
): Promise<MemorySample[]> {
  const samples: MemorySample[] = [];
  const end = windowStart + opts.durationS * 1000;
  let lastLog = Number.NEGATIVE_INFINITY;
  for (;;) {
    const processes = await server.memory();
    const sum = (values: (number | null)[]) => (values.every((v) => v !== null) ? values.reduce((a, b) => a! + b!, 0) : null);
    const sample: MemorySample = {
      atS: (nowMs() - windowStart) / 1000,
      rssMiB: Math.max(...processes.map((p) => p.rssMiB)),
      heapUsedMiB: sum(processes.map((p) => p.heapUsedMiB)),
      heapTotalMiB: sum(processes.map((p) => p.heapTotalMiB)),
      externalMiB: sum(processes.map((p) => p.externalMiB)),
    };
    samples.push(sample);
    if (sample.atS - lastLog >= 60) {
      lastLog = sample.atS;
      const heap = sample.heapUsedMiB === null ? '' : `, heap ${sample.heapUsedMiB.toFixed(1)} MiB`;
      const reserved = sample.heapTotalMiB == null ? '' : ` of ${sample.heapTotalMiB.toFixed(1)}, external ${sample.externalMiB?.toFixed(1) ?? '?'} MiB`;
      log(`  ${Math.round(sample.atS)} s: RSS ${sample.rssMiB.toFixed(1)} MiB${heap}${reserved}`);
    }
    const left = end - nowMs();
    if (left <= 0) return samples;
    await sleep(Math.min(opts.sampleS * 1000, left));
  }
}

export function memoryTrend(samples: MemorySample[], durationS: number): MemoryTrend | null {
  const warmedUpAtS = durationS / 6;
  const warm = samples.filter((s) => s.atS >= warmedUpAtS);
  if (warm.length < 2) return null;
  const first = warm[0]!;
  const last = warm[warm.length - 1]!;
  const heap = warm.every((s) => s.heapUsedMiB !== null) ? warm.map((s) => s.heapUsedMiB!) : null;
  return {
    warmedUpAtS,
    rssAtWarmUpMiB: first.rssMiB,
    rssAtEndMiB: last.rssMiB,
    rssMaxMiB: Math.max(...warm.map((s) => s.rssMiB)),
    rssSlopeMiBPer10Min: slope(warm.map((s) => s.atS), warm.map((s) => s.rssMiB)) * 600,
    heapAtWarmUpMiB: heap ? heap[0]! : null,
    heapAtEndMiB: heap ? heap[heap.length - 1]! : null,
    heapSlopeMiBPer10Min: heap ? slope(warm.map((s) => s.atS), heap) * 600 : null,
  };
}

/** Least-squares slope of y over x. */
export function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (x[i]! - mx) * (y[i]! - my);
    den += (x[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
