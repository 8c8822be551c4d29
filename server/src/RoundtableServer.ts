import http from 'node:http';
import path from 'node:path';
import { AssetStore } from './assets/index.js';
import type { AddressInfo } from 'node:net';
import { CLOSE_CODES } from '@roundtable/shared';
import { defaultPublicUrl, type ServerConfig } from './config.js';
import { createHttpApp } from './http/index.js';
import { SessionService } from './sessions/index.js';
import { openStorage, type Storage } from './storage/index.js';
import { RoomRegistry, createSyncEndpoint } from './sync/index.js';

/** The whole server: HTTP API, the built client and the live-document endpoint, on one port. */
export class RoundtableServer {
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly config: ServerConfig & { publicUrl: string },
    readonly storage: Storage,
    readonly httpServer: http.Server,
    readonly registry: RoomRegistry,
    private readonly sync: ReturnType<typeof createSyncEndpoint>,
  ) {}

  static async start(config: ServerConfig): Promise<RoundtableServer> {
    const storage = await openStorage({ dataDir: config.dataDir, redisUrl: config.redisUrl });
    const httpServer = http.createServer();
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    }).catch(async (error: unknown) => {
      await storage.close();
      throw error;
    });
    // With PORT=0 the links can only be known once the port is bound.
    const port = (httpServer.address() as AddressInfo).port;
    const resolved = { ...config, publicUrl: config.publicUrl ?? defaultPublicUrl(config.host, port) };
    const sessions = new SessionService(storage, resolved.publicUrl);
    const registry = new RoomRegistry(storage, config);
    const app = createHttpApp({
      storage,
      sessions,
      assets: new AssetStore(path.join(config.dataDir, 'assets')),
      organizerKey: config.organizerKey,
      clientDir: config.clientDir,
      clientConfig: { tldrawLicenseKey: config.tldrawLicenseKey },
    });
    httpServer.on('request', app);
    const sync = createSyncEndpoint({
      sessions,
      registry,
      maxMessageBytes: config.maxMessageBytes,
      pingIntervalMs: config.pingIntervalMs,
    });
    httpServer.on('upgrade', (req, socket, head) => {
      if (!sync.handleUpgrade(req, socket, head)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      }
    });
    return new RoundtableServer(resolved, storage, httpServer, registry, sync);
  }

  get port(): number {
    return (this.httpServer.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://${this.config.host}:${this.port}`;
  }

  /** Stops accepting, stores every pending write, closes every connection and the storage. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
      await this.registry.closeAll(CLOSE_CODES.goingAway, 'server is shutting down');
      this.sync.close();
      this.httpServer.closeAllConnections();
      await closed;
      await this.storage.close();
      if (this.registry.lostUpdates > 0) {
        throw new Error(`storage refused ${this.registry.lostUpdates} updates; they could not be kept`);
      }
    })();
    return this.stopping;
  }
}
