// Client host: runs a share of the benchmark's y-websocket clients in one
// process, forked by the orchestrator. Editors push timestamped entries into
// their own Y.Array; every client observes all editors' arrays of its room and
// records fan-out latency of each remote entry it sees.
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WS from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider, messageAwareness } from 'y-websocket';
import { Histogram } from './histogram.js';
import { setPresence } from './presence.js';
import type { AwarenessTraffic, ClientDigest, ClientSpec, InitMessage, ParentMessage, Role, WorkerMessage, WorkerStats } from './protocol.js';
import { nowMs, sleep } from './time.js';

/** One entry pushed by an editor: [sequence number, send time ms, 1 if inside the measured window]. */
type Entry = [number, number, 0 | 1];

interface Client {
  spec: ClientSpec;
  doc: Y.Doc;
  provider: WebsocketProvider;
  seq: number;
  timer?: NodeJS.Timeout;
  cursorTimer?: NodeJS.Timeout;
}

// every WebsocketProvider adds a process 'exit' listener; hundreds per worker are expected
process.setMaxListeners(0);

const send = (message: WorkerMessage): void => {
  process.send?.(message);
};

let init: InitMessage | undefined;
const clients: Client[] = [];
const latency = new Histogram();
const crossProcessLatency = new Histogram();
let delivered = 0;
let measuring = false;
let measureStart = 0;
let windowMs = 0;
const awarenessReceived: Record<Role, AwarenessTraffic> = { editor: { messages: 0, bytes: 0 }, follower: { messages: 0, bytes: 0 } };
let initialSyncDone = false;
let disconnects = 0;
const sentByRoom: Record<number, number> = {};
let cpuAtMeasure = process.cpuUsage();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

function arrayName(editorId: string): string {
  return `bench:${editorId}`;
}

function createClient(spec: ClientSpec, config: InitMessage): Client {
  const doc = new Y.Doc();
  for (const editorId of config.editorsByRoom[spec.room] ?? []) {
    const crossesProcesses = config.serverProcessOfEditor[editorId] !== spec.serverProcess;
    doc.getArray<Entry>(arrayName(editorId)).observe((event) => {
      // our own pushes are not deliveries
      if (event.transaction.local) return;
      const now = nowMs();
      for (const change of event.changes.delta) {
        if (!Array.isArray(change.insert)) continue;
        for (const entry of change.insert as Entry[]) {
          if (entry[2] !== 1) continue;
          delivered += 1;
          latency.record(now - entry[1]);
          if (crossesProcesses) crossProcessLatency.record(now - entry[1]);
        }
      }
    });
  }
  const provider = new WebsocketProvider(spec.wsUrl, spec.roomName, doc, {
    connect: false,
    params: { token: spec.token },
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
    disableBc: true,
  });
  setPresence(provider, config.awareness ? spec.id : null, spec.role === 'editor' ? 'attendee' : 'follower');
  countAwareness(provider, awarenessReceived[spec.role]);
  provider.on('status', ({ status }) => {
    if (status === 'disconnected' && initialSyncDone) disconnects += 1;
  });
  provider.connect();
  return { spec, doc, provider, seq: 0 };
}

/**
 * Counts the awareness messages a client receives in the measured window, and their bytes: what
 * the server's relay rules (batching, who hears whom) cost each client.
 */
function countAwareness(provider: WebsocketProvider, traffic: AwarenessTraffic): void {
  const handle = provider.messageHandlers[messageAwareness];
  if (!handle) throw new Error('y-websocket has no awareness handler to count with');
  provider.messageHandlers[messageAwareness] = (encoder, decoder, ...rest) => {
    if (measuring) {
      traffic.messages += 1;
      traffic.bytes += decoder.arr.byteLength;
    }
    handle(encoder, decoder, ...rest);
  };
}

function scheduleEdit(client: Client, periodMs: number, first: boolean): void {
  // Uniform jitter around the period (random phase for the first edit) keeps
  // editors from firing in lockstep, which would make bursts, not a rate.
  const delay = first ? Math.random() * periodMs : periodMs * (0.5 + Math.random());
  client.timer = setTimeout(() => {
    const entry: Entry = [client.seq++, nowMs(), measuring ? 1 : 0];
    const entries = client.doc.getArray<Entry>(arrayName(client.spec.id));
    // With a bound, the oldest entries go in the same transaction: the document stops growing, so a
    // long run measures what the server holds for live sessions, not the data they pile up.
    client.doc.transact(() => {
      entries.push([entry]);
      const keep = init?.keep ?? 0;
      if (keep > 0 && entries.length > keep) entries.delete(0, entries.length - keep);
    });
    if (entry[2] === 1) sentByRoom[client.spec.room] = (sentByRoom[client.spec.room] ?? 0) + 1;
    scheduleEdit(client, periodMs, false);
  }, delay);
}

