// Reads per-process kernel accounting from /proc. Linux only, which is what
// the benchmark machine and CI run.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Nanoseconds the process has spent on a CPU, summed over all of its threads.
 * /proc/<pid>/stat only has clock ticks (10 ms), far too coarse for a single
 * late-joiner sync, whereas schedstat's first field is in ns. Threads that
 * exited between two samples drop out of the sum; Node's worker threads
 * (libuv pool, V8 platform) live as long as the process, so that is harmless.
 */
export function readCpuNs(pid: number): bigint {
  let total = 0n;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/);
      total += BigInt(fields[0] ?? '0');
    } catch {
      // the thread exited while we were listing; its time is lost either way
    }
  }
  return total;
}

function statusFieldKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Resident set size now, in MiB. */
export function readRssMiB(pid: number): number {
  return statusFieldKb(pid, 'VmRSS') / 1024;
}

/** Peak resident set size since the process started, in MiB. */
export function readPeakRssMiB(pid: number): number {
  return statusFieldKb(pid, 'VmHWM') / 1024;
}

export interface MachineCpuSample {
  busy: number;
  steal: number;
  total: number;
}

/** Whole-machine jiffies, to tell when clients and server together saturate the box. */
export function readMachineCpu(): MachineCpuSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  // idle + iowait mean "nothing to run"; steal is time the hypervisor gave to
  // someone else, a sign of a noisy neighbour rather than of our own load
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const steal = values[7] ?? 0;
  return { busy: total - idle - steal, steal, total };
}

/** Fractions (0..1) of all cores busy in this VM and stolen by the host between two samples. */
export function machineUtilisation(a: MachineCpuSample, b: MachineCpuSample): { busy: number; steal: number } {
  const total = b.total - a.total;
  return total > 0 ? { busy: (b.busy - a.busy) / total, steal: (b.steal - a.steal) / total } : { busy: 0, steal: 0 };
}
