import express, { Router, type Response } from 'express';
import type { SessionRecord } from '../storage/index.js';
import { canEdit, isMinutesFormat, sendMinutesSchema, type MinutesEmailPreview, type MinutesFormat } from '@roundtable/shared';
import { z } from 'zod';
import { IMAGE_TYPES } from '../assets/index.js';
import type { SessionService } from '../sessions/index.js';
import { MinutesSendError, type MinutesService } from '../minutes/MinutesService.js';
import { MINUTES_CONTENT_TYPES, renderMinutes } from '../minutes/minutesFormats.js';
import { authorizeRequest } from './auth.js';
import { HttpError, parseBody, validationError } from './errors.js';

export interface MinutesRouterOptions {
  sessions: SessionService;
  minutes: MinutesService;
}

/** Largest whiteboard picture taken for the minutes: a full board at 2x is a few MB. */
export const MAX_BOARD_IMAGE_BYTES = 8 * 1024 * 1024;

const toQuery = z.string().trim().email().max(320).optional();

/**
 * The minutes leaving Roundtable (contract: "Minutes export"): every format for any token, the
 * email for the moderator to review, posting it, and the board's picture for the email.
 */
export function minutesRouter({ sessions, minutes }: MinutesRouterOptions): Router {
  const router = Router();

  router.get('/api/sessions/:id/minutes.:format', async (req, res) => {
    const format = String(req.params.format);
    if (!isMinutesFormat(format)) throw new HttpError(404, `no minutes format "${format}": use md, txt, eml, html or json`);
    const auth = await authorizeRequest(sessions, req);
    const body =
      format === 'eml'
        ? (await minutes.email(auth.session, recipientOf(req.query.to))).raw
        : renderMinutes(await minutes.record(auth.session, auth.role), format);
    setDownloadHeaders(res, format, auth.session.title, req.query.download !== undefined);
    res.send(body);
  });

  router.get('/api/sessions/:id/minutes/email', async (req, res) => {
    const auth = await authorizeRequest(sessions, req);
    if (auth.role !== 'moderator') throw new HttpError(403, 'only the moderator posts the minutes');
    const email = await minutes.email(auth.session, recipientOf(req.query.to));
    const preview: MinutesEmailPreview = {
      from: email.from,
      to: email.to,
      subject: email.subject,
      messageId: email.messageId,
      date: email.date.toUTCString(),
      asOf: email.date.getTime(),
      text: email.text,
      attachments: email.attachments,
      smtpConfigured: minutes.canSend,
    };
    res.set('Cache-Control', 'no-store').json(preview);
  });

  router.post('/api/sessions/:id/minutes/send', async (req, res) => {
    const auth = await authorizeRequest(sessions, req);
    if (auth.role !== 'moderator') throw new HttpError(403, 'only the moderator posts the minutes');
    const body = parseBody(sendMinutesSchema, req.body ?? {});
    try {
      res.json(await minutes.send(auth.session, body));
    } catch (error) {
      if (!(error instanceof MinutesSendError)) throw error;
      const status = { 'no-smtp': 503, 'no-recipient': 400, refused: 502, changed: 409, busy: 409 }[error.reason];
      throw new HttpError(status, error.message, { reason: error.reason });
    }
  });

  router.put(
    '/api/sessions/:id/minutes/board.png',
    // The token first: nobody without a seat gets 8 MB read.
    async (req, res, next) => {
      const auth = await authorizeRequest(sessions, req);
      if (!canEdit(auth.role)) throw new HttpError(403, 'followers cannot change the minutes');
      const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'image/png' && Number(req.get('content-length') ?? 0) > 0) {
        throw new HttpError(415, `the board picture must be image/png, not "${type}"`);
      }
      res.locals.session = auth.session;
      next();
    },
    express.raw({ type: 'image/png', limit: MAX_BOARD_IMAGE_BYTES }),
    async (req, res) => {
      const session = res.locals.session as SessionRecord;
      const body = req.body as Buffer | undefined;
      // An empty body says the board is empty: the email then goes without a picture.
      const png = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      if (png.length > 0 && !IMAGE_TYPES['image/png'].matches(png)) throw new HttpError(400, 'the body is not a PNG image');
      await minutes.saveBoardImage(session.id, png);
      res.status(204).end();
    },
  );

  return router;
}

function recipientOf(value: unknown): string | undefined {
  const parsed = toQuery.safeParse(value === '' ? undefined : value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function setDownloadHeaders(res: Response, format: MinutesFormat, title: string, download: boolean): void {
  res.set({ 'Content-Type': MINUTES_CONTENT_TYPES[format], 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  if (format === 'html') {
    // The page is made of user-written text: escaped, and no script may run even if something slipped.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
  }
  const filename = `${slugOf(title)}-minutes.${format}`;
  res.set('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename="${filename}"`);
}

/** A file name from a title: ASCII letters and digits, dashes between words. */
function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'session';
}