/**
 * Moves an editor's cursor at the given rate, as a pointer moving over the board does: each move
 * changes its awareness state (a `cursor: {x, y}` field), which the provider sends at once. Jittered
 * like the edits, on a random walk so every move is a real change.
 */
function scheduleCursor(client: Client, periodMs: number, first: boolean): void {
  const delay = first ? Math.random() * periodMs : periodMs * (0.5 + Math.random());
  client.cursorTimer = setTimeout(() => {
    const cursor = client.provider.awareness.getLocalState()?.cursor as { x: number; y: number } | undefined;
    const x = (cursor?.x ?? 0) + 1 + Math.round(Math.random() * 10);
    const y = (cursor?.y ?? 0) + Math.round(Math.random() * 10) - 5;
    client.provider.awareness.setLocalStateField('cursor', { x, y });
    scheduleCursor(client, periodMs, false);
  }, delay);
}

async function connectAll(config: InitMessage): Promise<void> {
  for (const spec of config.clients) {
    clients.push(createClient(spec, config));
    await sleep(config.connectSpacingMs);
  }
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !clients.every((c) => c.provider.synced)) await sleep(50);
  initialSyncDone = true;
  const failed = clients.filter((c) => !c.provider.synced).map((c) => c.spec.id);
  send({ type: 'ready', synced: clients.length - failed.length, failed });
}

function stats(): WorkerStats {
  const cpu = process.cpuUsage(cpuAtMeasure);
  return {
    sentByRoom: { ...sentByRoom },
    delivered,
    latency: latency.serialize(),
    crossProcessLatency: crossProcessLatency.serialize(),
    disconnects,
    cpuUs: cpu.user + cpu.system,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    awarenessReceived: structuredClone(awarenessReceived),
    windowMs: measuring ? nowMs() - measureStart : windowMs,
  };
}

function digests(config: InitMessage): ClientDigest[] {
  return clients.map((client) => {
    const arrays = (config.editorsByRoom[client.spec.room] ?? []).map((id) => client.doc.getArray<Entry>(arrayName(id)).toJSON());
    const digest = createHash('sha256').update(JSON.stringify(arrays)).digest('hex');
    return { id: client.spec.id, room: client.spec.room, digest, items: arrays.reduce((n, a) => n + a.length, 0) };
  });
}

async function closeAll(): Promise<void> {
  for (const client of clients) {
    clearTimeout(client.timer);
    clearTimeout(client.cursorTimer);
    client.provider.destroy();
    client.doc.destroy();
  }
  // give the close frames a moment to leave before the process goes away
  await sleep(200);
  process.exit(0);
}

process.on('message', (raw: ParentMessage) => {
  try {
    switch (raw.type) {
      case 'init':
        init = raw;
        connectAll(raw).catch((err: unknown) => send({ type: 'error', message: String(err) }));
        break;
      case 'startEdits': {
        const period = 1000 / (init?.editsPerSecond ?? 1);
        for (const client of clients) if (client.spec.role === 'editor') scheduleEdit(client, period, true);
        break;
      }
      case 'measure':
        measuring = true;
        measureStart = nowMs();
        cpuAtMeasure = process.cpuUsage();
        loopDelay.reset();
        loopDelay.enable();
        if (init && init.cursorRate > 0) {
          for (const client of clients) if (client.spec.role === 'editor') scheduleCursor(client, 1000 / init.cursorRate, true);
        }
        break;
      case 'stopEdits':
        for (const client of clients) {
          clearTimeout(client.timer);
          clearTimeout(client.cursorTimer);
        }
        measuring = false;
        windowMs = nowMs() - measureStart;
        send({ type: 'stopped' });
        break;
      case 'stats':
        send({ type: 'stats', stats: stats() });
        break;
      case 'digest':
        if (init) send({ type: 'digest', digests: digests(init) });
        break;
      case 'close':
        void closeAll();
        break;
    }
  } catch (err) {
    send({ type: 'error', message: (err as Error).stack ?? String(err) });
  }
});

// An orphaned client host must never outlive the orchestrator.
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (err) => {
  send({ type: 'error', message: err.stack ?? String(err) });
  process.exit(1);
});
