import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AssetStore } from './assets/index.js';
import type { AddressInfo } from 'node:net';
import { CLOSE_CODES } from '@roundtable/shared';
import { defaultPublicUrl, type ServerConfig } from './config.js';
import { createHttpApp } from './http/index.js';
import { SessionService } from './sessions/index.js';
import { openStorage, type Storage } from './storage/index.js';
import { openDocumentFeed, openSeatLedger } from './cluster/index.js';
import type { SeatLedger } from './sync/SeatLedger.js';
import type { DocumentFeed } from './sync/DocumentFeed.js';
import { RoomRegistry, createSyncEndpoint } from './sync/index.js';
import { TimerService } from './timer/index.js';
import { MinutesService } from './minutes/index.js';
import { QuestionService } from './questions/index.js';
import { SmtpMailer, mailSender } from './mail/index.js';
import { EventService, ModeratorMailer } from './events/index.js';
import { createControlPlane, type ControlPlane } from './control/index.js';
import { CONTROL_PATH } from '@roundtable/shared';
import { ConnectionRateLimiter, clientAddressFrom } from './limits/index.js';
import { ServerMetrics } from './metrics/index.js';
import { logger } from './log/index.js';

const log = logger.child({ component: 'server' });

/** The whole server: HTTP API, the built client, the live-document endpoint and the control plane, on one port. */
export class RoundtableServer {
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly config: ServerConfig & { publicUrl: string },
    readonly storage: Storage,
    readonly httpServer: http.Server,
    readonly registry: RoomRegistry,
    readonly timers: TimerService,
    readonly metrics: ServerMetrics,
    private readonly feed: DocumentFeed | null,
    private readonly seats: SeatLedger | null,
    private readonly sync: ReturnType<typeof createSyncEndpoint>,
    private readonly control: ControlPlane,
    private readonly mailer: SmtpMailer | null,
  ) {}

  static async start(config: ServerConfig): Promise<RoundtableServer> {
    const storage = await openStorage({ dataDir: config.dataDir, redisUrl: config.redisUrl });
    const httpServer = http.createServer();
    const metrics = new ServerMetrics();
    // Set at the end; the HTTP app and the upgrade handler ask it whether a shutdown has begun.
    let server: RoundtableServer | undefined;
    // What is open so far, closed again (last first) if a later step fails.
    const undo: (() => unknown)[] = [() => storage.close(), () => metrics.close()];
    try {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      undo.push(() => httpServer.close());
      // With PORT=0 the links can only be known once the port is bound.
      const port = (httpServer.address() as AddressInfo).port;
      const resolved = { ...config, publicUrl: config.publicUrl ?? defaultPublicUrl(config.host, port) };
      const sessions = new SessionService(storage, resolved.publicUrl);
      const feed = await openDocumentFeed(storage, config.redisUrl);
      undo.push(() => feed?.close());
      const seats = await openSeatLedger(storage, config.redisUrl);
      undo.push(() => seats?.close());
      const registry = new RoomRegistry(storage, config, feed, seats, metrics);
      const timers = new TimerService(storage);
      const mailer = config.smtpUrl ? new SmtpMailer(config.smtpUrl) : null;
      undo.push(() => mailer?.close());
      const sender = mailSender(resolved.publicUrl, config.mailFrom);
      const minutes = new MinutesService(storage, timers, { publicUrl: resolved.publicUrl, sender, mailer });
      const questions = new QuestionService(storage, minutes, timers);
      const events = new EventService(storage, sessions, {
        publicUrl: resolved.publicUrl,
        organizerKey: config.organizerKey,
        mailer: mailer && new ModeratorMailer(mailer, sender),
      });
      const app = createHttpApp({
        storage,
        sessions,
        timers,
        minutes,
        events,
        assets: new AssetStore(path.join(config.dataDir, 'assets')),
        organizerKey: config.organizerKey,
        clientDir: config.clientDir,
        clientConfig: { tldrawLicenseKey: config.tldrawLicenseKey },
        metrics,
        metricsToken: config.metricsToken,
        scheduleEmbedOrigins: config.scheduleEmbedOrigins,
        shuttingDown: () => server?.isStopping ?? false,
      });
      httpServer.on('request', app);
      // One count of new connections per address for both endpoints: a page opens one of each.
      const connectionLimiter = new ConnectionRateLimiter(config.connectionRateLimit);
      const clientAddress = clientAddressFrom(config.trustProxy);
      const sync = createSyncEndpoint({
        sessions,
        registry,
        maxMessageBytes: config.maxMessageBytes,
        pingIntervalMs: config.pingIntervalMs,
        metrics,
        messageRateLimits: config.messageRateLimits,
        earlyFrameLimits: config.earlyFrameLimits,
        connectionLimiter,
        clientAddress,
      });
      undo.push(() => sync.close());
      // socket.io adds its own request and upgrade listeners for CONTROL_PATH.
      const control = await createControlPlane(httpServer, {
        sessions,
        timers,
        minutes,
        questions,
        redisUrl: config.redisUrl,
        metrics,
        connectionLimiter,
        clientAddress,
      });
      httpServer.on('upgrade', (req, socket, head) => {
        // The listener is closed at once; this refuses an upgrade sent over a connection already open.
        if (server?.isStopping) return void socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
        if (sync.handleUpgrade(req, socket, head)) return;
        if (req.url?.startsWith(`${CONTROL_PATH}/`)) return; // socket.io's
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      });
      metrics.watch({
        connections: (kind) => (kind === 'sync' ? sync.connectionsByRole() : control.connectionsByRole()),
        roomsLoaded: () => registry.loadedCount,
      });
      server = new RoundtableServer(resolved, storage, httpServer, registry, timers, metrics, feed, seats, sync, control, mailer);
      return server;
    } catch (error) {
      for (const step of undo.reverse()) await Promise.resolve(step()).catch(() => {});
      throw error;
    }
  }

  get port(): number {
    return (this.httpServer.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://${this.config.host}:${this.port}`;
  }

  /** True from the moment `stop()` is called: `/healthz` answers 503 and nothing new is accepted. */
  get isStopping(): boolean {
    return this.stopping !== null;
  }

  /**
   * Stops accepting, closes every sync connection with 1001 (clients reconnect elsewhere or later),
   * stores every pending write, disconnects the control plane, and closes the storage.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const started = performance.now();
      const rooms = this.registry.loadedCount;
      log.info({ rooms, syncConnections: this.sync.connectionCount }, 'shutting down: storing every pending change');
      const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
      await this.registry.closeAll(CLOSE_CODES.goingAway, 'server is shutting down');
      await this.feed?.close();
      await this.seats?.close();
      this.sync.close();
      this.timers.stop();
      this.metrics.close();
      await this.control.close();
      this.mailer?.close();
      this.httpServer.closeAllConnections();
      await closed;
      await this.storage.close();
      if (this.registry.lostUpdates > 0) {
        throw new Error(`storage refused ${this.registry.lostUpdates} updates; they could not be kept`);
      }
      log.info({ rooms, durationMs: Math.round(performance.now() - started) }, 'shut down: every room stored and closed');
    })();
    return this.stopping;
  }
}
