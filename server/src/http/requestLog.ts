import { performance } from 'node:perf_hooks';
import type { RequestHandler, Response } from 'express';
import { logger, newLogId, type Logger } from '../log/index.js';

const log = logger.child({ component: 'http' });

/** An incoming `X-Request-Id` is kept when it looks like an id (a UUID, a trace id), not arbitrary text. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A path longer than this is cut in the log: a line per request must stay a line. */
const MAX_LOGGED_PATH = 512;
/** Paths polled by machines (load balancers, Prometheus): their lines are at debug unless they fail. */
const POLLED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/metrics']);

/**
 * Gives every request an id (the caller's `X-Request-Id` if sane, else a new one, echoed in the
 * answer) and a child logger carrying it (`requestLogger(res)`), and logs one line when the answer
 * is done: method, path without the query (tokens travel in `?token=`), status and duration.
 */
export function requestLog(onServerError: () => void = () => {}): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : newLogId();
    res.setHeader('X-Request-Id', id);
    const reqLog = log.child({ reqId: id });
    res.locals.log = reqLog;
    const started = performance.now();
    res.once('close', () => {
      const path = req.originalUrl.split('?', 1)[0]!.slice(0, MAX_LOGGED_PATH);
      const status = res.statusCode;
      const line = { method: req.method, path, status, durationMs: Math.round((performance.now() - started) * 10) / 10 };
      if (status >= 500) onServerError();
      if (!res.writableFinished) reqLog.info({ ...line, aborted: true }, 'request aborted');
      else if (status >= 500) reqLog.error(line, 'request');
      else if (POLLED_PATHS.has(path)) reqLog.debug(line, 'request');
      else reqLog.info(line, 'request');
    });
    next();
  };
}

/** The logger of the request being answered (carrying its id), or the HTTP logger outside a request. */
export function requestLogger(res: Response): Logger {
  return (res.locals.log as Logger | undefined) ?? log;
}
