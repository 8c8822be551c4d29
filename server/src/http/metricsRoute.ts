import type { RequestHandler } from 'express';
import { PROMETHEUS_CONTENT_TYPE, type ServerMetrics } from '../metrics/index.js';
import { timingSafeEqualStrings } from '../sessions/index.js';

/**
 * `GET /metrics` in the Prometheus text format. It shows counts and timings, no secret and no
 * content, but an operator may keep it private: with `METRICS_TOKEN` set it needs
 * `Authorization: Bearer <METRICS_TOKEN>` (Prometheus's `authorization` scrape setting).
 */
export function metricsRoute(metrics: ServerMetrics, metricsToken: string | undefined): RequestHandler {
  return (req, res) => {
    if (metricsToken !== undefined) {
      const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
      if (!presented || !timingSafeEqualStrings(presented, metricsToken)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
        return;
      }
    }
    res.status(200).set('Content-Type', PROMETHEUS_CONTENT_TYPE).set('Cache-Control', 'no-store').send(metrics.render());
  };
}
