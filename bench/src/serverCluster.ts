// The server(s) one scenario run measures: a single process as before, or for
// ours N processes serving the same sessions through one Redis the bench
// starts. The load code sees the same thing either way: one ws URL per process,
// rooms, and CPU and memory summed or maxed over the processes.
import { startRedis, type RedisHandle } from './redisServer.js';
import { startServer, type Room, type ServerHandle, type ServerKind } from './serverProcess.js';

export interface ServerCluster {
  kind: ServerKind;
  /** One WebsocketProvider base URL per server process, in start order. */
  wsUrls: string[];
  /** Sessions are created on the first process; the others learn them through Redis. */
  createRoom(title: string, capacity: number): Promise<Room>;
  /** CPU of all server processes together (Redis not included). */
  cpuNs(): bigint;
  /** Redis's own CPU, reported apart from the servers'; null without Redis. */
  redisCpuNs(): bigint | null;
  /** Peak RSS of the largest server process: the memory one machine of a deployment needs. */
  peakRssMiB(): number;
  /** Each server process's memory now: its RSS, and its JS heap where it reports one on /metrics. */
  memory(): Promise<{ rssMiB: number; heapUsedMiB: number | null; heapTotalMiB: number | null; externalMiB: number | null }[]>;
  redisPeakRssMiB(): number | null;
  logTail(): string;
  stop(): Promise<void>;
}

function cluster(kind: ServerKind, servers: ServerHandle[], redis: RedisHandle | null): ServerCluster {
  const first = servers[0];
  if (!first) throw new Error('a cluster needs at least one server process');
  return {
    kind,
    wsUrls: servers.map((s) => s.wsUrl),
    createRoom: (title, capacity) => first.createRoom(title, capacity),
    cpuNs: () => servers.reduce((sum, s) => sum + s.cpuNs(), 0n),
    redisCpuNs: () => redis?.cpuNs() ?? null,
    peakRssMiB: () => Math.max(...servers.map((s) => s.peakRssMiB())),
    memory: () =>
      Promise.all(
        servers.map(async (s) => {
          const heap = await heapMiB(s.httpUrl);
          return { rssMiB: s.rssMiB(), heapUsedMiB: heap?.used ?? null, heapTotalMiB: heap?.total ?? null, externalMiB: heap?.external ?? null };
        }),
      ),
    redisPeakRssMiB: () => redis?.peakRssMiB() ?? null,
    logTail: () => {
      const parts = servers.map((s, i) => (servers.length > 1 ? `--- server process ${i + 1} (pid ${s.pid}) ---\n` : '') + s.logTail());
      if (redis) parts.push(`--- redis-server (pid ${redis.pid}) ---\n${redis.logTail()}`);
      return parts.join('\n');
    },
    async stop(): Promise<void> {
      await Promise.all(servers.map((s) => s.stop()));
      // last, so no server logs Redis errors while shutting down
      await redis?.stop();
    },
  };
}

/** The server's memory figures from its /metrics, in MiB; null where it has none (the reference). */
async function heapMiB(httpUrl: string): Promise<{ used: number; total: number | null; external: number | null } | null> {
  try {
    const res = await fetch(`${httpUrl}/metrics`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) return null;
    const lines = (await res.text()).split('\n');
    const read = (name: string): number | null => {
      const line = lines.find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
      const value = line ? Number(line.trim().split(/\s+/).at(-1)) : Number.NaN;
      return Number.isFinite(value) ? value / 1024 / 1024 : null;
    };
    const used = read('nodejs_heap_used_bytes');
    return used === null ? null : { used, total: read('nodejs_heap_total_bytes'), external: read('nodejs_external_memory_bytes') };
  } catch {
    return null;
  }
}

/** Starts `processes` servers of `kind`; more than one shares a fresh Redis (ours only). */
export async function startServerCluster(kind: ServerKind, processes: number): Promise<ServerCluster> {
  if (processes <= 1) return cluster(kind, [await startServer(kind)], null);
  if (kind !== 'ours') throw new Error(`the ${kind} server has no multi-process mode`);
  const redis = await startRedis();
  const servers: ServerHandle[] = [];
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServer(kind, { env: { REDIS_URL: redis.url } }));
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
    throw new Error(`${(err as Error).message}\n--- redis-server ---\n${redis.logTail()}`);
  }
  return cluster(kind, servers, redis);
}
