import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { SessionService } from '../sessions/index.js';
import type { Storage } from '../storage/index.js';
import { errorHandler, notFound } from './errors.js';
import { sessionsRouter } from './sessionsRouter.js';

export interface HttpAppOptions {
  storage: Storage;
  sessions: SessionService;
  organizerKey?: string;
  /** The built client (client/dist); served with a fallback to index.html for client routes. */
  clientDir?: string;
}

export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.get('/healthz', (_req, res) => {
    const ok = options.storage.isOpen();
    res.status(ok ? 200 : 503).json(ok ? { ok: true } : { ok: false, error: 'storage is not open' });
  });

  app.use('/api', express.json({ limit: '256kb', strict: false }));
  app.use(sessionsRouter(options));
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
    // Client-side routes (/s/:id, ...) all load the single page.
    app.get('/{*splat}', (_req, res) => {
      res.sendFile(path.join(clientDir, 'index.html'), { maxAge: 0 });
    });
  }
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
