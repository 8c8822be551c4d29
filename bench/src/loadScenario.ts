// One scenario against one server (one process, or for ours several sharing a
// Redis): connect every client, warm up, edit at the scenario's rate for the
// measured window, drain, then check delivery and convergence and read the
// server's CPU and peak RSS.
import { cpus } from 'node:os';
import { Histogram } from './histogram.js';
import { machineUtilisation, readMachineCpu } from './procStats.js';
import type { ClientSpec, Role, WorkerStats } from './protocol.js';
import { connections, type Scenario } from './scenarios.js';
import { startServerCluster } from './serverCluster.js';
import type { Room, ServerKind } from './serverProcess.js';
import { nowMs, sleep } from './time.js';
import { WorkerPool } from './workerPool.js';
import { memoryTrend, sampleMemory, type MemorySample, type MemoryTrend } from './memoryTrend.js';

export interface LoadOptions {
  durationS: number;
  warmupS: number;
  workers: number;
  /** Connections opened per second across all workers. */
  connectRate: number;
  awareness: boolean;
  /** Awareness changes (cursor moves) per second per editor in the measured window; 0 for none. */
  cursorRate: number;
  /** Entries each editor keeps (the oldest go); 0 keeps all. */
  keep: number;
  /** Seconds between samples of the server's memory in the window (a soak run); 0 takes none. */
  sampleS: number;
  /** Server processes for ours (sharing a Redis when more than one); the reference always runs one. */
  processes: number;
  log: (line: string) => void;
}

export interface LoadResult {
  server: ServerKind;
  scenario: string;
  /** Server processes the room's clients were dealt over. */
  processes: number;
  connections: number;
  synced: number;
  durationS: number;
  editsSent: number;
  expectedDeliveries: number;
  delivered: number;
  deliveryRatio: number;
  converged: boolean;
  divergentRooms: number[];
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Fan-out between an editor and a receiver on different server processes; NaN with one process. */
  crossProcessP50Ms: number;
  crossProcessP99Ms: number;
  /** Server CPU over the measured window plus drain, summed over the server processes. */
  serverCpuS: number;
  cpuPerDeliveredUpdateUs: number;
  /** The largest server process's. */
  peakRssMiB: number;
  /** With --sample: the memory samples of the window, and their trend once warmed up. */
  memorySamples: MemorySample[];
  memoryTrend: MemoryTrend | null;
  /** Redis's own CPU over the same span and its peak RSS; NaN without Redis. */
  redisCpuS: number;
  redisCpuPerDeliveredUpdateUs: number;
  redisPeakRssMiB: number;
  drainMs: number;
  /** Whole machine (all cores) busy fraction during the window. */
  machineBusy: number;
  /** Fraction of the cores' time the hypervisor gave to other guests. */
  machineSteal: number;
  clientCpuS: number;
  /**
   * Cores kept busy by processes other than the server and its clients (e.g.
   * a build running alongside). Above ~0.2 the run's latencies are suspect.
   */
  otherLoadCores: number;
  clientLoopDelayP99Ms: number;
  /**
   * Awareness messages, and their bytes, that all editors (all followers) together received per
   * second of the measured window; the followers' are NaN in a scenario without followers.
   */
  editorAwarenessMsgsPerS: number;
  editorAwarenessBytesPerS: number;
  followerAwarenessMsgsPerS: number;
  followerAwarenessBytesPerS: number;
  disconnects: number;
  errors: string[];
}

function buildClients(scenario: Scenario, rooms: Room[], wsUrls: string[]): { specs: ClientSpec[]; editorsByRoom: Record<number, string[]>; serverProcessOfEditor: Record<string, number> } {
  const editorsByRoom: Record<number, string[]> = {};
  const serverProcessOfEditor: Record<string, number> = {};
  const perRoom: ClientSpec[][] = [];
  for (let r = 0; r < scenario.rooms; r++) {
    const room = rooms[r] ?? { name: '', editorToken: '', followerToken: '' };
    const roomClients: ClientSpec[] = [];
    const add = (id: string, role: Role, token: string): void => {
      // Dealt round-robin over the server processes, so every room spans all
      // of them (editors and followers alike): with N processes, about
      // (N-1)/N of each editor's receivers sit on another process.
      const serverProcess = roomClients.length % wsUrls.length;
      roomClients.push({ id, room: r, roomName: room.name, token, role, serverProcess, wsUrl: wsUrls[serverProcess] ?? '' });
      if (role === 'editor') serverProcessOfEditor[id] = serverProcess;
    };
    for (let e = 0; e < scenario.editorsPerRoom; e++) add(`r${r}-e${e}`, 'editor', room.editorToken);
    for (let f = 0; f < scenario.followersPerRoom; f++) add(`r${r}-f${f}`, 'follower', room.followerToken);
    editorsByRoom[r] = roomClients.filter((c) => c.role === 'editor').map((c) => c.id);
    perRoom.push(roomClients);
  }
  // Interleave rooms so every room fills up gradually and, dealt round-robin,
  // each room's clients end up spread over all workers (cross-process fan-out).
  const specs: ClientSpec[] = [];
  const longest = Math.max(...perRoom.map((c) => c.length));
  for (let i = 0; i < longest; i++) {
    for (const roomClients of perRoom) {
      const spec = roomClients[i];
      if (spec) specs.push(spec);
    }
  }
  return { specs, editorsByRoom, serverProcessOfEditor };
}

