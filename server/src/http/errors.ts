import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { EventError } from '../events/EventError.js';
import { validationDetails, validationSummary, type ValidationDetail } from '@roundtable/shared';
import { requestLogger } from './requestLog.js';

/** An error that answers with its status and a JSON body `{ error, ...extra }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function validationError(error: z.ZodError): HttpError {
  const details: ValidationDetail[] = validationDetails(error);
  return new HttpError(400, `invalid request body: ${validationSummary(details)}`, { details });
}

/** Parses a body with a zod schema, or throws a 400 naming every broken field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined) {
    const message = 'expected a JSON body with Content-Type: application/json';
    throw new HttpError(400, message, { details: [{ path: '', message }] });
  }
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no such endpoint: ${req.method} ${req.path}` });
};

export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof HttpError || error instanceof EventError) {
    res.status(error.status).json({ error: error.message, ...error.extra });
    return;
  }
  // body-parser's errors carry the status and a type.
  const status = typeof error?.status === 'number' ? error.status : 500;
  if (error?.type === 'entity.parse.failed') {
    res.status(400).json({ error: `invalid JSON body: ${error.message}`, details: [{ path: '', message: 'invalid JSON' }] });
  } else if (status >= 400 && status < 500) {
    res.status(status).json({ error: String(error.message ?? 'bad request') });
  } else {
    requestLogger(res).error({ err: error }, 'unexpected error');
    res.status(500).json({ error: 'internal server error' });
  }
};
