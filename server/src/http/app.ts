import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { SessionService } from '../sessions/index.js';
import type { Storage } from '../storage/index.js';
import { errorHandler, notFound } from './errors.js';
import { sessionsRouter } from './sessionsRouter.js';
import { assetsRouter } from './assetsRouter.js';
import { timerRouter } from './timerRouter.js';
import type { TimerService } from '../timer/index.js';
import type { MinutesService } from '../minutes/index.js';
import { minutesRouter } from './minutesRouter.js';
import type { EventService } from '../events/index.js';
import { eventsRouter } from './eventsRouter.js';
import type { AssetStore } from '../assets/index.js';
import { securityHeaders } from './securityHeaders.js';
import type { ServerMetrics } from '../metrics/index.js';
import { requestLog } from './requestLog.js';
import { metricsRoute } from './metricsRoute.js';

export interface HttpAppOptions {
  storage: Storage;
  sessions: SessionService;
  timers: TimerService;
  minutes: MinutesService;
  events: EventService;
  assets: AssetStore;
  organizerKey?: string;
  /** The built client (client/dist); served with a fallback to index.html for client routes. */
  clientDir?: string;
  /** What the page needs to know at start, embedded in it (no extra request). */
  clientConfig?: ClientConfig;
  /** Served at `GET /metrics`; with `metricsToken`, only to `Authorization: Bearer <token>`. */
  metrics?: ServerMetrics;
  metricsToken?: string;
  /** Sites that may show an event's public schedule in a frame (`SCHEDULE_EMBED_ORIGINS`). */
  scheduleEmbedOrigins?: readonly string[];
  /** True once the server is shutting down: `/healthz` then answers 503 so load balancers look elsewhere. */
  shuttingDown?: () => boolean;
}

export interface ClientConfig {
  tldrawLicenseKey?: string;
}

export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const { metrics } = options;
  app.use(requestLog(() => metrics?.error('http_5xx')));
  app.use(securityHeaders({ scheduleEmbedOrigins: options.scheduleEmbedOrigins }));

  app.get('/healthz', (_req, res) => {
    const error = options.shuttingDown?.() ? 'server is shutting down' : options.storage.isOpen() ? null : 'storage is not open';
    res.status(error ? 503 : 200).json(error ? { ok: false, error } : { ok: true });
  });
  if (metrics) app.get('/metrics', metricsRoute(metrics, options.metricsToken));

  app.use(assetsRouter(options)); // before the JSON parser: its bodies are images
  app.use('/api', express.json({ limit: '256kb', strict: false }));
  app.use(sessionsRouter(options));
  app.use(timerRouter(options));
  app.use(minutesRouter(options));
  app.use(eventsRouter(options));
  app.use('/api', notFound);

  const clientDir = options.clientDir;
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    // The client is ~2.5 MB of JavaScript and ~0.6 MB gzipped: it matters on a conference's wifi.
    app.use(compression());
    // Built files are named by their content hash, so they never change under their name.
    app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
    // A stale page asking for an old chunk must get a 404, not the page as JavaScript.
    app.use('/assets', notFound);
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    const page = withClientConfig(fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8'), options.clientConfig ?? {});
    // Client-side routes (/s/:id, ...) all load the single page.
    app.get('/{*splat}', (_req, res) => {
      res.type('html').set('Cache-Control', 'no-cache').send(page);
    });
  }
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/** Embeds the client's configuration as inert JSON; `<` is escaped so no value can end the tag. */
function withClientConfig(html: string, config: ClientConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return html.replace('</head>', `<script type="application/json" id="roundtable-config">${json}</script></head>`);
}