async function collectStats(pool: WorkerPool): Promise<WorkerStats[]> {
  return (await pool.request({ type: 'stats' }, 'stats', 15_000)).map((m) => m.stats);
}

function totalDelivered(stats: WorkerStats[]): number {
  return stats.reduce((n, s) => n + s.delivered, 0);
}

/** Awareness received per second by every client of a role, each worker over its own window. */
function awarenessPerSecond(stats: WorkerStats[], role: Role): { messages: number; bytes: number } {
  let messages = 0;
  let bytes = 0;
  for (const s of stats) {
    const seconds = s.windowMs / 1000;
    if (seconds <= 0) continue;
    messages += s.awarenessReceived[role].messages / seconds;
    bytes += s.awarenessReceived[role].bytes / seconds;
  }
  return { messages, bytes };
}

export async function runLoad(kind: ServerKind, scenario: Scenario, opts: LoadOptions): Promise<LoadResult> {
  const { log } = opts;
  const processes = kind === 'ours' ? opts.processes : 1;
  const server = await startServerCluster(kind, processes);
  let pool: WorkerPool | undefined;
  try {
    const rooms = [];
    for (let r = 0; r < scenario.rooms; r++) rooms.push(await server.createRoom(`bench room ${r + 1}`, scenario.editorsPerRoom));
    const { specs, editorsByRoom, serverProcessOfEditor } = buildClients(scenario, rooms, server.wsUrls);
    const roomSize = scenario.editorsPerRoom + scenario.followersPerRoom;

    const workerCount = Math.min(opts.workers, specs.length);
    pool = new WorkerPool(workerCount);
    const spacing = (workerCount * 1000) / opts.connectRate;
    const readyReplies = pool.request(null, 'ready', 180_000);
    for (let w = 0; w < workerCount; w++) {
      pool.send(w, {
        type: 'init',
        clients: specs.filter((_, i) => i % workerCount === w),
        editorsByRoom,
        serverProcessOfEditor,
        editsPerSecond: scenario.editsPerSecond,
        connectSpacingMs: spacing,
        awareness: opts.awareness,
        cursorRate: opts.cursorRate,
        keep: opts.keep,
      });
    }
    const connectStart = Date.now();
    const ready = await readyReplies;
    const synced = ready.reduce((n, m) => n + m.synced, 0);
    const failed = ready.flatMap((m) => m.failed);
    log(`  ${synced}/${specs.length} clients synced in ${((Date.now() - connectStart) / 1000).toFixed(1)} s`);
    if (failed.length > 0) throw new Error(`${failed.length} clients never synced (e.g. ${failed.slice(0, 3).join(', ')}); server log:\n${server.logTail()}`);

    pool.broadcast({ type: 'startEdits' });
    await sleep(opts.warmupS * 1000);

    const machine0 = readMachineCpu();
    const cpu0 = server.cpuNs();
    const redisCpu0 = server.redisCpuNs();
    pool.broadcast({ type: 'measure' });
    const windowStart = nowMs();
    log(`  measuring from ${new Date().toISOString()} for ${opts.durationS} s`);
    const memory = opts.sampleS > 0 ? await sampleMemory(server, windowStart, opts, log) : [];
    if (opts.sampleS === 0) await sleep(opts.durationS * 1000);
    await pool.request({ type: 'stopEdits' }, 'stopped', 15_000);
    const stopAt = nowMs();

    // Drain: wait until every expected delivery arrived, or until nothing has
    // arrived for a while (then something was lost) — never a fixed long sleep.
    let stats = await collectStats(pool);
    const editsSent = (): number => stats.reduce((n, s) => n + Object.values(s.sentByRoom).reduce((a, b) => a + b, 0), 0);
    const expected = editsSent() * (roomSize - 1);
    let lastDelivered = totalDelivered(stats);
    let lastChange = nowMs();
    while (lastDelivered < expected && nowMs() - lastChange < 3000 && nowMs() - stopAt < 60_000) {
      await sleep(200);
      stats = await collectStats(pool);
      const delivered = totalDelivered(stats);
      if (delivered !== lastDelivered) {
        lastDelivered = delivered;
        lastChange = nowMs();
      }
    }
    const drainMs = (lastDelivered >= expected ? nowMs() : lastChange) - stopAt;
    if (lastDelivered < expected) log(`  ! ${expected - lastDelivered} deliveries missing after the drain; server log tail:\n${server.logTail()}`);
    const cpu1 = server.cpuNs();
    const redisCpu1 = server.redisCpuNs();
    const machine1 = readMachineCpu();
    const windowMs = nowMs() - windowStart;
    const machine = machineUtilisation(machine0, machine1);
    const cores = cpus().length;
    const clientCpuS = stats.reduce((n, s) => n + s.cpuUs, 0) / 1e6;

    const digests = (await pool.request({ type: 'digest' }, 'digest', 30_000)).flatMap((m) => m.digests);
    const divergentRooms: number[] = [];
    for (let r = 0; r < scenario.rooms; r++) {
      const distinct = new Set(digests.filter((d) => d.room === r).map((d) => d.digest));
      if (distinct.size !== 1) divergentRooms.push(r);
    }

    const latency = new Histogram();
    const crossProcessLatency = new Histogram();
    for (const s of stats) {
      latency.merge(s.latency);
      crossProcessLatency.merge(s.crossProcessLatency);
    }
    const delivered = totalDelivered(stats);
    const editorAwareness = awarenessPerSecond(stats, 'editor');
    const followerAwareness = scenario.followersPerRoom > 0 ? awarenessPerSecond(stats, 'follower') : { messages: Number.NaN, bytes: Number.NaN };
    const serverCpuS = Number(cpu1 - cpu0) / 1e9;
    const redisCpuS = redisCpu0 !== null && redisCpu1 !== null ? Number(redisCpu1 - redisCpu0) / 1e9 : Number.NaN;
    const peakRssMiB = server.peakRssMiB();
    const redisPeakRssMiB = server.redisPeakRssMiB() ?? Number.NaN;
    log(`  window+drain ${(windowMs / 1000).toFixed(1)} s, drain ${drainMs.toFixed(0)} ms`);
    return {
      server: kind,
      scenario: scenario.name,
      processes,
      connections: connections(scenario),
      synced,
      durationS: opts.durationS,
      editsSent: editsSent(),
      expectedDeliveries: expected,
      delivered,
      deliveryRatio: expected > 0 ? delivered / expected : Number.NaN,
      converged: divergentRooms.length === 0,
      divergentRooms,
      latencyP50Ms: latency.quantile(0.5),
      latencyP99Ms: latency.quantile(0.99),
      latencyMaxMs: latency.max,
      crossProcessP50Ms: crossProcessLatency.quantile(0.5),
      crossProcessP99Ms: crossProcessLatency.quantile(0.99),
      serverCpuS,
      cpuPerDeliveredUpdateUs: delivered > 0 ? (serverCpuS * 1e6) / delivered : Number.NaN,
      peakRssMiB,
      memorySamples: memory,
      memoryTrend: memoryTrend(memory, opts.durationS),
      redisCpuS,
      redisCpuPerDeliveredUpdateUs: delivered > 0 ? (redisCpuS * 1e6) / delivered : Number.NaN,
      redisPeakRssMiB,
      drainMs,
      machineBusy: machine.busy,
      machineSteal: machine.steal,
      clientCpuS,
      // Redis is part of what is measured, not a neighbour
      otherLoadCores: Math.max(0, (machine.busy * cores * windowMs) / 1000 - serverCpuS - (Number.isNaN(redisCpuS) ? 0 : redisCpuS) - clientCpuS) / (windowMs / 1000),
      clientLoopDelayP99Ms: Math.max(...stats.map((s) => s.loopDelayP99Ms)),
      editorAwarenessMsgsPerS: editorAwareness.messages,
      editorAwarenessBytesPerS: editorAwareness.bytes,
      followerAwarenessMsgsPerS: followerAwareness.messages,
      followerAwarenessBytesPerS: followerAwareness.bytes,
      disconnects: stats.reduce((n, s) => n + s.disconnects, 0),
      errors: [...pool.errors],
    };
  } finally {
    await pool?.close();
    await server.stop();
  }
}
